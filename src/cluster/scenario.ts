// Scenario files (contracts.md §2), YAML or JSON. Strict: an unknown field is an error
// naming its path and what was expected, durations need a unit, machine names must
// exist in the topology. Typos must not pass silently.

import { LineCounter, parse as parseYaml, parseDocument } from 'yaml';
import type { ClusterSetup, Profile } from '../protocol/commands';
import type { KvOp } from '../protocol/trace';
import { parseDuration } from '../sim/duration';
import { RESOURCE_LIST, resourceOfKind } from '../kube/api/resources';
import type { NetworkConditions } from '../sim/net';
import { LEADER_TARGETS, type ChaosSpec, type ReadIndexTrouble, type ScheduledFault, type ScheduledStep } from '../coordinator/faults';
import { manifestProblem } from './manifest-check';
import { profileFor } from './profiles';
import { MAX_WORKERS, machinesFor, setupErrors } from './setup';
import type { SimulationInit } from '../coordinator/simulation';
import type { WorkloadSetup } from './process-specs';
import { FORMAT_VERSION, formatError, toUserAction, type TimedAction } from './recording-format';

export { FORMAT_VERSION, type TimedAction, type UserAction } from './recording-format';

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

export class ScenarioError extends Error {
  constructor(
    /** "faults[2].kil", or "" for the whole file. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
  }

  /** The 1-based line of the file where `path` is, when parseScenario could tell
   * (banners say it; the message stays as it was). */
  line?: number;
}

const TOP_FIELDS = ['format', 'name', 'seed', 'until', 'liveUntil', 'profile', 'topology', 'network', 'manifests', 'workload', 'faults', 'actions'];
const TOPOLOGY_FIELDS = ['etcd', 'masters', 'etcdMembers', 'workers', 'workerLabels', 'kubernetes', 'cloud', 'dashboard'];
const NETWORK_FIELDS = ['latency', 'loss', 'duplicate', 'reorder'];
const WORKLOAD_FIELDS = ['clients', 'keys', 'rate', 'ops'];
const STEP_ACTIONS = ['kubectl', 'etcdctl', 'cordon', 'uncordon', 'drain', 'chaos', 'isolate'];
/** Only in `actions` (a recording): a console text as typed (any program, the shell
 * answers the rest), and the etcd client panel's put / get / delete. */
const ACTION_ONLY = ['console', 'kv'];
const AT_FAULT_FIELDS = ['at', 'kill', 'restart', 'partition', 'heal', 'loss', 'cut', 'net', 'member', 'slow', 'delay', 'for', ...STEP_ACTIONS, 'terminate'];
const FAULT_ACTIONS = ['kill', 'restart', 'partition', 'heal', 'loss', 'cut', 'net', 'member', 'slow', ...STEP_ACTIONS, 'terminate'];
/** An item of `actions`: what faults can say, and more. */
const ACTION_FIELDS = [...AT_FAULT_FIELDS, 'stdin', ...ACTION_ONLY];
const ACTIONS = [...FAULT_ACTIONS, ...ACTION_ONLY];
const KV_FIELDS = ['f', 'key', 'value', 'endpoint'];
const MEMBER_FIELDS = ['add', 'promote', 'remove', 'learner'];
const NET_FIELDS = ['latency', 'duplicate', 'reorder', 'read-index'];
const READ_INDEX_FIELDS = ['duplicate', 'delay'];
const CHAOS_FAULT_FIELDS = ['from', 'to', 'chaos'];
const CHAOS_FIELDS = ['crash', 'partition', 'loss', 'every'];
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
  const faults: ScheduledFault[] = [];
  const chaos: ChaosSpec[] = [];
  const steps: ScheduledStep[] = [];
  const faultList = top.faults === undefined ? [] : array(top.faults, 'faults');
  // What an action's item says beyond a fault or step (set by parseItem, actions only).
  let pendingStdin: string | undefined;
  let pendingKv: Extract<TimedAction['action'], { kind: 'kv' }> | undefined;
  /** `live`: an item of `actions` (what the page did), else of `faults`. */
  const parseItem = (raw: unknown, path: string, live: boolean): void => {
    const probe = plainObject(raw, path);
    const chaosSwitch = 'at' in probe && 'chaos' in probe && (typeof probe.chaos === 'string' || typeof probe.chaos === 'boolean');
    if (!chaosSwitch && ('chaos' in probe || 'from' in probe || 'to' in probe)) {
      if (live) throw new ScenarioError(path, 'a chaos block (from, to, chaos) goes in faults; actions hold the chaos switch, { at: 10s, chaos: on }');
      const f = object(raw, path, CHAOS_FAULT_FIELDS);
      for (const k of CHAOS_FAULT_FIELDS) if (f[k] === undefined) throw new ScenarioError(`${path}.${k}`, 'missing; a chaos fault has from, to and chaos');
      const from = duration(f.from, `${path}.from`);
      const to = duration(f.to, `${path}.to`);
      if (to <= from) throw new ScenarioError(`${path}.to`, `expected a time after from (${f.from as string})`);
      const c = object(f.chaos, `${path}.chaos`, CHAOS_FIELDS);
      const everyMs = c.every === undefined ? 3000 : duration(c.every, `${path}.chaos.every`);
      if (everyMs <= 0) throw new ScenarioError(`${path}.chaos.every`, 'expected a positive duration');
      chaos.push({
        from,
        to,
        crash: c.crash === undefined ? false : bool(c.crash, `${path}.chaos.crash`),
        partition: c.partition === undefined ? false : bool(c.partition, `${path}.chaos.partition`),
        loss: c.loss === undefined ? 0 : probability(c.loss, `${path}.chaos.loss`),
        everyMs,
      });
      return;
    }
    const f = object(raw, path, live ? ACTION_FIELDS : AT_FAULT_FIELDS);
    if (f.at === undefined) throw new ScenarioError(`${path}.at`, 'missing; a fault has at and one of kill, restart, partition, heal, loss (or from, to and chaos)');
    const at = duration(f.at, `${path}.at`);
    const kinds = live ? ACTIONS : FAULT_ACTIONS;
    const actions = kinds.filter((a) => f[a] !== undefined);
    if (actions.length !== 1) throw new ScenarioError(path, `expected exactly one of ${kinds.join(', ')}, got ${actions.length === 0 ? 'none' : actions.join(' and ')}`);
    const action = actions[0]!;
    const v = f[action];
    const p = `${path}.${action}`;
    for (const k of ['delay', 'for'])
      if (f[k] !== undefined && action !== 'slow') throw new ScenarioError(`${path}.${k}`, `${k} goes with slow only, e.g. { at: 10s, slow: etcd-leader, delay: 2s, for: 5s }`);
    if (f.stdin !== undefined && action !== 'kubectl' && action !== 'console') throw new ScenarioError(`${path}.stdin`, 'stdin goes with kubectl or console, e.g. { at: 5s, kubectl: "apply -f -", stdin: "<manifest>" }');
    switch (action) {
      case 'console': {
        const text = string(v, p);
        if (text.includes('\n') && f.stdin !== undefined) throw new ScenarioError(p, 'expected one line when stdin is given');
        steps.push({ at, step: { kind: 'console', line: text, route: { process: 'console', line: text } } });
        if (f.stdin !== undefined) pendingStdin = string(f.stdin, `${path}.stdin`);
        break;
      }
      case 'kv': {
        const k = object(v, p, KV_FIELDS);
        const fn = oneOf(k.f, `${p}.f`, ['put', 'get', 'delete'] as const);
        const key = string(k.key, `${p}.key`);
        if (k.value !== undefined && fn !== 'put') throw new ScenarioError(`${p}.value`, 'value goes with f: put only');
        const value = fn === 'put' ? string(k.value ?? '', `${p}.value`) : undefined;
        // Any host: the page's client may ask one that is gone (and gets an error).
        const endpoint = k.endpoint === undefined ? undefined : string(k.endpoint, `${p}.endpoint`);
        pendingKv = { kind: 'kv', f: fn, key, ...(value !== undefined ? { value } : {}), ...(endpoint !== undefined ? { endpoint } : {}) };
        break;
      }
      case 'kubectl':
      case 'etcdctl': {
        const text = string(v, p).trim();
        if (text === '') throw new ScenarioError(p, `expected a console line, e.g. ${action === 'kubectl' ? '"get pods -o wide"' : '"member list -w table"'}`);
        if (f.stdin !== undefined) pendingStdin = string(f.stdin, `${path}.stdin`);
        if (text.includes('\n')) throw new ScenarioError(p, 'expected one line (objects to create go in manifests)');
        // "scale deployment web" and "kubectl scale deployment web" both say the same.
        const line = text.startsWith(`${action} `) || text === action ? text : `${action} ${text}`;
        // The shell's route for a kubectl / etcdctl line (src/shell/dispatch.ts).
        steps.push({ at, step: { kind: 'console', line, route: { process: action === 'kubectl' ? 'kubectl' : 'console', line } } });
        break;
      }
      case 'cordon':
      case 'uncordon':
      case 'drain': {
        // As the node inspector does them (NodeInspector.tsx).
        const node = machine(v, p);
        const line = action === 'drain' ? `kubectl drain ${node} --ignore-daemonsets --force` : `kubectl ${action} ${node}`;
        steps.push({ at, step: { kind: 'console', line, route: { process: 'kubectl', line } } });
        break;
      }
      case 'chaos': {
        const on = v === true || v === 'on' ? true : v === false || v === 'off' ? false : undefined;
        if (on === undefined) throw new ScenarioError(p, `expected on or off, got ${describe(v)}`);
        steps.push({ at, step: { kind: 'chaos', on } });
        break;
      }
      case 'isolate':
        faults.push({ at, fault: { kind: 'isolate', target: machine(v, p, LEADER_TARGETS) } });
        break;
      case 'kill':
        faults.push({ at, fault: { kind: 'kill', target: machine(v, p, LEADER_TARGETS) } });
        break;
      case 'terminate': {
        if (cloud !== 'sim') throw new ScenarioError(p, 'needs a cloud to terminate an instance in: add topology.cloud: sim (or kill the machine instead)');
        const target = machine(v, p);
        if (!/^(master|worker|etcd)-\d+$/.test(target)) throw new ScenarioError(p, `${target} is not a cloud instance; expected a master, worker or etcd host`);
        faults.push({ at, fault: { kind: 'terminate', target } });
        break;
      }
      case 'restart':
        faults.push({ at, fault: { kind: 'restart', target: machine(v, p, [...LEADER_TARGETS, 'down']) } });
        break;
      case 'partition': {
        // Extension: a group may name etcd-leader, resolved when the fault fires.
        const groups = array(v, p).map((g, gi) => array(g, `${p}[${gi}]`).map((m, mi) => machine(m, `${p}[${gi}][${mi}]`, ['etcd-leader'])));
        if (groups.length < 2) throw new ScenarioError(p, 'expected at least two groups, e.g. [[master-1], [master-2, master-3]]');
        const seen = new Set<string>();
        groups.forEach((g, gi) =>
          g.forEach((m, mi) => {
            if (seen.has(m)) throw new ScenarioError(`${p}[${gi}][${mi}]`, `${m} is already in another group`);
            seen.add(m);
          }),
        );
        faults.push({ at, fault: { kind: 'partition', groups } });
        break;
      }
      case 'heal': {
        const target = machine(v, p, ['all']);
        faults.push({ at, fault: target === 'all' ? { kind: 'heal' } : { kind: 'heal', target } });
        break;
      }
      case 'loss':
        faults.push({ at, fault: { kind: 'loss', rate: probability(v, p) } });
        break;
      case 'cut': {
        // Extension: [[from…], [to…]], a one-way partition.
        const groups = array(v, p).map((g, gi) => array(g, `${p}[${gi}]`).map((m, mi) => machine(m, `${p}[${gi}][${mi}]`)));
        if (groups.length !== 2) throw new ScenarioError(p, 'expected two groups, [[from…], [to…]]: from stops reaching to');
        faults.push({ at, fault: { kind: 'cut', from: groups[0]!, to: groups[1]! } });
        break;
      }
      case 'slow': {
        // Extension: { at: 10s, slow: etcd-leader, delay: 2s, for: 5s } — a gray failure.
        const target = machine(v, p, ['etcd-leader']);
        for (const k of ['delay', 'for']) if (f[k] === undefined) throw new ScenarioError(`${path}.${k}`, 'missing; slow needs delay and for, e.g. { at: 10s, slow: etcd-leader, delay: 2s, for: 5s }');
        const delayMs = duration(f.delay, `${path}.delay`);
        const forMs = duration(f.for, `${path}.for`);
        if (delayMs <= 0) throw new ScenarioError(`${path}.delay`, 'expected a positive duration');
        if (forMs <= 0) throw new ScenarioError(`${path}.for`, 'expected a positive duration');
        faults.push({ at, fault: { kind: 'slow', target, delayMs, forMs } });
        break;
      }
      case 'member': {
        // Extension: { add: etcd-4, learner: true } | { promote: etcd-4 } | { remove: etcd-2 }.
        const m = object(v, p, MEMBER_FIELDS);
        const actions = (['add', 'promote', 'remove'] as const).filter((a) => m[a] !== undefined);
        if (actions.length !== 1) throw new ScenarioError(p, 'expected exactly one of add, promote, remove, e.g. { add: etcd-4, learner: true }');
        const a = actions[0]!;
        const name = m[a];
        if (typeof name !== 'string' || !/^etcd-\d+$/.test(name)) throw new ScenarioError(`${p}.${a}`, `expected a member name like etcd-4, got ${JSON.stringify(name)}`);
        if (m.learner !== undefined && (a !== 'add' || typeof m.learner !== 'boolean')) throw new ScenarioError(`${p}.learner`, 'learner: true|false goes with add only');
        faults.push({ at, fault: { kind: 'member', action: a === 'add' && m.learner === true ? 'add-learner' : a, member: name } });
        break;
      }
      case 'net': {
        // Extension: { latency: 2ms..300ms, duplicate: 0.1, reorder: 0.1,
        // read-index: { duplicate: 0.5, delay: 2s } }.
        const n = object(v, p, NET_FIELDS);
        const fault: { kind: 'net'; latencyMaxMs?: number; duplicate?: number; reorder?: number; readIndex?: ReadIndexTrouble } = { kind: 'net' };
        if (n.latency !== undefined) fault.latencyMaxMs = latency(n.latency, `${p}.latency`)[1];
        if (n.duplicate !== undefined) fault.duplicate = probability(n.duplicate, `${p}.duplicate`);
        if (n.reorder !== undefined) fault.reorder = probability(n.reorder, `${p}.reorder`);
        if (n['read-index'] !== undefined) {
          const r = object(n['read-index'], `${p}.read-index`, READ_INDEX_FIELDS);
          fault.readIndex = { duplicate: r.duplicate === undefined ? 0 : probability(r.duplicate, `${p}.read-index.duplicate`), delayMs: r.delay === undefined ? 0 : duration(r.delay, `${p}.read-index.delay`) };
        }
        faults.push({ at, fault });
        break;
      }
    }
  };
  faultList.forEach((raw, i) => parseItem(raw, `faults[${i}]`, false));

