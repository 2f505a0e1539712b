// `kubectl describe` as kubectl 1.30 prints it. kubectl writes every line through one
// Go tabwriter (padding 2), with "Key:\tvalue" lines and nested levels indented by two
// spaces; alignment therefore runs across consecutive tabbed lines and restarts at a
// line without a tab. The text is built the same way here and aligned at the end, so
// the quirks learners see on real clusters (an "Events:  <none>" aligned with the
// Tolerations above it, the trailing blank after "True " in pod conditions) come out
// the same.

import { canonical } from '../api/canonical';
import { bytes, cpuMillis } from '../api/quantity';
import { parseTimestamp } from '../api/time';
import type {
  ConfigMap, Container, ContainerState, ContainerStatus, Deployment, EndpointSlice, KubeEvent, KubeObject, Lease, Node, Pod, PodSpec,
  PodTemplateSpec, ReplicaSet, ResourceList, Secret, Service, ServiceAccount, Taint, Toleration, Volume,
} from '../api/types';
import { age, nodeRoles, rfc1123z, selectorString, tabwrite } from './print';
import { unstructured, type W } from './describe-unstructured';
import { annotationsMultiline, labelsMultiline } from './describe-meta';
import { describeCronJob, describeJob } from './describe-batch';
import type { CronJob, Job } from '../api/batch-types';
import { describeConfigMap, describeSecret, describeService, describeServiceAccount } from './describe-config';

export interface Related {
  events: KubeEvent[];
  pods?: Pod[];
  replicaSets?: ReplicaSet[];
  /** The node's heartbeat Lease (kube-node-lease/<node>), shown by describe node. */
  lease?: Lease;
  /** A Service's EndpointSlices (its Endpoints line). */
  endpointSlices?: EndpointSlice[];
  /** The namespace's Secrets (a ServiceAccount's tokens). */
  secrets?: Secret[];
}


export function describe(obj: KubeObject, related: Related, nowMs: number): string {
  let buf = '';
  const w: W = (level, text) => {
    buf += '  '.repeat(level) + text;
  };
  const events = related.events.filter((e) => concerns(e, obj));
  if (obj.kind === 'Pod') describePod(w, obj as Pod, nowMs);
  else if (obj.kind === 'Node') describeNode(w, obj as Node, related, nowMs);
  else if (obj.kind === 'Deployment') describeDeployment(w, obj as Deployment, related.replicaSets ?? []);
  else if (obj.kind === 'Service') describeService(w, obj as Service, related.endpointSlices ?? []);
  else if (obj.kind === 'ServiceAccount') describeServiceAccount(w, obj as ServiceAccount, related.secrets ?? []);
  else if (obj.kind === 'ConfigMap') describeConfigMap(w, obj as ConfigMap);
  else if (obj.kind === 'Job') describeJob(w, obj as Job);
  else if (obj.kind === 'CronJob') describeCronJob(w, obj as CronJob);
  else if (obj.kind === 'Secret') {
    // describeSecret lists no events.
    describeSecret(w, obj as Secret);
    return tabwrite(buf.replace(/\n$/, ''), 0, 2);
  } else describeGeneric(w, obj);
  describeEvents(w, events, nowMs);
  return tabwrite(buf.replace(/\n$/, ''), 0, 2);
}

/** kubectl asks for events by involvedObject kind, name, namespace and uid. Kubelets
 * have reported node events with the node's name as uid, so that counts too. */
function concerns(e: KubeEvent, obj: KubeObject): boolean {
  const io = e.involvedObject;
  if (io.name !== obj.metadata.name || (io.kind && io.kind !== obj.kind)) return false;
  if (io.namespace && obj.metadata.namespace && io.namespace !== obj.metadata.namespace) return false;
  return !io.uid || !obj.metadata.uid || io.uid === obj.metadata.uid || io.uid === obj.metadata.name;
}

const byTime = (s: string | undefined) => (s && !Number.isNaN(parseTimestamp(s)) ? parseTimestamp(s) : -Infinity);
/** Go's byte-wise string order (sort.Strings), by a derived key. */
const cmp = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

// ---- shared sections ----

