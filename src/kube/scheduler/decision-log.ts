// The scheduler's memory of why it placed each recent pod: the last decision per pod,
// oldest first, bounded. The kube-scheduler-simulator keeps the same record (filter and
// score results per node) in a pod's annotations; here it lives in the scheduler's view,
// so it goes when the scheduler's process does (a new leader knows only its own).
//
// The view crosses to the page with every frame, so the bound counts rows (one per node
// considered) as well as pods: 200 pods on a small cluster, fewer on a large one.

import type { SchedulingDecision } from '../../protocol/kube-views';

/** Pods remembered at most. */
export const DECISIONS_KEPT = 200;
/** Node rows remembered at most, over all kept decisions (100 workers: 10 pods; about 65 KB of view at 30 workers). */
export const DECISION_ROWS_KEPT = 1000;
/** Pods remembered at least, however large the cluster. */
export const MIN_KEPT = 10;

export class DecisionLog {
  private readonly byPod = new Map<string, SchedulingDecision>();
  private rows = 0;
  private published: readonly SchedulingDecision[] | undefined;

  /** How many pods fit the bounds at the current cluster size. */
  keep = DECISIONS_KEPT;

  /** The pod's latest attempt replaces its earlier one and becomes the newest. */
  record(d: SchedulingDecision): void {
    this.forget(d.pod);
    this.byPod.set(d.pod, d);
    this.rows += d.rows.length;
    this.keep = Math.max(MIN_KEPT, Math.min(DECISIONS_KEPT, Math.floor(DECISION_ROWS_KEPT / Math.max(1, d.rows.length))));
    for (const [pod, old] of this.byPod) {
      if (this.byPod.size <= this.keep && (this.rows <= DECISION_ROWS_KEPT || this.byPod.size <= MIN_KEPT)) break;
      if (old === d) break;
      this.byPod.delete(pod);
      this.rows -= old.rows.length;
    }
    this.published = undefined;
  }

  forget(pod: string): void {
    const old = this.byPod.get(pod);
    if (!old) return;
    this.byPod.delete(pod);
    this.rows -= old.rows.length;
    this.published = undefined;
  }

  /** Oldest first; the same array until something changes (views are asked every frame). */
  list(): readonly SchedulingDecision[] {
    return (this.published ??= [...this.byPod.values()]);
  }
}
