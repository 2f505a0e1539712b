// What a cluster is before it starts: ClusterSetup (src/protocol/commands.ts) with its
// defaults, the URL parameters that set it (contracts.md §4), and the machines it
// becomes.

import type { ClusterSetup, Profile, Topology } from '../protocol/commands';
import type { MachineSpec } from '../sim/process';
import { PORT } from '../sim/packet';
import { profileFor } from './profiles';
import type { ConsoleSpec, EtcdMemberSpec, KvWorkloadSpec, ProcessSpec, WorkloadSetup } from './specs';

/** The page's default: one master and two workers (the common kubeadm lab), with
 * worker-1 labelled disk=ssd so a nodeSelector demo works out of the box. */
export const DEFAULT_SETUP: ClusterSetup = {
  topology: 'stacked',
  masters: 1,
  etcdMembers: 1,
  workers: 2,
  seed: 1,
  profile: 'classroom',
};

/** Labels the page gives workers when the URL sets up the cluster. */
export const DEFAULT_WORKER_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'worker-1': { disk: 'ssd' } };

/** etcd clusters of an odd size tolerate (n-1)/2 failures (etcd FAQ); 1 is a single node. */
export const ETCD_SIZES = [1, 3, 5, 7] as const;
export const MAX_MASTERS = 7;
export const MAX_WORKERS = 12;

/** The machine that runs the UI's console client and the workload clients. */
export const CLIENT_MACHINE = 'client';
/** The load balancer in front of the apiservers. */
export const LB_MACHINE = 'lb';

/** Checks a setup; returns one message per problem (empty when valid). */
export function setupErrors(s: ClusterSetup): string[] {
  const errors: string[] = [];
  if (s.topology !== 'stacked' && s.topology !== 'external') errors.push(`topology: expected stacked or external, got "${String(s.topology)}"`);
  if (!isInt(s.masters) || s.masters < 1 || s.masters > MAX_MASTERS) errors.push(`masters: expected an integer from 1 to ${MAX_MASTERS}, got ${String(s.masters)}`);
  if (!(ETCD_SIZES as readonly number[]).includes(s.etcdMembers)) {
    errors.push(`etcd: expected an etcd member count of ${ETCD_SIZES.join(', ')}, got ${String(s.etcdMembers)}`);
  }
  if (s.topology === 'stacked' && s.etcdMembers !== s.masters && errors.length === 0) {
    errors.push(`etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (${s.masters}), got ${s.etcdMembers}`);
  }
  if (!isInt(s.workers) || s.workers < 0 || s.workers > MAX_WORKERS) errors.push(`workers: expected an integer from 0 to ${MAX_WORKERS}, got ${String(s.workers)}`);
  if (!isInt(s.seed) || s.seed < 0 || s.seed > 0xffffffff) errors.push(`seed: expected a non-negative integer below 2^32, got ${String(s.seed)}`);
  if (s.profile !== 'classroom' && s.profile !== 'realistic') errors.push(`profile: expected classroom or realistic, got "${String(s.profile)}"`);
  return errors;
}

export interface UrlSetup {
  readonly setup: ClusterSetup;
  /** `speed` when given (0 = as fast as possible). */
  readonly speed?: number;
  /** `scenario` when given: the name of a built-in scenario. */
  readonly scenario?: string;
  /** One message per bad parameter; the setup falls back to the default for each. */
  readonly errors: readonly string[];
}

// present and lesson are the page's own (src/ui/lab.ts reads them); known here so they
// are not reported as unknown.
const URL_PARAMS = ['topology', 'masters', 'workers', 'etcd', 'seed', 'speed', 'profile', 'scenario', 'present', 'lesson'];

/** Reads `?topology=stacked|external&masters=3&workers=3&etcd=3&seed=42&speed=1&profile=classroom`
 * or `?scenario=<name>` (contracts.md §4). Unknown parameters are reported, not fatal. */
