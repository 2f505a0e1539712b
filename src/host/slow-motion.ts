// Election slow motion (issue 11): the moments that matter in an HA demo are short. An
// etcd election (pre-vote, then vote) takes 14–34 ms of sim time at this network's
// 2–10 ms latencies (measured over 30 seeds: kill the leader, first pre-candidate to the
// new leader), and a control-plane Lease sits unheld for up to a few seconds before
// another master's elector takes it. While either is on, playback drops to a crawl and
// then returns to the chosen speed. A pacing choice of the host, decided from what the
// simulation already knows (the trace's roles, the apiservers' views); the simulation
// and its trace do not change.

import type { ApiserverView } from '../protocol/kube-views';
import type { MachineView } from '../sim/machine';

export type SlowCause = 'election' | 'lease';

/** Speed while an etcd member is pre-candidate or candidate: 0.01× shows the shortest
 * election seen (14 ms) for 1.4 s of wall time and a message hop (2–10 ms) for as long as
 * the drawn dots take (src/ui/graph/packet-motion.ts). The "about 0.05×" assumed
 * 0.1 s elections; at 0.05× a typical one flashes by in half a second. */
export const ELECTION_SPEED = 0.01;
/** Speed while a control-plane Lease is unheld: its gap is seconds long, not ms. */
export const LEASE_SPEED = 0.05;
/** Sim ms one slow stretch lasts at most (4 s and 10 s of wall time at the speeds
 * above): an election that cannot end (no quorum: a lone pre-candidate stays one) or a
 * Lease nobody can take (no apiserver) must not leave the page crawling; the run goes
 * back to the chosen speed until the cause ends. Counted in sim time, so a pause in the
 * middle of an election (to explain it) does not use it up. */
export const MAX_SLOW_SIM_MS: Readonly<Record<SlowCause, number>> = { election: 40, lease: 500 };

/** The control-plane Leases whose hand-over is worth slowing down for. */
export const CONTROL_PLANE_LEASES = ['kube-system/kube-scheduler', 'kube-system/kube-controller-manager'] as const;

/** Why the run should crawl now, if it should: an election before a Lease (an election
 * is the shorter, and the one a Lease hand-over waits for when etcd has no leader). */
export function slowCause(electing: readonly string[], leaseExpiries: ReadonlyMap<string, number>, now: number): SlowCause | undefined {
  if (electing.length > 0) return 'election';
  for (const expiry of leaseExpiries.values()) if (now >= expiry) return 'lease';
  return undefined;
}

/** The speed to run at: the slow speed, or the chosen one when that is slower already.
 * "As fast as possible" (0) is not slowed: whoever picks it wants the outcome, not the
 * show (the swarm, a long soak). */
export function slowedSpeed(chosen: number, cause: SlowCause): number {
  const slow = cause === 'election' ? ELECTION_SPEED : LEASE_SPEED;
  return chosen === 0 ? 0 : Math.min(chosen, slow);
}

/** When each control-plane Lease runs out (renewTime + leaseDurationSeconds), from the
 * freshest live apiserver's view (the highest revision: one cut off from etcd is stale). */
export function leaseExpiries(views: ReadonlyMap<string, MachineView>): Map<string, number> {
  let best: ApiserverView | undefined;
  for (const v of views.values()) {
    const api = v.processes['kube-apiserver'] as ApiserverView | undefined;
    if (api?.kind === 'kube-apiserver' && api.ready && (!best || api.revision > best.revision)) best = api;
  }
  const out = new Map<string, number>();
  const times = best?.cluster.leaseTimes;
  if (!times) return out;
  for (const lease of CONTROL_PLANE_LEASES) {
    const t = times[lease];
    if (t) out.set(lease, t.renewMs + t.durationS * 1000);
  }
  return out;
}

/** The coordinator's slow-motion state: switched on or not, the cause of the stretch in
 * progress and when (sim ms) it started. */
export class SlowMotion {
  on = false;
  /** Chaos is on: elections come every few seconds and the point is the verdict, not the
   * show, so slow motion stands aside until chaos is switched off. */
  chaos = false;
  private cause: SlowCause | undefined;
  private since = 0;
  private expiries = new Map<string, number>();

  /** A new run: on or off, nothing slowed. */
  reset(on: boolean): void {
    this.on = on;
    this.chaos = false;
    this.cause = undefined;
    this.expiries = new Map();
  }

  /** The Leases' expiries as the last frame's views say. */
  noteViews(views: ReadonlyMap<string, MachineView>): void {
    this.expiries = leaseExpiries(views);
  }

  /** Decides again after a window; true when the speed to run at changed (the caller
   * re-anchors its pacing there). */
  update(electing: readonly string[], now: number): boolean {
    const before = this.slowing(now);
    const cause = this.on && !this.chaos ? slowCause(electing, this.expiries, now) : undefined;
    if (cause !== this.cause) {
      this.cause = cause;
      this.since = now;
    }
    return this.slowing(now) !== before;
  }

  /** The cause slowing the run at sim time `now`, if any (none once the stretch ran out). */
  slowing(now: number): SlowCause | undefined {
    return this.on && !this.chaos && this.cause !== undefined && now - this.since < MAX_SLOW_SIM_MS[this.cause] ? this.cause : undefined;
  }

  /** The speed to run at, given the chosen one. */
  speed(chosen: number, now: number): number {
    const cause = this.slowing(now);
    return cause ? slowedSpeed(chosen, cause) : chosen;
  }

  /** What a frame says about it (Frame.slowMotion). */
  frameField(chosen: number, now: number): { on: boolean; active?: SlowCause; speed?: number } {
    const cause = chosen === 0 ? undefined : this.slowing(now);
    return cause ? { on: this.on, active: cause, speed: slowedSpeed(chosen, cause) } : { on: this.on };
  }
}
