// Scenario files (contracts.md §2), YAML or JSON. Strict: an unknown field is an error
// naming its path and what was expected, durations need a unit, machine names must
// exist in the topology. Typos must not pass silently.
//
// Here: the file as a whole (top-level fields, topology, network, manifests, workload,
// the order of actions). Beside it: the items of faults and actions
// (scenario-faults.ts), the field readers and ScenarioError (scenario-fields.ts).

import { LineCounter, parse as parseYaml, parseDocument } from 'yaml';
import type { ClusterSetup, Profile } from '../protocol/commands';
import type { KvOp } from '../protocol/trace';
import { RESOURCE_LIST, resourceOfKind } from '../kube/api/resources';
import type { NetworkConditions } from '../sim/net';
import { manifestProblem } from './manifest-check';
import { profileFor } from './profiles';
import { MAX_WORKERS, machinesFor, setupErrors } from './setup';
import type { SimulationInit } from '../coordinator/simulation';
import type { ChaosSpec, ScheduledFault, ScheduledStep } from '../coordinator/faults';
import type { WorkloadSetup } from './process-specs';
import { FORMAT_VERSION, formatError, toUserAction, type TimedAction } from './recording-format';
import { FaultItems } from './scenario-faults';
import { array, bool, duration, int, latency, object, oneOf, plainObject, probability, rate, ScenarioError, string } from './scenario-fields';

export { FORMAT_VERSION, type TimedAction, type UserAction } from './recording-format';
export { ScenarioError } from './scenario-fields';

export interface Scenario {
  readonly name: string;
  readonly seed: number;
  /** Sim ms to run. */
  readonly until: number;
  readonly setup: ClusterSetup;
  readonly workerLabels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly network: Partial<NetworkConditions>;
  /** Kubernetes objects applied through the apiserver at t=0 (by kubectl on the client). */
  readonly manifests: readonly unknown[];
  readonly workload?: WorkloadSetup;
  readonly faults: readonly ScheduledFault[];
  readonly chaos: readonly ChaosSpec[];
  /** Console lines and the chaos switch (the page's actions), in file order. */
  readonly steps: readonly ScheduledStep[];
  /** `format`: the recording format version the file was written in (undefined: a
   * hand-written scenario; recording-format.ts). */
  readonly format?: number;
  /** `actions`: what a user did on the page, in time order, applied between lockstep
   * windows exactly as the page applied them (src/host/recording.ts). */
  readonly actions?: readonly TimedAction[];
  /** `liveUntil`: where a recording's run ends on the page once it has replayed to
   * `until` and paused there (its original run's end); undefined: no end. */
  readonly liveUntil?: number;
}

const TOP_FIELDS = ['format', 'name', 'seed', 'until', 'liveUntil', 'profile', 'topology', 'network', 'manifests', 'workload', 'faults', 'actions'];
const TOPOLOGY_FIELDS = ['etcd', 'masters', 'etcdMembers', 'workers', 'workerLabels', 'kubernetes', 'cloud', 'dashboard'];
const NETWORK_FIELDS = ['latency', 'loss', 'duplicate', 'reorder'];
const WORKLOAD_FIELDS = ['clients', 'keys', 'rate', 'ops'];
const KV_OPS: readonly KvOp[] = ['put', 'get', 'cas', 'delete'];

