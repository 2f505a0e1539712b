// Every built-in check over one trace, with messages a student can read. Used by the
// headless runner (exit 1 when a check fails), the chaos tests, and the verdict panel.
// Pure: no I/O, no clocks, the same trace always gives the same report.

import type { TraceEvent } from '../protocol/trace';
import { noAckedWriteLost, type AckedWritesResult } from './acked-writes';
import { podsBoundOnce } from './pod-binding';
import { kvHistory } from './history';
import { checkLinearizability, type LinearizabilityOptions, type LinearizabilityResult } from './linearizability';
import type { CheckName } from '../protocol/verdict';
import { checkRaftSafety, raftCheckNames, type RaftCheckName, type RaftSafetyOptions, type RaftSafetyResult } from './raft-safety';


export const checkNames: readonly CheckName[] = [...raftCheckNames, 'kv-history', 'linearizability', 'no-acked-write-lost', 'pod-bound-once', 'no-process-crash'];

export interface CheckResult {
  readonly name: CheckName;
  /** 'unknown': the check could not decide within its budget; it does not fail the run. */
  readonly ok: boolean | 'unknown';
  /** One line when ok; the first violations, one per line, when not. */
  readonly detail: string;
}

export interface CheckOptions extends RaftSafetyOptions, LinearizabilityOptions {
  /** Checks to leave out, e.g. ['linearizability'] for a live panel on a slow machine. */
  readonly skip?: readonly CheckName[];
}

export interface CheckReport {
  /** false iff some check is false ('unknown' does not fail the report). */
  readonly ok: boolean;
  readonly checks: readonly CheckResult[];
  /** The full results, for a UI that draws the offending operations or entries. */
  readonly raft?: RaftSafetyResult;
  readonly linearizability?: LinearizabilityResult;
  readonly ackedWrites?: AckedWritesResult;
}

const shownPerCheck = 3;

export function checkTrace(events: readonly TraceEvent[], opts: CheckOptions = {}): CheckReport {
  const skip = new Set(opts.skip ?? []);
  const checks: CheckResult[] = [];

  const raft = raftCheckNames.some((n) => !skip.has(n)) ? checkRaftSafety(events, opts) : undefined;
  if (raft) checks.push(...raftCheckResults(raft).filter((c) => !skip.has(c.name)));

  // A restore rewinds the keyspace on purpose: the history checks judge the cluster the
  // last restore made (the Raft checks start over at the restore themselves).
  const epoch = sinceLastRestore(events);
  if (!skip.has('kv-history')) {
    const { ops, malformed } = kvHistory(epoch);
    checks.push({
      name: 'kv-history',
      ok: malformed.length === 0,
      detail: malformed.length === 0 ? `${ops.length} workload operations, all well formed.` : listed(malformed),
    });
  }

  let linearizability: LinearizabilityResult | undefined;
  if (!skip.has('linearizability')) {
    linearizability = checkLinearizability(epoch, opts);
    checks.push({ name: 'linearizability', ok: linearizability.ok, detail: linearizabilityDetail(linearizability) });
  }

  let ackedWrites: AckedWritesResult | undefined;
  if (!skip.has('no-acked-write-lost')) {
    ackedWrites = noAckedWriteLost(epoch);
    checks.push({
      name: 'no-acked-write-lost',
      ok: ackedWrites.ok,
      detail: ackedWrites.ok
        ? `${ackedWrites.readsChecked} reads, none older than a write acknowledged before it.`
        : listed(ackedWrites.violations.map((v) => v.message)),
    });
  }

  if (!skip.has('pod-bound-once')) {
    const b = podsBoundOnce(epoch);
    checks.push({ name: 'pod-bound-once', ok: b.ok, detail: b.ok ? `${b.bindings} bindings, no pod bound to two nodes.` : listed(b.violations) });
  }

  // A process that threw is a bug (or input it should have refused): the run goes on,
  // but it does not pass.
  if (!skip.has('no-process-crash')) {
    const crashes = events.flatMap((e) => (e.type === 'process.crash' ? [`${e.process} on ${e.machine} crashed at ${e.t} ms: ${e.error}`] : []));
    checks.push({ name: 'no-process-crash', ok: crashes.length === 0, detail: crashes.length === 0 ? 'no process crashed.' : listed(crashes) });
  }

  return { ok: checks.every((c) => c.ok !== false), checks, raft, linearizability, ackedWrites };
}

