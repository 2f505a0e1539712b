// The election timer a member card draws (RaftScope's arc, here a bar): Raft counts
// ticks, the view says how many had passed at the member's last tick, and between
// ticks the bar fills on by the sim clock, so it moves smoothly at slow speeds and holds
// still when paused. A heartbeat resets it to nothing; the timeout is randomized anew in
// [election timeout, 2 × election timeout) at every reset of the term.

import type { EtcdMemberView } from '../../protocol/frames';

/** One Raft tick (etcd --heartbeat-interval): Raft's count moves on only this often. */
export const TICK_MS = 100;

/** Elapsed ms of the member's timer at sim time `clock`, at most its timeout. */
export function electionTimerMs(t: NonNullable<EtcdMemberView['electionTimer']>, clock: number): number {
  const sinceTick = Math.min(TICK_MS, Math.max(0, clock - t.tickAt));
  return Math.min(t.timeoutMs, t.elapsedMs + sinceTick);
}

/** "1 130": thousands set apart by a narrow no-break space, readable from the back row. */
export function groupedMs(ms: number): string {
  const n = Math.round(ms);
  return n >= 1000 ? `${Math.floor(n / 1000)}\u202f${String(n % 1000).padStart(3, '0')}` : String(n);
}
