// The live verdict for a trace that never ends (the page under chaos for an hour): the
// same checks as checkTrace, fed one batch of events at a time, with bounded memory and
// work per verdict that does not grow with the run.
//
// - Raft checks: RaftSafetyStream, one event at a time (entries far below the highest
//   applied index are forgotten).
// - pod-bound-once, no-process-crash: streamed.
// - KV checks (history, linearizability, acknowledged writes): per key (linearizability
//   is compositional), in epochs. A key's epoch is closed once it holds EPOCH_OPS
//   operations and a successful get ran alone (nothing else on the key in flight or
//   overlapping it): the read value is then the key's state, the epoch is judged once
//   and for all, and the next epoch starts from a synthetic completed put of that
//   value, plus the outcome-unknown operations (kv.info) of the last INFO_SETTLE_MS,
//   which may still take effect later. Only keys with new events are checked again.
// The one assumption beyond checkTrace's: an operation whose outcome is unknown takes
// effect within INFO_SETTLE_MS of its answer or never, far more than etcd's request
// timeout (7 s) and the client's (5 s).

import type { TraceEvent } from '../protocol/trace';
import { checkTrace, listed, raftCheckResults, type CheckName, type CheckResult } from './index';
import type { LinearizabilityFailure } from './linearizability';
import { RaftSafetyStream, raftCheckNames } from './raft-safety';
import type { RaftSafetyOptions } from './raft-safety';

export const EPOCH_OPS = 200;
export const INFO_SETTLE_MS = 30_000;
/** Raft entries kept for the state-machine and log-terms checks below the highest index. */
const RETAIN_INDEXES = 50_000;
const CRASHES_KEPT = 20;
const KV_CHECKS: readonly CheckName[] = ['kv-history', 'linearizability', 'no-acked-write-lost'];
const NOT_KV: readonly CheckName[] = [...raftCheckNames, 'pod-bound-once', 'no-process-crash'];

interface KeyEpoch {
  events: TraceEvent[];
  ops: number;
  /** Operations at its start carried from the epoch before (the seed put and recent
   * outcome-unknown ones): already counted there. */
  carried: number;
  /** Outcome-unknown operations of the last INFO_SETTLE_MS: invoke and kv.info. */
  infos: { readonly t: number; readonly events: readonly [TraceEvent, TraceEvent] }[];
  /** This epoch changed since its last check. */
  dirty: boolean;
  last: KvReport | undefined;
}

interface KvReport {
  readonly checks: readonly CheckResult[];
  readonly opsChecked: number;
  readonly failure?: LinearizabilityFailure;
}

interface InFlight {
  readonly key: string;
  readonly f: string;
  /** Nothing else on the key was in flight when it was invoked, and nothing since. */
  alone: boolean;
  readonly invoke: TraceEvent;
}

export interface IncrementalVerdictResult {
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
  readonly opsChecked: number;
  readonly linearizable: boolean | 'unknown';
  readonly failure?: LinearizabilityFailure;
}

export class IncrementalVerdict {
  private raft: RaftSafetyStream;
  private readonly keys = new Map<string, KeyEpoch>();
  private readonly inFlight = new Map<string, InFlight>();
  /** Closed epochs: operations judged, and the first failure of each KV check. */
  private closedOps = 0;
  private readonly closedFailures = new Map<CheckName, CheckResult>();
  private closedFailure: LinearizabilityFailure | undefined;
  private boundTo = new Map<string, { node: string; t: number }>();
  private bindings = 0;
  private podViolations: string[] = [];
  private readonly crashes: string[] = [];
  private crashCount = 0;
  private seeds = 0;

  constructor(private readonly opts: RaftSafetyOptions & { readonly maxStepsPerKey?: number } = {}) {
    this.raft = new RaftSafetyStream(opts, new Map(), RETAIN_INDEXES);
  }

  feed(events: readonly TraceEvent[]): void {
    for (const ev of events) this.one(ev);
  }

  private one(ev: TraceEvent): void {
    this.raft.feed(ev);
    switch (ev.type) {
      case 'etcd.restore':
        // The history checks judge the cluster the last restore made (as checkTrace).
        this.keys.clear();
        this.inFlight.clear();
        this.boundTo = new Map();
        this.bindings = 0;
        this.podViolations = [];
        return;
      case 'pod.deleted':
        this.boundTo.delete(ev.pod);
        return;
      case 'pod.bound': {
        this.bindings++;
        const was = this.boundTo.get(ev.pod);
        if (!was) this.boundTo.set(ev.pod, { node: ev.node, t: ev.t });
        else if (this.podViolations.length < CRASHES_KEPT) this.podViolations.push(`pod ${ev.pod} was bound to ${was.node} at ${was.t} ms and again to ${ev.node} at ${ev.t} ms`);
        return;
      }
      case 'process.crash':
        this.crashCount++;
        if (this.crashes.length < CRASHES_KEPT) this.crashes.push(`${ev.process} on ${ev.machine} crashed at ${ev.t} ms: ${ev.error}`);
        return;
      case 'kv.invoke': {
        const k = this.epochOf(ev.key);
        for (const op of this.inFlight.values()) if (op.key === ev.key) op.alone = false;
        const alone = ![...this.inFlight.values()].some((op) => op.key === ev.key);
        this.inFlight.set(`${ev.process}#${ev.id}`, { key: ev.key, f: ev.f, alone, invoke: ev });
        k.events.push(ev);
        k.ops++;
        k.dirty = true;
        return;
      }
      case 'kv.ok':
      case 'kv.fail':
      case 'kv.info': {
        const id = `${ev.process}#${ev.id}`;
        const op = this.inFlight.get(id);
        if (!op) return; // invoked before a restore (or malformed: kvHistory would say so)
        this.inFlight.delete(id);
        const k = this.epochOf(op.key);
        k.events.push(ev);
        k.dirty = true;
        if (ev.type === 'kv.info' && op.f !== 'get') {
          k.infos = k.infos.filter((i) => ev.t - i.t < INFO_SETTLE_MS);
          k.infos.push({ t: ev.t, events: [op.invoke, ev] });
        }
        if (ev.type === 'kv.ok' && op.f === 'get' && op.alone && k.ops >= EPOCH_OPS) this.closeEpoch(op.key, k, ev.value ?? null, ev.t);
        return;
      }
      default:
        return;
    }
  }

