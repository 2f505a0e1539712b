// Scenario files (contracts.md §2), YAML or JSON. Strict: an unknown field is an error
// naming its path and what was expected, durations need a unit, machine names must
// exist in the topology. Typos must not pass silently.

import { parse as parseYaml } from 'yaml';
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
}

const TOP_FIELDS = ['name', 'seed', 'until', 'profile', 'topology', 'network', 'manifests', 'workload', 'faults'];
const TOPOLOGY_FIELDS = ['etcd', 'masters', 'etcdMembers', 'workers', 'workerLabels', 'kubernetes', 'cloud', 'dashboard'];
const NETWORK_FIELDS = ['latency', 'loss', 'duplicate', 'reorder'];
const WORKLOAD_FIELDS = ['clients', 'keys', 'rate', 'ops'];
const STEP_ACTIONS = ['kubectl', 'etcdctl', 'cordon', 'uncordon', 'drain', 'chaos', 'isolate'];
const AT_FAULT_FIELDS = ['at', 'kill', 'restart', 'partition', 'heal', 'loss', 'cut', 'net', 'member', 'slow', 'delay', 'for', ...STEP_ACTIONS, 'terminate'];
const FAULT_ACTIONS = ['kill', 'restart', 'partition', 'heal', 'loss', 'cut', 'net', 'member', 'slow', ...STEP_ACTIONS, 'terminate'];
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
  return validateScenario(doc);
}

/** Checks a parsed document and returns the scenario. Throws ScenarioError. */
export function validateScenario(doc: unknown): Scenario {
  const top = object(doc, '', TOP_FIELDS);
  const name = top.name === undefined ? 'unnamed' : string(top.name, 'name');
  const seed = top.seed === undefined ? 1 : int(top.seed, 'seed', 0, 0xffffffff);
  const until = top.until === undefined ? 60_000 : duration(top.until, 'until');
  const untilProblem = untilError(until);
  if (untilProblem) throw new ScenarioError('until', untilProblem);
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
    const ratePerSec = w.rate === undefined ? 10 : rate(w.rate, 'workload.rate');
    const ops = w.ops === undefined ? (['put', 'get'] as KvOp[]) : array(w.ops, 'workload.ops').map((o, i) => oneOf(o, `workload.ops[${i}]`, KV_OPS));
    if (ops.length === 0) throw new ScenarioError('workload.ops', `expected at least one of ${KV_OPS.join(', ')}`);
    workload = { clients, keys, ratePerSec, ops };
  }

  // faults
  const faults: ScheduledFault[] = [];
  const chaos: ChaosSpec[] = [];
  const steps: ScheduledStep[] = [];
  const faultList = top.faults === undefined ? [] : array(top.faults, 'faults');
  faultList.forEach((raw, i) => {
    const path = `faults[${i}]`;
    const probe = plainObject(raw, path);
    const chaosSwitch = 'at' in probe && 'chaos' in probe && (typeof probe.chaos === 'string' || typeof probe.chaos === 'boolean');
    if (!chaosSwitch && ('chaos' in probe || 'from' in probe || 'to' in probe)) {
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
    const f = object(raw, path, AT_FAULT_FIELDS);
    if (f.at === undefined) throw new ScenarioError(`${path}.at`, 'missing; a fault has at and one of kill, restart, partition, heal, loss (or from, to and chaos)');
    const at = duration(f.at, `${path}.at`);
    const actions = FAULT_ACTIONS.filter((a) => f[a] !== undefined);
    if (actions.length !== 1) throw new ScenarioError(path, `expected exactly one of ${FAULT_ACTIONS.join(', ')}, got ${actions.length === 0 ? 'none' : actions.join(' and ')}`);
    const action = actions[0]!;
    const v = f[action];
    const p = `${path}.${action}`;
    for (const k of ['delay', 'for'])
      if (f[k] !== undefined && action !== 'slow') throw new ScenarioError(`${path}.${k}`, `${k} goes with slow only, e.g. { at: 10s, slow: etcd-leader, delay: 2s, for: 5s }`);
    switch (action) {
      case 'kubectl':
      case 'etcdctl': {
        const text = string(v, p).trim();
        if (text === '') throw new ScenarioError(p, `expected a console line, e.g. ${action === 'kubectl' ? '"get pods -o wide"' : '"member list -w table"'}`);
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
  });

  return { name, seed, until, setup, workerLabels, network, manifests, ...(workload ? { workload } : {}), faults, chaos, steps };
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
function rate(v: unknown, path: string): number {
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m)\s*$/.exec(v) : null;
  if (!m) throw new ScenarioError(path, `expected a rate with a unit such as "20/s" or "600/m", got ${describe(v)}`);
  const n = Number(m[1]) / (m[2] === 'm' ? 60 : 1);
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