export function parseSetupQuery(query: string): UrlSetup {
  const params = new Map<string, string>();
  const errors: string[] = [];
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (!URL_PARAMS.includes(key)) errors.push(`${key}: unknown parameter; expected one of ${URL_PARAMS.join(', ')}`);
    else params.set(key, value);
  }

  let topology: Topology = DEFAULT_SETUP.topology;
  const topo = params.get('topology');
  if (topo !== undefined) {
    if (topo === 'stacked' || topo === 'external') topology = topo;
    else errors.push(`topology: expected stacked or external, got "${topo}"`);
  }
  const int = (name: string, lo: number, hi: number, expected: string): number | undefined => {
    const text = params.get(name);
    if (text === undefined) return undefined;
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(n) || n < lo || n > hi) {
      errors.push(`${name}: expected ${expected}, got "${text}"`);
      return undefined;
    }
    return n;
  };
  let masters = int('masters', 1, MAX_MASTERS, `an integer from 1 to ${MAX_MASTERS}`);
  let etcd = int('etcd', 1, 7, `an etcd member count of ${ETCD_SIZES.join(', ')}`);
  if (etcd !== undefined && !(ETCD_SIZES as readonly number[]).includes(etcd)) {
    errors.push(`etcd: expected an etcd member count of ${ETCD_SIZES.join(', ')}, got "${etcd}"`);
    etcd = undefined;
  }
  const workers = int('workers', 0, MAX_WORKERS, `an integer from 0 to ${MAX_WORKERS}`) ?? DEFAULT_SETUP.workers;
  const seed = int('seed', 0, 0xffffffff, 'a non-negative integer below 2^32') ?? DEFAULT_SETUP.seed;

  let profile: Profile = DEFAULT_SETUP.profile;
  const prof = params.get('profile');
  if (prof !== undefined) {
    if (prof === 'classroom' || prof === 'realistic') profile = prof;
    else errors.push(`profile: expected classroom or realistic, got "${prof}"`);
  }

  let speed: number | undefined;
  const sp = params.get('speed');
  if (sp !== undefined) {
    const n = Number(sp);
    if (sp === '' || !Number.isFinite(n) || (n !== 0 && (n < 0.1 || n > 100))) errors.push(`speed: expected a number from 0.1 to 100, or 0 for as fast as possible, got "${sp}"`);
    else speed = n;
  }

  if (topology === 'stacked') {
    // One etcd member per master: either number sets both.
    if (masters === undefined && etcd !== undefined) masters = etcd;
    if (masters !== undefined && etcd !== undefined && masters !== etcd) {
      errors.push(`etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (${masters}), got "${etcd}"`);
    }
    masters ??= DEFAULT_SETUP.masters;
    if (!(ETCD_SIZES as readonly number[]).includes(masters)) {
      errors.push(`masters: the stacked topology needs an etcd member count of ${ETCD_SIZES.join(', ')}, got "${masters}"`);
      masters = DEFAULT_SETUP.masters;
    }
    etcd = masters;
  } else {
    masters ??= DEFAULT_SETUP.masters;
    etcd ??= DEFAULT_SETUP.etcdMembers;
  }

  const scenario = params.get('scenario');
  const setup: ClusterSetup = { topology, masters, etcdMembers: etcd, workers, seed, profile };
  return { setup, ...(speed !== undefined ? { speed } : {}), ...(scenario !== undefined ? { scenario } : {}), errors };
}

/** The etcd members of a setup: etcd-N on master-N (stacked) or on its own host etcd-N. */
export function etcdMembersOf(setup: ClusterSetup): { id: number; name: string; host: string }[] {
  return range(setup.etcdMembers).map((n) => ({ id: n, name: `etcd-${n}`, host: setup.topology === 'stacked' ? `master-${n}` : `etcd-${n}` }));
}

/** Every machine name of a setup, in spec order. */
export function machineNames(setup: ClusterSetup): string[] {
  return machinesFor(setup).map((m) => m.name);
}

/** The machines of a setup, in a stable order: masters, etcd hosts, workers, the load
 * balancer, the client. `manifests` are applied through the apiserver at t=0. */