/** Parses a scenario file's text (YAML; JSON is valid YAML). Throws ScenarioError. */
export function parseScenario(text: string): Scenario {
  let doc: unknown;
  try {
    doc = parseYaml(text, { uniqueKeys: true });
  } catch (e) {
    throw new ScenarioError('', `not valid YAML or JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return validateScenario(doc);
  } catch (e) {
    if (e instanceof ScenarioError && e.path) e.line = lineOf(text, e.path);
    throw e;
  }
}

/** The line a path such as "actions[3].kill" names in the file's text, or the line of
 * its nearest ancestor that is there (an unknown field's own line). */
function lineOf(text: string, path: string): number | undefined {
  const keys = path.split(/\.|\[(\d+)\]/).filter((k) => k !== undefined && k !== '').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  for (let n = keys.length; n > 0; n--) {
    const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** Checks a parsed document and returns the scenario. Throws ScenarioError. */
export function validateScenario(doc: unknown): Scenario {
  const top = object(doc, '', TOP_FIELDS);
  // First: a newer file's other fields may mean things this version does not know.
  const format = top.format === undefined ? undefined : int(top.format, 'format', 1, Number.MAX_SAFE_INTEGER);
  if (format !== undefined && format > FORMAT_VERSION) throw new ScenarioError('format', formatError(format));
  const name = top.name === undefined ? 'unnamed' : string(top.name, 'name');
  const seed = top.seed === undefined ? 1 : int(top.seed, 'seed', 0, 0xffffffff);
  const until = top.until === undefined ? 60_000 : duration(top.until, 'until');
  const untilProblem = untilError(until);
  if (untilProblem) throw new ScenarioError('until', untilProblem);
  const liveUntil = top.liveUntil === undefined ? undefined : duration(top.liveUntil, 'liveUntil');
  if (liveUntil !== undefined && (liveUntil < until || untilError(liveUntil))) throw new ScenarioError('liveUntil', `expected a time from until (${top.until as string}) to 24h`);
  const profile = top.profile === undefined ? 'classroom' : oneOf(top.profile, 'profile', ['classroom', 'realistic'] as const);

  // topology
  const t = top.topology === undefined ? {} : object(top.topology, 'topology', TOPOLOGY_FIELDS);
  const topology = t.etcd === undefined ? 'stacked' : oneOf(t.etcd, 'topology.etcd', ['stacked', 'external'] as const);
  const masters = t.masters === undefined ? 3 : int(t.masters, 'topology.masters', 1, 7);
  let etcdMembers = masters;
  if (t.etcdMembers !== undefined) {
    etcdMembers = int(t.etcdMembers, 'topology.etcdMembers', 1, 7);
    if (topology === 'stacked' && etcdMembers !== masters) {
      throw new ScenarioError('topology.etcdMembers', `only for the external topology; stacked runs one member per master (${masters})`);
    }
  } else if (topology === 'external') etcdMembers = 3;
  const workers = t.workers === undefined ? 0 : int(t.workers, 'topology.workers', 0, MAX_WORKERS);
  const kubernetes = t.kubernetes === undefined ? true : bool(t.kubernetes, 'topology.kubernetes');
  // Default none, as kubeadm without a cloud provider: no cloud machine, no CCM.
  const cloud = t.cloud === undefined ? 'none' : oneOf(t.cloud, 'topology.cloud', ['sim', 'none'] as const);
  if (cloud === 'sim' && !kubernetes) throw new ScenarioError('topology.cloud', 'sim needs Kubernetes (a cloud-controller-manager runs on each master); remove topology.kubernetes: false');
  const dashboard = t.dashboard === undefined ? false : bool(t.dashboard, 'topology.dashboard');
  if (dashboard && !kubernetes) throw new ScenarioError('topology.dashboard', 'needs Kubernetes (the dashboard reads the cluster through the apiserver); remove topology.kubernetes: false');
  const setup: ClusterSetup = { topology, masters, etcdMembers, workers, seed, profile: profile as Profile, ...(kubernetes ? {} : { kubernetes }), ...(cloud === 'sim' ? { cloud } : {}), ...(dashboard ? { dashboard } : {}) };
  const errs = setupErrors(setup);
  if (errs.length > 0) throw new ScenarioError('topology', errs[0]!);
  const machineSet = new Set(machinesFor(setup).map((m) => m.name));
  const machine = (v: unknown, path: string, extra: readonly string[] = []): string => {
    const s = string(v, path);
    if (machineSet.has(s) || extra.includes(s)) return s;
    throw new ScenarioError(path, `no machine named "${s}" in this topology; expected one of ${[...machineSet, ...extra].join(', ')}`);
  };

  const workerLabels: Record<string, Record<string, string>> = {};
  if (t.workerLabels !== undefined) {
    const wl = plainObject(t.workerLabels, 'topology.workerLabels');
    for (const [node, labels] of Object.entries(wl)) {
      const path = `topology.workerLabels.${node}`;
      if (!/^worker-\d+$/.test(node) || !machineSet.has(node)) throw new ScenarioError(path, `no worker named "${node}" in this topology (workers: ${workers})`);
      const l = plainObject(labels, path);
      workerLabels[node] = {};
      for (const [k, v] of Object.entries(l)) {
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw new ScenarioError(`${path}.${k}`, 'expected a label value (a string)');
        workerLabels[node]![k] = String(v);
      }
    }
  }

  // network
  const network: Partial<NetworkConditions> = {};
  if (top.network !== undefined) {
    const n = object(top.network, 'network', NETWORK_FIELDS);
    if (n.latency !== undefined) {
      const [lo, hi] = latency(n.latency, 'network.latency');
      network.latencyMinMs = lo;
      network.latencyMaxMs = hi;
    }
    if (n.loss !== undefined) network.loss = probability(n.loss, 'network.loss');
    if (n.duplicate !== undefined) network.duplicate = probability(n.duplicate, 'network.duplicate');
    if (n.reorder !== undefined) network.reorder = probability(n.reorder, 'network.reorder');
  }

  const manifests = top.manifests === undefined ? [] : array(top.manifests, 'manifests');
  manifests.forEach((m, i) => checkManifest(m, `manifests[${i}]`));
  if (!kubernetes && manifests.length > 0) throw new ScenarioError('manifests', 'needs Kubernetes; remove topology.kubernetes: false');

  // workload
  let workload: WorkloadSetup | undefined;
  if (top.workload !== undefined) {
    const w = object(top.workload, 'workload', WORKLOAD_FIELDS);
    const clients = w.clients === undefined ? 3 : int(w.clients, 'workload.clients', 1, 32);
    const keys = w.keys === undefined ? 4 : int(w.keys, 'workload.keys', 1, 1000);
    // 0/s: idle clients, as the page's (the chaos switch gives them a rate).
    const ratePerSec = w.rate === undefined ? 10 : rate(w.rate, 'workload.rate', true);
    const ops = w.ops === undefined ? (['put', 'get'] as KvOp[]) : array(w.ops, 'workload.ops').map((o, i) => oneOf(o, `workload.ops[${i}]`, KV_OPS));
    if (ops.length === 0) throw new ScenarioError('workload.ops', `expected at least one of ${KV_OPS.join(', ')}`);
    workload = { clients, keys, ratePerSec, ops };
  }

  // faults
  const items = new FaultItems({ machine, cloud });
  const { faults, chaos, steps } = items;
  const faultList = top.faults === undefined ? [] : array(top.faults, 'faults');
  faultList.forEach((raw, i) => items.parse(raw, `faults[${i}]`, false));

  // actions: the same steps, kept apart (they run between windows, as the page's did).
  const actions: TimedAction[] = [];
  const actionList = top.actions === undefined ? [] : array(top.actions, 'actions');
  actionList.forEach((raw, i) => {
    const path = `actions[${i}]`;
    const mark = { faults: faults.length, steps: steps.length };
    items.pendingStdin = undefined;
    items.pendingKv = undefined;
    items.parse(raw, path, true);
    const at = duration((raw as Record<string, unknown>).at, `${path}.at`);
    const prev = actions.at(-1);
    if (prev && at < prev.at) throw new ScenarioError(`${path}.at`, `expected a time at or after the action before it (${prev.at}ms): actions are in the order they were taken`);
    if (at > until) throw new ScenarioError(`${path}.at`, `expected a time up to until (${top.until as string})`);
    const made = toUserAction(faults.splice(mark.faults), steps.splice(mark.steps), items.pendingStdin, items.pendingKv);
    actions.push({ at, action: made });
  });

  return { name, seed, until, setup, workerLabels, network, manifests, ...(workload ? { workload } : {}), faults, chaos, steps, actions, ...(format !== undefined ? { format } : {}), ...(liveUntil !== undefined ? { liveUntil } : {}) };
}

/** The longest run a scenario (or `--until`) may ask for: one day of cluster time. A
 * headless run keeps its whole trace in memory and checks it at the end; a three-master
 * cluster with two workers writes about 38 000 events (8 MB of JSON Lines) per sim hour
 * when idle and several times that under chaos, so a day is already about a million
 * events and minutes of wall time. `until: 87600h` used to run with no bound. */
export const MAX_UNTIL_MS = 24 * 3_600_000;

/** Why a run length is refused, or undefined when it is fine. */
export function untilError(ms: number): string | undefined {
  if (ms <= 0) return 'expected a positive duration';
  if (ms > MAX_UNTIL_MS) return `expected at most 24h of sim time (a day keeps about a million trace events in memory), got ${ms / 3_600_000}h`;
  return undefined;
}

/** What the coordinator needs to run a scenario; --seed and --until override. */
export function simulationInit(s: Scenario, overrides: { seed?: number; until?: number } = {}): SimulationInit {
  const seed = overrides.seed ?? s.seed;
  const setup = { ...s.setup, seed, workerLabels: s.workerLabels };
  return {
    seed,
    machines: machinesFor(setup, s.workload, s.manifests),
    network: s.network,
    faults: s.faults,
    chaos: s.chaos,
    ...(s.steps.length > 0 ? { steps: s.steps } : {}),
    horizon: overrides.until ?? s.until,
    tickMs: profileFor(setup.profile).tickMs,
  };
}

/** A manifest needs apiVersion, kind (one this cluster serves) and metadata.name; the
 * rest is checked as kubectl apply would have the apiserver check it (manifest-check.ts),
 * so a bad one stops the scenario before the run rather than failing inside it. */
function checkManifest(v: unknown, path: string): void {
  const o = plainObject(v, path);
  string(o.apiVersion, `${path}.apiVersion`);
  const kind = string(o.kind, `${path}.kind`);
  const r = resourceOfKind(kind);
  if (!r) throw new ScenarioError(`${path}.kind`, `expected one of ${RESOURCE_LIST.map((x) => x.kind).join(', ')}, got "${kind}"`);
  const meta = plainObject(o.metadata, `${path}.metadata`);
  string(meta.name, `${path}.metadata.name`);
  const problem = manifestProblem(o, r);
  if (problem) throw new ScenarioError(problem.field ? `${path}.${problem.field}` : path, problem.message);
}