function describeEvents(w: W, events: KubeEvent[], now: number): void {
  if (events.length === 0) return w(0, 'Events:\t<none>\n');
  w(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w(1, '----\t------\t----\t----\t-------\n');
  // Oldest last-seen first; a stable sort keeps equal times in the order given.
  const sorted = [...events].sort((a, b) => byTime(a.lastTimestamp) - byTime(b.lastTimestamp));
  for (const e of sorted) {
    const eventTime = (e as { eventTime?: string }).eventTime;
    const first = age(eventTime ?? e.firstTimestamp, now);
    const interval = (e.count ?? 0) > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    w(1, `${e.type}\t${e.reason}\t${interval}\t${e.source?.component || e.reportingComponent || ''}\t${e.message.trim()}\n`);
  }
}

/** `key=value:Effect op=Exists for 300s`, sorted by key. */
function tolerationsMultiline(w: W, title: string, tols: Toleration[] | undefined): void {
  w(0, `${title}:\t`);
  if (!tols?.length) return w(0, '<none>\n');
  [...tols].sort(cmp((t) => t.key ?? '')).forEach((t, i) => {
    let s = `${i ? '\t' : ''}${t.key ?? ''}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;
    // A bare `operator: Exists` tolerates everything and prints as just "op=Exists".
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    w(0, `${s}\n`);
  });
}

function taintsMultiline(w: W, taints: Taint[] | undefined): void {
  w(0, 'Taints:\t');
  if (!taints?.length) return w(0, '<none>\n');
  [...taints].sort(cmp((t: Taint) => `${t.effect},${t.key}`)).forEach((t, i) => {
    w(0, `${i ? '\t' : ''}${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}\n`);
  });
}

// ---- containers and volumes (pods and pod templates) ----

function describeState(w: W, title: string, s: ContainerState): void {
  if (s.running) {
    w(2, `${title}:\tRunning\n`);
    w(3, `Started:\t${rfc1123z(s.running.startedAt)}\n`);
  } else if (s.terminated) {
    const t = s.terminated;
    w(2, `${title}:\tTerminated\n`);
    if (t.reason) w(3, `Reason:\t${t.reason}\n`);
    w(3, `Exit Code:\t${t.exitCode}\n`);
    w(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w(2, `${title}:\tWaiting\n`);
    if (s.waiting?.reason) w(3, `Reason:\t${s.waiting.reason}\n`);
  }
}

/** Limits then Requests, resource names sorted. */
function describeResources(w: W, c: Container): void {
  for (const [title, list] of [['Limits', c.resources?.limits], ['Requests', c.resources?.requests]] as const) {
    const names = Object.keys(list ?? {}).sort();
    if (names.length) w(2, `${title}:\n`);
    for (const n of names) w(3, `${n}:\t${list![n]}\n`);
  }
}

/** `space` is "  " inside a pod template, which also shifts container names by one. */
function describeContainers(w: W, containers: Container[], statuses: ContainerStatus[] | undefined, space: string): void {
  w(0, `${space}Containers:${containers.length ? '' : ' <none>'}\n`);
  for (const c of containers) {
    const st = statuses?.find((s) => s.name === c.name);
    w(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (st) w(2, `Container ID:\t${st.containerID ?? ''}\n`);
    w(2, `Image:\t${c.image}\n`);
    if (st) w(2, `Image ID:\t${st.imageID}\n`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    const hostPorts = (c.ports ?? []).map((p) => `${(p as { hostPort?: number }).hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
    w(2, ports.length > 1 ? `Ports:\t${ports.join(', ')}\n` : `Port:\t${ports[0] ?? '<none>'}\n`);
    w(2, hostPorts.length > 1 ? `Host Ports:\t${hostPorts.join(', ')}\n` : `Host Port:\t${hostPorts[0] ?? '<none>'}\n`);
    for (const [title, list] of [['Command', c.command], ['Args', c.args]] as const) {
      if (!list?.length) continue;
      w(2, `${title}:\n`);
      for (const s of list.flatMap((a) => a.split('\n'))) w(3, `${s}\n`);
    }
    if (st) {
      describeState(w, 'State', st.state ?? {});
      if (st.lastState?.terminated) describeState(w, 'Last State', st.lastState);
      w(2, `Ready:\t${st.ready ? 'True' : 'False'}\n`);
      w(2, `Restart Count:\t${st.restartCount}\n`);
    }
    describeResources(w, c);
    w(2, 'Environment:\t<none>\n');
    const mounts = [...(c.volumeMounts ?? [])].sort(cmp((m) => m.mountPath));
    w(2, `Mounts:${mounts.length ? '' : '\t<none>'}\n`);
    for (const m of mounts) w(3, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'})\n`);
  }
}

type Src = Record<string, unknown> | undefined;
const opt = (v: unknown) => (v === undefined || v === null ? '<nil>' : String(v));

/** The volume kinds a cluster like this one uses; anything else is "<unknown>". */
function describeVolumes(w: W, volumes: Volume[] | undefined, space: string): void {
  if (!volumes?.length) return w(0, `${space}Volumes:\t<none>\n`);
  w(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w(1, `${space ? ' ' : ''}${v.name}:\n`);
    const [hostPath, emptyDir, configMap, secret] = [v.hostPath, v.emptyDir, v.configMap, v.secret] as Src[];
    if (hostPath) w(2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${hostPath.path}\n    HostPathType:\t${hostPath.type || '<none>'}\n`);
    else if (emptyDir) w(2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${emptyDir.medium ?? ''}\n    SizeLimit:\t${emptyDir.sizeLimit ?? '<unset>'}\n`);
    else if (configMap) w(2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${configMap.name}\n    Optional:\t${configMap.optional ?? false}\n`);
    else if (secret) w(2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${secret.secretName}\n    Optional:\t${secret.optional ?? false}\n`);
    else if (v.projected) {
      w(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
      for (const s of v.projected.sources as Record<string, Src>[]) {
        if (s.secret) w(2, `SecretName:\t${s.secret.name}\n    SecretOptionalName:\t${opt(s.secret.optional)}\n`);
        else if (s.downwardAPI) w(2, 'DownwardAPI:\ttrue\n');
        else if (s.configMap) w(2, `ConfigMapName:\t${s.configMap.name}\n    ConfigMapOptional:\t${opt(s.configMap.optional)}\n`);
        else if (s.serviceAccountToken) w(2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3600}\n`);
      }
    } else w(1, '<unknown>\n');
  }
}

/** qos.GetPodQOS: nothing requested → BestEffort; cpu and memory limited in every
 * container with requests equal to limits → Guaranteed; otherwise Burstable. */
function qosClass(spec: PodSpec): string {
  let any = false;
  let guaranteed = true;
  for (const c of spec.containers) {
    const lim = c.resources?.limits ?? {};
    const req = { ...lim, ...(c.resources?.requests ?? {}) }; // requests default to limits
    for (const r of ['cpu', 'memory'] as const) {
      if (req[r] || lim[r]) any = true;
      if (!lim[r] || !req[r] || (r === 'cpu' ? cpuMillis(req[r]) !== cpuMillis(lim[r]) : bytes(req[r]) !== bytes(lim[r]))) guaranteed = false;
    }
  }
  return !any ? 'BestEffort' : guaranteed ? 'Guaranteed' : 'Burstable';
}

// ---- Pod ----

function describePod(w: W, pod: Pod, now: number): void {
  const m = pod.metadata;
  const st = pod.status ?? {};
  w(0, `Name:\t${m.name ?? ''}\n`);
  w(0, `Namespace:\t${m.namespace ?? ''}\n`);
  if (pod.spec.priority !== undefined) w(0, `Priority:\t${pod.spec.priority}\n`);
  if (pod.spec.serviceAccountName) w(0, `Service Account:\t${pod.spec.serviceAccountName}\n`);
  w(0, `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}\n`);
  if (st.startTime) w(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  labelsMultiline(w, 'Labels', m.labels);
  annotationsMultiline(w, 'Annotations', m.annotations);
  if (m.deletionTimestamp && st.phase !== 'Failed' && st.phase !== 'Succeeded') {
    // kubectl measures "lasts" from the deletion deadline, which lies ahead while the
    // pod is still terminating; real clusters show "<invalid>" there too.
    w(0, `Status:\tTerminating (lasts ${age(m.deletionTimestamp, now)})\n`);
    if (m.deletionGracePeriodSeconds !== undefined) w(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds}s\n`);
  } else w(0, `Status:\t${st.phase ?? ''}\n`);
  if (st.reason) w(0, `Reason:\t${st.reason}\n`);
  if (st.message) w(0, `Message:\t${st.message}\n`);
  w(0, `IP:\t${st.podIP ?? ''}\n`);
  if (st.podIPs?.length) {
    w(0, 'IPs:\n');
    for (const ip of st.podIPs) w(1, `IP:\t${ip.ip}\n`);
  } else w(0, 'IPs:\t<none>\n');
  const owner = m.ownerReferences?.find((o) => o.controller);
  if (owner) w(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  describeContainers(w, pod.spec.containers, st.containerStatuses ?? [], '');
  if (st.conditions?.length) {
    w(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of st.conditions) w(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, pod.spec.volumes, '');
  w(0, `QoS Class:\t${st.qosClass ?? qosClass(pod.spec)}\n`);
  labelsMultiline(w, 'Node-Selectors', pod.spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', pod.spec.tolerations);
}

// ---- Node ----

const BINARY: [string, number][] = [['Ei', 2 ** 60], ['Pi', 2 ** 50], ['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
const DECIMAL: [string, number][] = [['E', 1e18], ['P', 1e15], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]];

/** The sum of quantities in resource.Quantity's canonical form: CPU as "1" or "250m",
 * sizes with the largest exact suffix, binary (Mi) when the first summand was binary. */
function sumQuantity(name: string, qs: (string | undefined)[]): { value: number; text: string } {
  const present = qs.filter((q): q is string => q !== undefined);
  if (name === 'cpu') {
    const m = present.reduce((s, q) => s + cpuMillis(q), 0);
    return { value: m, text: m % 1000 === 0 ? String(m / 1000) : `${m}m` };
  }
  const b = present.reduce((s, q) => s + bytes(q), 0);
  const table = /i$/.test(present[0] ?? '') && b >= 1024 ? BINARY : DECIMAL;
  const unit = b === 0 ? undefined : table.find(([, f]) => b % f === 0);
  return { value: b, text: unit ? `${b / unit[1]}${unit[0]}` : String(b) };
}

const pct = (v: number, of: number) => (of > 0 ? Math.trunc((v / of) * 100) : 0);

function describeNode(w: W, node: Node, related: Related, now: number): void {
  const st = node.status ?? {};
  const info = st.nodeInfo;
  w(0, `Name:\t${node.metadata.name ?? ''}\n`);
  w(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  taintsMultiline(w, node.spec?.taints);
  w(0, `Unschedulable:\t${node.spec?.unschedulable ?? false}\n`);
  if (related.lease) {
    const l = related.lease.spec;
    w(0, 'Lease:\n');
    w(1, `HolderIdentity:\t${l.holderIdentity ?? '<unset>'}\n`);
    w(1, `AcquireTime:\t${l.acquireTime ? rfc1123z(l.acquireTime) : '<unset>'}\n`);
    w(1, `RenewTime:\t${l.renewTime ? rfc1123z(l.renewTime) : '<unset>'}\n`);
  }
  if (st.conditions?.length) {
    w(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) {
      w(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w(1, `${a.type}:\t${a.address}\n`);
  for (const [title, list] of [['Capacity', st.capacity], ['Allocatable', st.allocatable]] as const) {
    if (!list || Object.keys(list).length === 0) continue;
    w(0, `${title}:\n`);
    for (const k of Object.keys(list).sort()) w(1, `${k}:\t${list[k]}\n`);
  }
  w(0, 'System Info:\n');
  const i = info ?? ({} as Partial<NonNullable<typeof info>>);
  const sys = [i.machineID, i.systemUUID, i.bootID, i.kernelVersion, i.osImage, i.operatingSystem, i.architecture, i.containerRuntimeVersion, i.kubeletVersion, i.kubeProxyVersion];
  const sysTitles = ['Machine ID', 'System UUID', 'Boot ID', 'Kernel Version', 'OS Image', 'Operating System', 'Architecture', 'Container Runtime Version', 'Kubelet Version', 'Kube-Proxy Version'];
  sysTitles.forEach((t, n) => w(1, `${t}:\t${sys[n] ?? ''}\n`));
  if (node.spec?.podCIDR) w(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`);
  // kubectl prints ProviderID after the pod CIDRs when the cloud node controller set one.
  if (node.spec?.providerID) w(0, `ProviderID:\t${node.spec.providerID}\n`);

  // kubectl lists the node's pods that are not Succeeded or Failed.
  const pods = (related.pods ?? []).filter((p) => p.spec.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const alloc: ResourceList = st.allocatable && Object.keys(st.allocatable).length ? st.allocatable : st.capacity ?? {};
  const allocOf = (r: string) => (r === 'cpu' ? cpuMillis(alloc.cpu) : bytes(alloc[r]));
  const cell = (r: string, qs: (string | undefined)[]) => {
    const q = sumQuantity(r, qs);
    return `${q.text} (${pct(q.value, allocOf(r))}%)`;
  };
  const of = (ps: Pod[], kind: 'requests' | 'limits', r: string) => ps.flatMap((p) => p.spec.containers.map((c) => c.resources?.[kind]?.[r]));
  w(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  for (const p of pods) {
    const cells = [cell('cpu', of([p], 'requests', 'cpu')), cell('cpu', of([p], 'limits', 'cpu')), cell('memory', of([p], 'requests', 'memory')), cell('memory', of([p], 'limits', 'memory'))];
    w(1, `${p.metadata.namespace ?? ''}\t${p.metadata.name ?? ''}\t\t${cells.join('\t')}\t${age(p.metadata.creationTimestamp, now)}\n`);
  }
  w(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w(1, 'Resource\tRequests\tLimits\n');
  w(1, '--------\t--------\t------\n');
  const hugepages = Object.keys(alloc).filter((k) => k.startsWith('hugepages-')).sort();
  for (const r of ['cpu', 'memory', 'ephemeral-storage', ...hugepages]) w(1, `${r}\t${cell(r, of(pods, 'requests', r))}\t${cell(r, of(pods, 'limits', r))}\n`);
}

// ---- Deployment ----

const intOrString = (v: number | string | undefined) => String(v ?? 0);

/** A template with the pod-template-hash label taken out (deployment EqualIgnoreHash). */
function templateKey(t: PodTemplateSpec): string {
  const labels = { ...(t.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return canonical({ ...t, metadata: { ...t.metadata, labels } });
}

export function describePodTemplate(w: W, t: PodTemplateSpec): void {
  w(0, 'Pod Template:\n');
  labelsMultiline(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) annotationsMultiline(w, '  Annotations', t.metadata?.annotations);
  if (t.spec.serviceAccountName) w(1, `Service Account:\t${t.spec.serviceAccountName}\n`);
  describeContainers(w, t.spec.containers, undefined, '  ');
  describeVolumes(w, t.spec.volumes, '  ');
  labelsMultiline(w, '  Node-Selectors', t.spec.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', t.spec.tolerations);
}

function describeDeployment(w: W, d: Deployment, replicaSets: ReplicaSet[]): void {
  const s = d.status ?? {};
  w(0, `Name:\t${d.metadata.name ?? ''}\n`);
  w(0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
  w(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', d.metadata.labels);
  annotationsMultiline(w, 'Annotations', d.metadata.annotations);
  w(0, `Selector:\t${selectorString(d.spec.selector)}\n`);
  w(0, `Replicas:\t${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable\n`);
  w(0, `StrategyType:\t${d.spec.strategy?.type ?? ''}\n`);
  w(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}\n`);
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) w(0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
  describePodTemplate(w, d.spec.template);
  if (s.conditions?.length) {
    w(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w(1, '----\t------\t------\n');
    for (const c of s.conditions) w(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  // The deployment's ReplicaSets (by controller reference); the new one is the oldest
  // whose template equals the deployment's; old ones are listed only while scaled up.
  const owned = replicaSets
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && (d.metadata.uid ? o.uid === d.metadata.uid : o.kind === 'Deployment' && o.name === d.metadata.name)))
    .sort((a, b) => byTime(a.metadata.creationTimestamp) - byTime(b.metadata.creationTimestamp) || cmp((r: ReplicaSet) => r.metadata.name ?? '')(a, b));
  const want = templateKey(d.spec.template);
  const newRS = owned.find((rs) => templateKey(rs.spec.template) === want);
  const list = (rss: ReplicaSet[]) => rss.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 1} replicas created)`).join(', ') || '<none>';
  w(0, `OldReplicaSets:\t${list(owned.filter((rs) => rs !== newRS && (rs.spec.replicas ?? 1) !== 0))}\n`);
  w(0, `NewReplicaSet:\t${list(newRS ? [newRS] : [])}\n`);
}

// ---- any other kind: kubectl's generic describer ----

function describeGeneric(w: W, obj: KubeObject): void {
  w(0, `Name:\t${obj.metadata.name ?? ''}\n`);
  w(0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', obj.metadata.labels);
  annotationsMultiline(w, 'Annotations', obj.metadata.annotations);
  unstructured(w, 0, JSON.parse(JSON.stringify(obj)) as Record<string, unknown>, '');
}
