// The scheduler's memory of why it placed each recent pod: the last decision per pod,
// oldest first, bounded. The kube-scheduler-simulator keeps the same record (filter and
// score results per node) in a pod's annotations; here it lives in the scheduler's view,
// so it goes when the scheduler's process does (a new leader knows only its own).
//
// The view crosses to the page with every frame, so the bound counts rows (one per node
// considered) as well as pods: 200 pods on a small cluster, fewer on a large one.

import type { DecisionRow, SchedulingDecision } from '../../protocol/kube-views';

/** A decision as recorded: its rows are made only when a view lists it (most decisions
 * are dropped before any view asks, and a row per node per attempt was the scheduler's
 * largest allocation at 100 nodes). */
export type RecordedDecision = Omit<SchedulingDecision, 'rows' | 'skipped'> & {
  readonly rowCount: number;
  readonly rows: () => readonly DecisionRow[];
  readonly skipped?: readonly string[];
};

/** Pods remembered at most. */
export const DECISIONS_KEPT = 200;
/** Node rows remembered at most, over all kept decisions (100 workers: 10 pods; about 65 KB of view at 30 workers). */
export const DECISION_ROWS_KEPT = 1000;
/** Pods remembered at least, however large the cluster. */
export const MIN_KEPT = 10;

export class DecisionLog {
  private readonly byPod = new Map<string, RecordedDecision>();
  /** The decisions listed so far, made once each. */
  private readonly made = new WeakMap<RecordedDecision, SchedulingDecision>();
  private rows = 0;
  private published: readonly SchedulingDecision[] | undefined;

  /** How many pods fit the bounds at the current cluster size. */
  keep = DECISIONS_KEPT;

  /** The pod's latest attempt replaces its earlier one and becomes the newest. */
  record(d: RecordedDecision): void {
    this.forget(d.pod);
    this.byPod.set(d.pod, d);
    this.rows += d.rowCount;
    this.keep = Math.max(MIN_KEPT, Math.min(DECISIONS_KEPT, Math.floor(DECISION_ROWS_KEPT / Math.max(1, d.rowCount))));
    for (const [pod, old] of this.byPod) {
      if (this.byPod.size <= this.keep && (this.rows <= DECISION_ROWS_KEPT || this.byPod.size <= MIN_KEPT)) break;
      if (old === d) break;
      this.byPod.delete(pod);
      this.rows -= old.rowCount;
    }
    this.published = undefined;
  }

  forget(pod: string): void {
    const old = this.byPod.get(pod);
    if (!old) return;
    this.byPod.delete(pod);
    this.rows -= old.rowCount;
    this.published = undefined;
  }

  /** Oldest first; the same array until something changes (views are asked every frame). */
  list(): readonly SchedulingDecision[] {
    return (this.published ??= [...this.byPod.values()].map((d) => this.make(d)));
  }

  /** The decision as the view carries it, its fields in the order they always had. */
  private make(d: RecordedDecision): SchedulingDecision {
    let out = this.made.get(d);
    if (!out) {
      const { rowCount: _count, rows, skipped, ...rest } = d;
      out = { ...rest, rows: rows(), ...(skipped ? { skipped } : {}) };
      this.made.set(d, out);
    }
    return out;
  }
}