  private epochOf(key: string): KeyEpoch {
    let k = this.keys.get(key);
    if (!k) {
      k = { events: [], ops: 0, carried: 0, infos: [], dirty: true, last: undefined };
      this.keys.set(key, k);
    }
    return k;
  }

  /** Judges the epoch for good and starts the next from the value just read. */
  private closeEpoch(key: string, k: KeyEpoch, value: string | null, t: number): void {
    const report = this.checkKv(k.events);
    this.closedOps += report.opsChecked - k.carried;
    for (const c of report.checks) if (c.ok === false && !this.closedFailures.has(c.name)) this.closedFailures.set(c.name, c);
    if (report.failure && !this.closedFailure) this.closedFailure = report.failure;
    const process = `epoch-seed-${++this.seeds}`;
    const infos = k.infos.filter((i) => t - i.t < INFO_SETTLE_MS);
    // Unknown outcomes first (invoked earlier; they may land before or after the seed).
    const events: TraceEvent[] = infos.flatMap((i) => [...i.events]);
    if (value !== null) events.push({ t, type: 'kv.invoke', process, id: 0, f: 'put', key, value }, { t, type: 'kv.ok', process, id: 0 });
    const carried = infos.length + (value !== null ? 1 : 0);
    this.keys.set(key, { events, ops: 0, carried, infos, dirty: true, last: undefined });
  }

  private checkKv(events: readonly TraceEvent[]): KvReport {
    const r = checkTrace(events, { skip: NOT_KV, ...(this.opts.maxStepsPerKey !== undefined ? { maxStepsPerKey: this.opts.maxStepsPerKey } : {}) });
    const lin = r.linearizability;
    return { checks: r.checks, opsChecked: lin?.opsChecked ?? 0, ...(lin?.ok === false && lin.failure ? { failure: lin.failure } : {}) };
  }

  /** KV events held for the open epochs (what memory the checker keeps grows with). */
  retainedKvEvents(): number {
    let n = 0;
    for (const k of this.keys.values()) n += k.events.length;
    return n;
  }

  /** Every check over everything fed so far. */
  result(): IncrementalVerdictResult {
    const open: KvReport[] = []; // one per key, for its open epoch
    for (const k of this.keys.values()) {
      if (k.dirty || !k.last) {
        k.last = this.checkKv(k.events);
        k.dirty = false;
      }
      open.push(k.last);
    }
    const checks: CheckResult[] = [...raftCheckResults(this.raft.result())];
    let opsChecked = this.closedOps;
    for (const k of this.keys.values()) opsChecked += k.last!.opsChecked - k.carried;
    for (const name of KV_CHECKS) {
      const closed = this.closedFailures.get(name);
      const mine = open.map((r) => r.checks.find((c) => c.name === name)).filter((c): c is CheckResult => c !== undefined);
      const failed = closed ?? mine.find((c) => c.ok === false);
      const unknown = mine.find((c) => c.ok === 'unknown');
      if (failed) checks.push({ name, ok: false, detail: failed.detail });
      else if (unknown) checks.push({ name, ok: 'unknown', detail: unknown.detail });
      else checks.push({ name, ok: true, detail: name === 'linearizability' ? `${opsChecked} operations on ${this.keys.size} key(s): linearizable.` : kvOkDetail(name, opsChecked) });
    }
    checks.push({ name: 'pod-bound-once', ok: this.podViolations.length === 0, detail: this.podViolations.length === 0 ? `${this.bindings} bindings, no pod bound to two nodes.` : listed(this.podViolations) });
    const crashes = this.crashCount > this.crashes.length ? [...this.crashes, `(${this.crashCount - this.crashes.length} more crashes)`] : this.crashes;
    checks.push({ name: 'no-process-crash', ok: this.crashCount === 0, detail: this.crashCount === 0 ? 'no process crashed.' : listed(crashes) });
    const lin = checks.find((c) => c.name === 'linearizability')!;
    const failure = this.closedFailure ?? open.find((r) => r.failure)?.failure;
    return { ok: checks.every((c) => c.ok !== false), checks, opsChecked, linearizable: lin.ok, ...(lin.ok === false && failure ? { failure } : {}) };
  }
}

function kvOkDetail(name: CheckName, ops: number): string {
  return name === 'kv-history' ? `${ops} workload operations, all well formed.` : `${ops} operations, no read older than a write acknowledged before it.`;
}
