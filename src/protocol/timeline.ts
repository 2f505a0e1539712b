// The timeline under the graph (issue 11): the run's length and its markers, computed
// in the coordinator worker from the trace as it streams (src/host/timeline-markers.ts)
// and carried by frames when they change. The UI only draws them.

/** What a marker stands for (contracts.md §4, `time-marker` `data-kind`). */
export type MarkerKind = 'fault' | 'leader' | 'lease' | 'node' | 'eviction' | 'restore' | 'violation';

export interface TimelineMarker {
  /** Sim ms. */
  readonly at: number;
  readonly kind: MarkerKind;
  /** What a hover says: "etcd-2 became leader (term 3)". */
  readonly label: string;
}

export interface TimelineView {
  /** The furthest sim time this run has reached (a fork cuts it back). */
  readonly endMs: number;
  /** Bumped whenever the markers change; `markers` rides only on frames where it did. */
  readonly version: number;
  readonly markers?: readonly TimelineMarker[];
  /** Markers dropped because the run made more than the timeline keeps (oldest first). */
  readonly markersDropped?: number;
  /** Seeking works in this run (always now: with `?isolation=worker` the first seek
   * brings the machines into the coordinator, src/host/coordinator.ts landRebuild). */
  readonly seekable: boolean;
}