  // actions: the same steps, kept apart (they run between windows, as the page's did).
  const actions: TimedAction[] = [];
  const actionList = top.actions === undefined ? [] : array(top.actions, 'actions');
  actionList.forEach((raw, i) => {
    const path = `actions[${i}]`;
    const mark = { faults: faults.length, steps: steps.length };
    pendingStdin = undefined;
    pendingKv = undefined;
    parseItem(raw, path, true);
    const at = duration((raw as Record<string, unknown>).at, `${path}.at`);
    const prev = actions.at(-1);
    if (prev && at < prev.at) throw new ScenarioError(`${path}.at`, `expected a time at or after the action before it (${prev.at}ms): actions are in the order they were taken`);
    if (at > until) throw new ScenarioError(`${path}.at`, `expected a time up to until (${top.until as string})`);
    const made = toUserAction(faults.splice(mark.faults), steps.splice(mark.steps), pendingStdin, pendingKv);
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

// ---- field readers: each names the path and what was expected ----------------------

function plainObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, `expected a mapping, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

function object(v: unknown, path: string, fields: readonly string[]): Record<string, unknown> {
  const o = plainObject(v, path || '(top level)');
  for (const k of Object.keys(o)) {
    if (!fields.includes(k)) throw new ScenarioError(path ? `${path}.${k}` : k, `unknown field; expected one of ${fields.join(', ')}`);
  }
  return o;
}

function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ScenarioError(path, `expected a list, got ${describe(v)}`);
  return v;
}

function string(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ScenarioError(path, `expected a string, got ${describe(v)}`);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ScenarioError(path, `expected true or false, got ${describe(v)}`);
  return v;
}

function int(v: unknown, path: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new ScenarioError(path, `expected an integer from ${lo} to ${hi}, got ${describe(v)}`);
  return v;
}

function probability(v: unknown, path: string): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ScenarioError(path, `expected a probability from 0 to 1, got ${describe(v)}`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw new ScenarioError(path, `expected one of ${options.join(', ')}, got ${describe(v)}`);
  return v as T;
}

function duration(v: unknown, path: string): number {
  const d = parseDuration(v);
  if ('error' in d) throw new ScenarioError(path, d.error);
  return d.ms;
}

/** "2ms..10ms" (uniform in the range) or "5ms" (fixed). */
function latency(v: unknown, path: string): [number, number] {
  const text = string(v, path);
  const parts = text.split('..');
  if (parts.length > 2) throw new ScenarioError(path, `expected a duration or a range such as "2ms..10ms", got "${text}"`);
  const [lo, hi] = parts.map((p) => duration(p.trim(), path));
  const max = hi ?? lo!;
  if (lo! < 1) throw new ScenarioError(path, 'the minimum latency must be at least 1ms (the lockstep windows rely on it)');
  if (max < lo!) throw new ScenarioError(path, `the range's upper end is below its lower end in "${text}"`);
  return [lo!, max];
}

/** "20/s" or "600/m": operations per second. */
function rate(v: unknown, path: string, zeroOk = false): number {
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m)\s*$/.exec(v) : null;
  if (!m) throw new ScenarioError(path, `expected a rate with a unit such as "20/s" or "600/m", got ${describe(v)}`);
  const n = Number(m[1]) / (m[2] === 'm' ? 60 : 1);
  if (zeroOk && n === 0) return 0;
  if (n <= 0 || n > 1000) throw new ScenarioError(path, `expected a rate above 0 and at most 1000/s, got "${v as string}"`);
  return n;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}
