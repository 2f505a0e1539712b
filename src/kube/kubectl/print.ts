// `kubectl get` output as kubectl 1.30 prints it: the human-readable tables (with
// -o wide, -A and the kind prefix of `get pods,svc`), -o name, -o yaml and -o json.
// Learners compare what they see here with real clusters and tutorials, so the cell
// texts, column order and spacing follow kubectl's printers rather than a tidier design.

import { BATCH_COLUMNS } from './print-batch';
import { toJson, toYaml } from './print-structured';
import type { ResourceInfo } from '../api/resources';
import { parseTimestamp } from '../api/time';
import { qualifiedName } from './resource-name';
import type {
  ConfigMap, Deployment, Endpoints, EndpointSlice, KubeEvent, KubeObject, LabelSelector, Lease, Namespace, Node, Pod, ReplicaSet, Secret, Service,
} from '../api/types';

// ---- time ----

/** apimachinery's duration.HumanDuration: about 2-3 significant figures, finer while
 * the age is small. Up to a second of skew reads as "0s" (clocks drift); more is
 * "<invalid>", which is what kubectl shows for a timestamp in the future. */
export function humanDuration(ms: number): string {
  const secs = Math.trunc(ms / 1000);
  if (secs < -1) return '<invalid>';
  if (secs < 0) return '0s';
  if (secs < 120) return `${secs}s`;
  const mins = Math.floor(secs / 60);
  if (mins < 10) return secs % 60 === 0 ? `${mins}m` : `${mins}m${secs % 60}s`;
  if (mins < 180) return `${mins}m`;
  const hours = Math.floor(mins / 60);
  if (hours < 8) return mins % 60 === 0 ? `${hours}h` : `${hours}h${mins % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** The AGE column (kubectl's translateTimestampSince): "<unknown>" for a zero time. */
export function age(fromTimestamp: string | undefined, nowMs: number): string {
  const from = fromTimestamp ? parseTimestamp(fromTimestamp) : NaN;
  return Number.isNaN(from) ? '<unknown>' : humanDuration(nowMs - from);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z, which kubectl describe uses for absolute times, in UTC (the sim
 * has no local zone). A missing time prints as Go's zero time, as kubectl does for a
 * zero metav1.Time. */
export function rfc1123z(ts: string | undefined): string {
  const ms = ts ? parseTimestamp(ts) : NaN;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})/.exec(ts ?? '');
  if (Number.isNaN(ms) || !m) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  // Sim time 0 (2026-01-01) was a Thursday.
  const day = DAYS[(((4 + Math.floor(ms / 86_400_000)) % 7) + 7) % 7]!;
  return `${day}, ${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]} +0000`;
}

// ---- layout ----

/** Go's text/tabwriter (left-aligned, space padding), which both `get` and `describe`
 * write through. A column's width is settled per *block* of consecutive lines that have
 * a cell in that column, so a line without tabs restarts the alignment; the text after
 * a line's last tab is not a cell and is never padded (no trailing spaces there). */
export function tabwrite(text: string, minwidth: number, padding: number): string {
  const lines = text.split('\n').map((l) => l.split('\t'));
  const width = (s: string) => [...s].length;
  const widths: number[] = [];
  const out: string[] = [];
  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out.push(lines[i]!.map((c, j) => (j < widths.length ? c + ' '.repeat(widths[j]! - width(c)) : c)).join(''));
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = minwidth;
      for (; t < line1 && column < lines[t]!.length - 1; t++) w = Math.max(w, width(lines[t]![column]!) + padding);
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
    }
    writeLines(line0, line1);
  };
  format(0, lines.length);
  return out.join('\n');
}

/** kubectl's printers use tabwriter with minwidth 6 and padding 3. */
function table(header: string[], rows: string[][]): string {
  return tabwrite([header, ...rows].map((r) => r.join('\t')).join('\n'), 6, 3);
}

// ---- cell helpers ----

/** metav1.LabelSelector as labels.Selector.String(): requirements sorted by key. */
export function selectorString(sel: LabelSelector | undefined): string {
  const reqs: [string, string][] = Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const e of sel?.matchExpressions ?? []) {
    const vals = `(${[...(e.values ?? [])].sort().join(',')})`;
    const text = { In: `${e.key} in ${vals}`, NotIn: `${e.key} notin ${vals}`, Exists: e.key, DoesNotExist: `!${e.key}` }[e.operator];
    reqs.push([e.key, text]);
  }
  return reqs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((r) => r[1]).join(',');
}

/** labels.FormatLabels: sorted `k=v` pairs, "<none>" when empty. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

/** `node-role.kubernetes.io/<role>` labels (and the old `kubernetes.io/role`), sorted. */
export function nodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

interface PodSummary {
  status: string;
  ready: number;
  restarts: number;
  lastRestart: string | undefined;
}

/** kubectl's printPod reasoning. Containers are walked last to first, so the first
 * container with a waiting/terminated reason decides the STATUS; only a ready, running
 * container counts as READY. */
function summarizePod(pod: Pod): PodSummary {
  const st = pod.status ?? {};
  let status: string = st.reason || st.phase || '';
  let ready = 0;
  let restarts = 0;
  let lastRestart: string | undefined;
  let hasRunning = false;
  const cs = st.containerStatuses ?? [];
  for (let i = cs.length - 1; i >= 0; i--) {
    const c = cs[i]!;
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished && (!lastRestart || parseTimestamp(finished) > parseTimestamp(lastRestart))) lastRestart = finished;
    if (c.state?.waiting?.reason) status = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) status = c.state.terminated.reason;
    else if (c.state?.terminated) status = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state?.running) {
      hasRunning = true;
      ready++;
    }
  }
  // A pod whose other containers still run is not "Completed" as a whole.
  if (status === 'Completed' && hasRunning) {
    status = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp && st.reason === 'NodeLost') status = 'Unknown';
  else if (pod.metadata.deletionTimestamp && st.phase !== 'Succeeded' && st.phase !== 'Failed') status = 'Terminating';
  return { status, ready, restarts, lastRestart };
}

export function podStatusText(pod: Pod): string {
  return summarizePod(pod).status;
}

/** STATUS of `kubectl get nodes`: the Ready condition, then SchedulingDisabled. */
export function nodeStatusText(node: Node): string {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export const containerCells = (spec: { containers: { name: string; image: string }[] }) => [
  spec.containers.map((c) => c.name).join(','),
  spec.containers.map((c) => c.image).join(','),
];

/** EndpointSlice PORTS / ENDPOINTS: three entries, then " + N more...". */
function listWithMore(items: string[]): string {
  if (items.length > 3) return `${items.slice(0, 3).join(',')} + ${items.length - 3} more...`;
  return items.length ? items.join(',') : '<unset>';
}

/** Endpoints ENDPOINTS (printers.go formatEndpoints): ready ip:port per subset and port,
 * three of them, then " + N more..."; <none> without subsets. */
function formatEndpoints(ep: Endpoints): string {
  if (!ep.subsets || ep.subsets.length === 0) return '<none>';
  const all: string[] = [];
  for (const ss of ep.subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) all.push(...addrs.map((a) => a.ip));
    else for (const p of ss.ports) all.push(...addrs.map((a) => `${a.ip}:${p.port}`));
  }
  return all.length > 3 ? `${all.slice(0, 3).join(',')} + ${all.length - 3} more...` : all.join(',');
}

/** Service EXTERNAL-IP by type; a LoadBalancer without an address is "<pending>". */
function serviceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec as Service['spec'] & { externalIPs?: string[]; externalName?: string };
  const external = spec.externalIPs ?? [];
  switch (spec.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string }[];
      let lb = ingress.map((i) => i.ip || i.hostname || '').filter(Boolean).join(',');
      if (!wide && lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      const all = [...(lb ? lb.split(',') : []), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

// ---- columns per resource ----

export interface Columns {
  header(wide: boolean): string[];
  row(obj: KubeObject, wide: boolean, now: number): string[];
}

const COLUMNS: Record<string, Columns> = {
  pods: {
    header: (w) => ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(w ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
    row: (o, w, now) => {
      const pod = o as Pod;
      const s = summarizePod(pod);
      const restarts = s.restarts && s.lastRestart ? `${s.restarts} (${age(s.lastRestart, now)} ago)` : String(s.restarts);
      const ip = pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>';
      const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName || '<none>';
      return [pod.metadata.name ?? '', `${s.ready}/${pod.spec.containers.length}`, s.status, restarts, age(pod.metadata.creationTimestamp, now),
        ...(w ? [ip, pod.spec.nodeName || '<none>', nominated, '<none>'] : [])];
    },
  },
  nodes: {
    header: (w) => ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', ...(w ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'] : [])],
    row: (o, w, now) => {
      const node = o as Node;
      const info = node.status?.nodeInfo;
      const addr = (t: string) => node.status?.addresses?.find((a) => a.type === t)?.address ?? '<none>';
      return [node.metadata.name ?? '', nodeStatusText(node), nodeRoles(node).join(',') || '<none>', age(node.metadata.creationTimestamp, now), info?.kubeletVersion ?? '',
        ...(w ? [addr('InternalIP'), addr('ExternalIP'), info?.osImage || '<unknown>', info?.kernelVersion || '<unknown>', info?.containerRuntimeVersion || '<unknown>'] : [])];
    },
  },
  deployments: {
    header: (w) => ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(w ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
    row: (o, w, now) => {
      const d = o as Deployment;
      const s = d.status ?? {};
      return [d.metadata.name ?? '', `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(s.updatedReplicas ?? 0), String(s.availableReplicas ?? 0),
        age(d.metadata.creationTimestamp, now), ...(w ? [...containerCells(d.spec.template.spec), selectorString(d.spec.selector)] : [])];
    },
  },
  replicasets: {
    header: (w) => ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(w ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
    row: (o, w, now) => {
      const rs = o as ReplicaSet;
      return [rs.metadata.name ?? '', String(rs.spec.replicas ?? 1), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0),
        age(rs.metadata.creationTimestamp, now), ...(w ? [...containerCells(rs.spec.template.spec), selectorString(rs.spec.selector)] : [])];
    },
  },
  services: {
    header: (w) => ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(w ? ['SELECTOR'] : [])],
    row: (o, w, now) => {
      const svc = o as Service;
      const ports = (svc.spec.ports ?? []).map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
      return [svc.metadata.name ?? '', svc.spec.type ?? 'ClusterIP', svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>', serviceExternalIP(svc, w),
        ports || '<none>', age(svc.metadata.creationTimestamp, now), ...(w ? [formatLabels(svc.spec.selector)] : [])];
    },
  },
  leases: {
    header: () => ['NAME', 'HOLDER', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', (o as Lease).spec.holderIdentity ?? '', age(o.metadata.creationTimestamp, now)],
  },
  events: {
    // -o wide moves MESSAGE to the middle and adds where and how often it was seen.
    header: (w) => (w ? ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'MESSAGE', 'FIRST SEEN', 'COUNT', 'NAME'] : ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']),
    row: (o, w, now) => {
      const e = o as KubeEvent;
      const first = age(e.firstTimestamp ?? (e as { eventTime?: string }).eventTime, now);
      const last = e.lastTimestamp ? age(e.lastTimestamp, now) : first;
      const io = e.involvedObject;
      const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
      const message = e.message.trim();
      if (!w) return [last, e.type, e.reason, target, message];
      const component = e.source?.component || e.reportingComponent || '';
      const host = e.source?.host || e.reportingInstance || '';
      const source = component && host ? `${component}, ${host}` : component;
      return [last, e.type, e.reason, target, io.fieldPath ?? '', source, message, first, String(e.count || 1), e.metadata.name ?? ''];
    },
  },
  endpoints: {
    header: () => ['NAME', 'ENDPOINTS', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', formatEndpoints(o as Endpoints), age(o.metadata.creationTimestamp, now)],
  },
  endpointslices: {
    header: () => ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
    row: (o, _w, now) => {
      const s = o as EndpointSlice;
      const ports = (s.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : p.name ?? '*'));
      return [s.metadata.name ?? '', s.addressType, listWithMore(ports), listWithMore((s.endpoints ?? []).flatMap((e) => e.addresses)), age(s.metadata.creationTimestamp, now)];
    },
  },
  namespaces: {
    header: () => ['NAME', 'STATUS', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', (o as Namespace).status?.phase ?? '', age(o.metadata.creationTimestamp, now)],
  },
  secrets: {
    header: () => ['NAME', 'TYPE', 'DATA', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', (o as Secret).type ?? 'Opaque', String(Object.keys((o as Secret).data ?? {}).length), age(o.metadata.creationTimestamp, now)],
  },
  configmaps: {
    header: () => ['NAME', 'DATA', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', String(Object.keys((o as ConfigMap).data ?? {}).length + Object.keys((o as ConfigMap).binaryData ?? {}).length), age(o.metadata.creationTimestamp, now)],
  },
  serviceaccounts: {
    header: () => ['NAME', 'SECRETS', 'AGE'],
    row: (o, _w, now) => [o.metadata.name ?? '', String((o as { secrets?: unknown[] }).secrets?.length ?? 0), age(o.metadata.creationTimestamp, now)],
  },
};

/** What kubectl prints for a kind without its own columns. */
const GENERIC: Columns = { header: () => ['NAME', 'AGE'], row: (o, _w, now) => [o.metadata.name ?? '', age(o.metadata.creationTimestamp, now)] };

// ---- entry points ----

export interface PrintOptions {
  output?: 'wide' | 'yaml' | 'json' | 'name';
  allNamespaces?: boolean;
  namespace: string;
  nowMs: number;
  /** Prefix names with their kind (`pod/web`), as `kubectl get pods,svc` does. */
  showKind?: boolean;
  /** --show-labels: a last LABELS column (labels.FormatLabels: sorted k=v, or <none>). */
  showLabels?: boolean;
}

/** `pod/web`, `deployment.apps/web`: the -o name form (kind lower-cased, plus group). */
export { qualifiedName };

export function printList(resource: ResourceInfo, items: KubeObject[], opts: PrintOptions): string {
  if (opts.output === 'yaml' || opts.output === 'json') {
    // kubectl wraps every list, even of one item, in a v1 List.
    const list = { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
    return opts.output === 'yaml' ? toYaml(list) : toJson(list);
  }
  if (items.length === 0) {
    // kubectl says this on stderr when nothing at all was written.
    return resource.namespaced && !opts.allNamespaces ? `No resources found in ${opts.namespace} namespace.` : 'No resources found';
  }
  if (opts.output === 'name') return items.map((o) => qualifiedName(resource, o.metadata.name ?? '')).join('\n');
  const wide = opts.output === 'wide';
  const cols = COLUMNS[resource.name] ?? BATCH_COLUMNS[resource.name] ?? GENERIC;
  // Cluster-scoped kinds never get a NAMESPACE column, even with -A.
  const withNs = !!opts.allNamespaces && resource.namespaced;
  const rows = items.map((o) => {
    const cells = cols.row(o, wide, opts.nowMs);
    if (opts.showKind) cells[0] = qualifiedName(resource, cells[0]!);
    if (opts.showLabels) cells.push(Object.keys(o.metadata.labels ?? {}).sort().map((k) => `${k}=${o.metadata.labels![k]}`).join(',') || '<none>');
    return withNs ? [o.metadata.namespace ?? '', ...cells] : cells;
  });
  return table([...(withNs ? ['NAMESPACE'] : []), ...cols.header(wide), ...(opts.showLabels ? ['LABELS'] : [])], rows);
}

/** One object, as `kubectl get <kind> <name> -o yaml|json` prints it. */
export function printObject(obj: KubeObject, output: 'yaml' | 'json'): string {
  return output === 'yaml' ? toYaml(obj) : toJson(obj);
}

export { goYamlLess } from './print-structured';
