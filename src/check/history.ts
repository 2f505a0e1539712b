// The KV workload history, read out of a trace: one record per operation, pairing a
// kv.invoke with its kv.ok / kv.fail / kv.info (contracts.md §3). Shared by the
// linearizability checker and the stale-read check.

import type { KvOp, TraceEvent } from '../protocol/trace';

/** How an operation ended. kv.fail operations are kept here (the UI may draw them)
 * but the checkers drop them: they definitely did not take effect. */
export type KvStatus = 'ok' | 'fail' | 'info' | 'pending';

export interface KvOperation {
  readonly process: string;
  readonly id: number;
  readonly f: KvOp;
  readonly key: string;
  /** put / cas: the value written. */
  readonly value?: string;
  /** cas: the value compared against; absent means "the key does not exist". */
  readonly expect?: string;
  /** get with status ok: the value read, null when the key was absent. */
  readonly output?: string | null;
  /** 'info' (outcome unknown) and 'pending' (no completion in the trace) are both
   * treated as "may take effect at any time after invoke" (infinite return time). */
  readonly status: KvStatus;
  readonly error?: string;
  /** Sim ms of the invoke; for the timeline. */
  readonly invokeT: number;
  /** Sim ms of the completion; null when it never completed (info / pending). */
  readonly returnT: number | null;
  /** Line index of the invoke in the trace. Line order is the real-time order
   * (contracts.md §3), and unlike `t` it never ties, so the checkers order by it. */
  readonly invokeSeq: number;
  /** Line index of the completion; Infinity when it never completed. invokeSeq < returnSeq. */
  readonly returnSeq: number;
}

export interface KvHistory {
  /** In invoke order. */
  readonly ops: readonly KvOperation[];
  /** Human-readable reasons the history is not well formed (empty when fine). */
  readonly malformed: readonly string[];
}

type MutableOp = { -readonly [K in keyof KvOperation]: KvOperation[K] };

/** Pairs invokes with completions. Ops are identified by (process, id). */
export function kvHistory(events: readonly TraceEvent[]): KvHistory {
  const ops: MutableOp[] = [];
  const open = new Map<string, MutableOp>();
  const seen = new Set<string>();
  const malformed: string[] = [];
  // Only the first few problems are kept: one bug usually produces hundreds.
  const note = (msg: string): void => {
    if (malformed.length < 20) malformed.push(msg);
  };
  for (let seq = 0; seq < events.length; seq++) {
    const ev = events[seq];
    if (ev.type === 'kv.invoke') {
      const ref = `${ev.process}#${ev.id}`;
      if (seen.has(ref)) {
        note(`t=${ev.t}ms: ${ev.process} invoked operation id ${ev.id} twice`);
        continue;
      }
      seen.add(ref);
      const op: MutableOp = {
        process: ev.process, id: ev.id, f: ev.f, key: ev.key,
        status: 'pending', invokeT: ev.t, returnT: null, invokeSeq: seq, returnSeq: Infinity,
      };
      if (ev.value !== undefined) op.value = ev.value;
      if (ev.expect !== undefined) op.expect = ev.expect;
      if ((ev.f === 'put' || ev.f === 'cas') && ev.value === undefined) {
        note(`t=${ev.t}ms: ${ev.process} invoked ${ev.f} on ${ev.key} without a value`);
      }
      ops.push(op);
      open.set(ref, op);
    } else if (ev.type === 'kv.ok' || ev.type === 'kv.fail' || ev.type === 'kv.info') {
      const ref = `${ev.process}#${ev.id}`;
      const op = open.get(ref);
      if (op === undefined) {
        note(`t=${ev.t}ms: ${ev.type} for ${ev.process} id ${ev.id}, which is not in flight`);
        continue;
      }
      open.delete(ref);
      if (ev.type === 'kv.ok') {
        op.status = 'ok';
        if (op.f === 'get') {
          if (ev.value === undefined) note(`t=${ev.t}ms: get by ${ev.process} id ${ev.id} returned no value field`);
          op.output = ev.value ?? null;
        }
      } else {
        op.status = ev.type === 'kv.fail' ? 'fail' : 'info';
        op.error = ev.error;
      }
      // An info op's outcome time is unknown: it may take effect any time after invoke.
      if (ev.type !== 'kv.info') {
        op.returnT = ev.t;
        op.returnSeq = seq;
      }
    }
  }
  return { ops, malformed };
}

/** Ops grouped per key, in invoke order, keys sorted so reports are deterministic. */
export function opsByKey(ops: readonly KvOperation[]): Map<string, KvOperation[]> {
  const byKey = new Map<string, KvOperation[]>();
  for (const op of ops) {
    let list = byKey.get(op.key);
    if (list === undefined) byKey.set(op.key, (list = []));
    list.push(op);
  }
  return new Map([...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function show(v: string | null | undefined): string {
  return v === null || v === undefined ? 'nothing' : JSON.stringify(v);
}

/** "c2 get k1 → \"v7\" [1200ms..1250ms]": one op, for a student-readable message. */
export function describeOp(op: KvOperation): string {
  let what: string;
  switch (op.f) {
    case 'get':
      what = op.status === 'ok' ? `get ${op.key} → ${show(op.output)}` : `get ${op.key}`;
      break;
    case 'put':
      what = `put ${op.key}=${show(op.value)}`;
      break;
    case 'cas':
      what = `cas ${op.key} ${show(op.expect)}→${show(op.value)}`;
      break;
    case 'delete':
      what = `delete ${op.key}`;
      break;
  }
  const end = op.returnT === null ? '?' : `${op.returnT}ms`;
  const status = op.status === 'ok' ? '' : ` (${op.status === 'pending' ? 'no reply' : op.status})`;
  return `${op.process} ${what}${status} [${op.invokeT}ms..${end}]`;
}
