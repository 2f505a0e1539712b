// The live verdict the page shows while chaos runs: every check over the trace so far,
// boiled down to what the verdict panel draws. Pure (the coordinator worker computes
// it, the UI thread only draws it), and small: a failing history is cut down to the
// operations the timeline needs.

import type { TraceEvent } from '../protocol/trace';
import type { Verdict, VerdictOp } from '../protocol/verdict';
import { checkTrace } from './index';

export type { Verdict, VerdictOp } from '../protocol/verdict';
import type { KvOperation } from './history';
import { IncrementalVerdict, type IncrementalVerdictResult } from './incremental';
import type { RaftSafetyOptions } from './raft-safety';

const maxOps = 12;

/** The live budget: a second or so per key at most, so a slow machine still answers. */
export const liveSteps = 1_000_000;

export function liveVerdict(trace: readonly TraceEvent[], at: number): Verdict {
  const report = checkTrace(trace, { maxStepsPerKey: liveSteps });
  const lin = report.linearizability;
  const f = lin?.failure;
  return {
    at,
    ok: report.ok,
    checks: report.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
    opsChecked: lin?.opsChecked ?? 0,
    linearizable: lin?.ok ?? 'unknown',
    ...(f && lin?.ok === false
      ? {
          failure: {
            key: f.key,
            message: f.message,
            ops: timelineOps(f.op, f.concurrent, f.prefix),
          },
        }
      : {}),
  };
}

/** The verdict of an incremental checker (incremental.ts), in the panel's shape. */
export function verdictOf(r: IncrementalVerdictResult, at: number): Verdict {
  const f = r.failure;
  return {
    at,
    ok: r.ok,
    checks: r.checks.map((c) => ({ name: c.name, ok: c.ok, detail: c.detail })),
    opsChecked: r.opsChecked,
    linearizable: r.linearizable,
    ...(f && r.linearizable === false ? { failure: { key: f.key, message: f.message, ops: timelineOps(f.op, f.concurrent, f.prefix) } } : {}),
  };
}

/** What computes the page's live verdict: fed the trace as it grows, asked for a verdict
 * about once a second. In the browser it runs in a worker of its own (src/host/
 * verdict-worker-checker.ts); in Node, and as the fallback, in the caller's thread. */
export interface LiveChecker {
  feed(events: readonly TraceEvent[]): void;
  /** The verdict over everything fed so far; undefined if it could not be computed. */
  verdict(at: number): Promise<Verdict | undefined>;
  dispose(): void;
}

/** The live checker in the caller's thread. */
export class InlineChecker implements LiveChecker {
  private readonly checker: IncrementalVerdict;

  constructor(opts: RaftSafetyOptions = {}) {
    this.checker = new IncrementalVerdict({ ...opts, maxStepsPerKey: liveSteps });
  }

  feed(events: readonly TraceEvent[]): void {
    this.checker.feed(events);
  }

  verdict(at: number): Promise<Verdict | undefined> {
    return Promise.resolve(verdictOf(this.checker.result(), at));
  }

  dispose(): void {}
}

/** The offending op, the ops concurrent with it, and the last few placed before it. */
function timelineOps(op: KvOperation, concurrent: readonly KvOperation[], prefix: readonly KvOperation[]): VerdictOp[] {
  const picked = new Map<string, KvOperation>();
  const add = (o: KvOperation) => picked.set(`${o.process}#${o.id}`, o);
  add(op);
  for (const o of concurrent) if (picked.size < maxOps) add(o);
  for (const o of prefix.slice(-Math.max(0, maxOps - picked.size))) add(o);
  return [...picked.values()]
    .sort((a, b) => a.invokeT - b.invokeT || a.invokeSeq - b.invokeSeq)
    .map((o) => ({
      process: o.process,
      label: opLabel(o),
      invokeT: o.invokeT,
      returnT: o.returnT,
      status: o.status,
      offending: o.process === op.process && o.id === op.id,
    }));
}

function opLabel(o: KvOperation): string {
  switch (o.f) {
    case 'put':
      return `put ${o.key}=${o.value}`;
    case 'get':
      return `get ${o.key} → ${o.status === 'ok' ? (o.output ?? '∅') : '?'}`;
    case 'delete':
      return `del ${o.key}`;
    case 'cas':
      return `cas ${o.key} ${o.expect ?? '∅'}→${o.value}`;
  }
}
