// The items of a scenario file's `faults` and `actions` lists (contracts.md §2): a
// fault at a time (kill, restart, partition, heal, loss, cut, net, member, slow,
// terminate), a console step (kubectl, etcdctl, cordon, uncordon, drain, isolate), the
// chaos switch, a chaos block (from, to, chaos; faults only), and in a recording's
// `actions` a console text as typed and the etcd client panel's put / get / delete.
// Each item is checked as strictly as the rest of the file; error texts name its path.

import { LEADER_TARGETS, type ChaosSpec, type ReadIndexTrouble, type ScheduledFault, type ScheduledStep } from '../coordinator/faults';
import type { TimedAction } from './recording-format';
import { array, bool, describe, duration, latency, object, oneOf, plainObject, probability, ScenarioError, string } from './scenario-fields';

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

/** What an item needs to know of the rest of the file. */
export interface FaultItemContext {
  /** A machine of this topology (or one of `extra`), else a ScenarioError naming them. */
  machine(v: unknown, path: string, extra?: readonly string[]): string;
  readonly cloud: 'sim' | 'none';
}

/** Reads items one at a time, into the lists they belong to. */
export class FaultItems {
  readonly faults: ScheduledFault[] = [];
  readonly chaos: ChaosSpec[] = [];
  readonly steps: ScheduledStep[] = [];
  /** What the last action item said beyond a fault or step (actions only; the caller
   * clears them before each item). */
  pendingStdin: string | undefined;
  pendingKv: Extract<TimedAction['action'], { kind: 'kv' }> | undefined;

  constructor(private readonly ctx: FaultItemContext) {}

  /** `live`: an item of `actions` (what the page did), else of `faults`. */
  parse(raw: unknown, path: string, live: boolean): void {
    const { faults, chaos, steps } = this;
    const { cloud } = this.ctx;
    const machine = (v: unknown, p: string, extra: readonly string[] = []): string => this.ctx.machine(v, p, extra);
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
        if (f.stdin !== undefined) this.pendingStdin = string(f.stdin, `${path}.stdin`);
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
        this.pendingKv = { kind: 'kv', f: fn, key, ...(value !== undefined ? { value } : {}), ...(endpoint !== undefined ? { endpoint } : {}) };
        break;
      }
      case 'kubectl':
      case 'etcdctl': {
        const text = string(v, p).trim();
        if (text === '') throw new ScenarioError(p, `expected a console line, e.g. ${action === 'kubectl' ? '"get pods -o wide"' : '"member list -w table"'}`);
        if (f.stdin !== undefined) this.pendingStdin = string(f.stdin, `${path}.stdin`);
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
  }
}