/** One result per Raft check, from the checker's findings. */
export function raftCheckResults(raft: RaftSafetyResult): CheckResult[] {
  return raftCheckNames.map((name) => {
    const found = raft.violations.filter((v) => v.check === name);
    return { name, ok: found.length === 0, detail: found.length === 0 ? raftOkDetail(name, raft) : listed(found.map((v) => v.message)) };
  });
}

/** The events after the last `etcd.restore`, without the completions of operations
 * invoked before it (all of them when there was no restore). */
export function sinceLastRestore(events: readonly TraceEvent[]): readonly TraceEvent[] {
  let at = -1;
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.type === 'etcd.restore') {
      at = i;
      break;
    }
  }
  if (at < 0) return events;
  const invoked = new Set<string>();
  const out: TraceEvent[] = [];
  for (const ev of events.slice(at + 1)) {
    if (ev.type === 'kv.invoke') invoked.add(`${ev.process}#${ev.id}`);
    else if ((ev.type === 'kv.ok' || ev.type === 'kv.fail' || ev.type === 'kv.info') && !invoked.has(`${ev.process}#${ev.id}`)) continue;
    out.push(ev);
  }
  return out;
}

/** One line per failing check: "FAIL election-safety: two leaders in term 5: …". */
export function formatReport(report: CheckReport): string {
  return report.checks
    .map((c) => `${c.ok === true ? 'ok  ' : c.ok === false ? 'FAIL' : '??  '} ${c.name}: ${c.detail.split('\n').join('\n       ')}`)
    .join('\n');
}

export function listed(messages: readonly string[]): string {
  const more = messages.length > shownPerCheck ? `\n(and ${messages.length - shownPerCheck} more)` : '';
  return messages.slice(0, shownPerCheck).join('\n') + more;
}

function raftOkDetail(name: RaftCheckName, raft: RaftSafetyResult): string {
  switch (name) {
    case 'election-safety': {
      const terms = raft.leaders.length;
      return terms === 0 ? 'no leader was elected.' : `${terms} term(s) with a leader, one leader each.`;
    }
    case 'term-monotonic':
      return 'no member\'s term ever went back.';
    case 'state-machine-safety':
      return `${raft.appliesChecked} applies up to index ${raft.highestIndex}, every member applied the same entry at each index.`;
    case 'apply-order':
      return 'every member applied entries in order, once, while up (replays only after a restart).';
    case 'log-terms':
      return 'terms never decrease along the committed log, and each was a term with a leader.';
  }
}

function linearizabilityDetail(r: LinearizabilityResult): string {
  const keys = r.keys.length;
  if (r.ok === true) return `${r.opsChecked} operations on ${keys} key(s): linearizable.`;
  if (r.ok === 'unknown') {
    const undecided = r.keys.filter((k) => k.ok === 'unknown').map((k) => k.key);
    return `search budget exhausted on key(s) ${undecided.join(', ')}; ${r.opsChecked} operations on ${keys} key(s), no violation found.`;
  }
  return r.failure?.message ?? `key ${r.key} is not linearizable.`;
}

export { checkLinearizability, checkKey, relevantOps } from './linearizability';
export type { KeyVerdict, LinearizabilityFailure, LinearizabilityOptions, LinearizabilityResult } from './linearizability';
export { checkRaftSafety, inferTopology, stackedMachine, externalMachine, RaftSafetyStream } from './raft-safety';
export type { CheckName } from '../protocol/verdict';
export type { RaftCheckName, RaftSafetyOptions, RaftSafetyResult, RaftViolation } from './raft-safety';
export { noAckedWriteLost } from './acked-writes';
export { podsBoundOnce } from './pod-binding';
export type { AckedWritesResult, StaleRead } from './acked-writes';
export { kvHistory, describeOp } from './history';
export type { KvHistory, KvOperation, KvStatus } from './history';
