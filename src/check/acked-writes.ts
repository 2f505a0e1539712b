// noAckedWriteLost: a cheap, one-pass check that an acknowledged write is never undone
// in the eyes of a later read. Linearizability implies it, so when the full search
// answers true or false this adds nothing; it earns its place because (1) it is
// O(reads × writes) and never runs out of budget, so it still catches the classic
// etcd bugs (lost write after a leader change, stale read from a deposed leader)
// when the search says 'unknown', and (2) its message names exactly one read and the
// one acknowledged write it contradicts, which a student can find on the timeline.
//
// The rule, for each answered get r that read v on key k: some write of v must be
// invoked before r returned, and not all of those writes may be "definitely
// overwritten": an acknowledged write W of another value, invoked after every such
// writer returned and acknowledged before r was invoked, must come after them and
// before r in any linearization, so r could not have read v. Never a false alarm.

import type { TraceEvent } from '../protocol/trace';
import { describeOp, kvHistory, opsByKey, type KvOperation } from './history';

export interface StaleRead {
  readonly read: KvOperation;
  /** The acknowledged write that had overwritten every write of the value read;
   * absent when the value read was never written. */
  readonly overwrittenBy?: KvOperation;
  readonly message: string;
}

export interface AckedWritesResult {
  readonly ok: boolean;
  readonly readsChecked: number;
  /** At most `maxViolations` (default 20), in trace order. */
  readonly violations: readonly StaleRead[];
}

interface Write {
  readonly value: string | null;
  readonly invokeSeq: number;
  readonly returnSeq: number;
  readonly acked: boolean;
  readonly op?: KvOperation;
}

/** The register is absent before the run: a write of null that returned before anything. */
const initialWrite: Write = { value: null, invokeSeq: -1, returnSeq: -1, acked: true };

export function noAckedWriteLost(events: readonly TraceEvent[], maxViolations = 20): AckedWritesResult {
  const { ops } = kvHistory(events);
  const violations: StaleRead[] = [];
  let readsChecked = 0;
  for (const [key, keyOps] of opsByKey(ops)) {
    const writes: Write[] = [initialWrite];
    for (const op of keyOps) {
      if (op.status === 'fail' || op.f === 'get') continue;
      const value = op.f === 'delete' ? null : (op.value ?? null);
      writes.push({ value, invokeSeq: op.invokeSeq, returnSeq: op.returnSeq, acked: op.status === 'ok', op });
    }
    for (const read of keyOps) {
      if (read.f !== 'get' || read.status !== 'ok') continue;
      readsChecked++;
      const v = read.output ?? null;
      const stale = checkRead(key, read, v, writes);
      if (stale !== undefined && violations.length < maxViolations) violations.push(stale);
    }
  }
  violations.sort((a, b) => a.read.invokeSeq - b.read.invokeSeq);
  return { ok: violations.length === 0, readsChecked, violations };
}

function checkRead(key: string, read: KvOperation, v: string | null, writes: readonly Write[]): StaleRead | undefined {
  // The latest-invoked acknowledged write of another value that finished before the read began.
  let barrier: Write | undefined;
  for (const w of writes) {
    if (w.acked && w.value !== v && w.returnSeq < read.invokeSeq && (barrier === undefined || w.invokeSeq > barrier.invokeSeq)) {
      barrier = w;
    }
  }
  let anyWriter = false;
  for (const w of writes) {
    if (w.value !== v || w.invokeSeq >= read.returnSeq) continue;
    anyWriter = true;
    if (barrier === undefined || w.returnSeq > barrier.invokeSeq) return undefined;
  }
  const shown = v === null ? 'nothing' : JSON.stringify(v);
  if (!anyWriter) {
    return { read, message: `${describeOp(read)} read ${shown}, but nothing wrote ${shown} to ${key} before the read returned.` };
  }
  // barrier is defined here: a writer exists and every writer was overwritten by it.
  const by = barrier!;
  const byText = by.op ? describeOp(by.op) : 'the initial state';
  return {
    read,
    overwrittenBy: by.op,
    message: `${describeOp(read)} is stale: every write of ${shown} had been overwritten by ${byText}, which was acknowledged before the read began (a lost acknowledged write, or a read served by a deposed leader).`,
  };
}