export function machinesFor(setup: ClusterSetup, workload?: WorkloadSetup, manifests: readonly unknown[] = []): MachineSpec[] {
  const profile = profileFor(setup.profile);
  const peers = etcdMembersOf(setup);
  const memberSpec = (p: { id: number; name: string }): EtcdMemberSpec => ({
    kind: 'etcd',
    member: p.name,
    id: p.id,
    peers,
    electionTicks: profile.etcd.electionTicks,
    heartbeatTicks: profile.etcd.heartbeatTicks,
    requestTimeoutMs: profile.etcd.requestTimeoutMs,
    snapshotCount: profile.etcd.snapshotCount,
    catchUpEntries: profile.etcd.catchUpEntries,
  });
  const kube = profile.kube;
  const withKube = setup.kubernetes !== false;
  const lb = { host: LB_MACHINE, port: PORT.apiserver };
  const out: MachineSpec[] = [];
  for (const n of range(setup.masters)) {
    const processes: ProcessSpec[] = [];
    const p = setup.topology === 'stacked' ? peers[n - 1] : undefined;
    if (p) processes.push(memberSpec(p));
    if (!withKube) {
      out.push({ name: `master-${n}`, kind: 'master', processes });
      continue;
    }
    // kubeadm stacked: --etcd-servers=https://127.0.0.1:2379; external: every member.
    const etcdEndpoints = p ? [p.host] : peers.map((x) => x.host);
    processes.push(
      { kind: 'kube-apiserver', etcdEndpoints, etcdTimeoutMs: profile.etcd.requestTimeoutMs + 1000, tolerationSeconds: kube.tolerationSeconds, bookmarkMs: profile.bookmarkMs, compactionIntervalMs: 5 * 60_000, advertiseAddress: `10.0.0.${10 + n}` },
      { kind: 'kube-scheduler', requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs, election: kube.election, timing: kube },
      { kind: 'kube-controller-manager', requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs, election: kube.election, timing: kube },
      {
        kind: 'kubelet',
        server: lb,
        controlPlane: true,
        labels: {},
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
        internalIP: `10.0.0.${10 + n}`,
        staticPods: [...(p ? ['etcd'] : []), 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'],
        timing: kube,
      },
      { kind: 'kube-proxy', server: lb, timing: kube },
    );
    out.push({ name: `master-${n}`, kind: 'master', processes });
  }
  if (setup.topology === 'external') for (const p of peers) out.push({ name: p.host, kind: 'etcd', processes: [memberSpec(p)] });
  for (const n of range(setup.workers)) {
    const name = `worker-${n}`;
    if (!withKube) {
      out.push({ name, kind: 'worker', processes: [] });
      continue;
    }
    out.push({
      name,
      kind: 'worker',
      processes: [
        { kind: 'kubelet', server: lb, controlPlane: false, labels: { ...setup.workerLabels?.[name] }, capacity: { cpu: '4', memory: '8Gi', pods: '110' }, internalIP: `10.0.0.${30 + n}`, staticPods: [], timing: kube },
        { kind: 'kube-proxy', server: lb, timing: kube },
      ],
    });
  }
  if (withKube) out.push({
    name: LB_MACHINE,
    kind: 'lb',
    processes: [{ kind: 'load-balancer', backends: range(setup.masters).map((n) => `master-${n}`), ...profile.lb }],
  });

  const endpoints = peers.map((p) => p.host);
  const clients: ProcessSpec[] = [
    { kind: 'console', name: 'console', endpoints, requestTimeoutMs: profile.kvClient.requestTimeoutMs } satisfies ConsoleSpec,
  ];
  if (withKube) clients.push({ kind: 'kubectl', server: lb, requestTimeoutMs: kube.requestTimeoutMs, manifests });
  if (workload) {
    for (const n of range(workload.clients)) {
      clients.push({
        kind: 'kv-workload',
        name: `kv-${n}`,
        endpoints,
        keys: workload.keys,
        ops: workload.ops,
        ratePerSec: workload.ratePerSec / workload.clients,
        requestTimeoutMs: profile.kvClient.requestTimeoutMs,
      } satisfies KvWorkloadSpec);
    }
  }
  out.push({ name: CLIENT_MACHINE, kind: 'client', processes: clients });
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
