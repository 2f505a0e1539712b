// Seeks in the coordinator (issue 11; coordinator.ts is the turn loop, commands and
// frames): a short hop forward runs the live simulation on, anything else shows the
// view history's moment and rebuilds the exact simulation behind it in slices
// (seek-control.ts), and the rebuilt simulation takes over when it lands; the timeline
// each frame carries.

import { ViewDiff } from '../coordinator/view-diff';
import type { Simulation } from '../coordinator/simulation';
import type { Frame } from '../protocol/frames';
import type { CoordinatorEnv } from './coordinator-env';
import { CoordinatorRuns } from './coordinator-runs';
import { InWorkerDriver } from './in-worker-driver';
import type { Rebuild } from './rebuild';
import { runTo } from './seek';
import { VerdictFeed } from './verdict-feed';

/** Wall time a rebuild after a seek runs per turn (commands are read between turns). */
const REBUILD_SLICE_MS = 16;

export abstract class CoordinatorSeeks extends CoordinatorRuns {
  /** The live verdict: fed every event of the run, once, as frames carry them. */
  protected readonly verdict: VerdictFeed;
  protected topology: 'stacked' | 'external' = 'stacked';
  /** Markers version the last frame carried. */
  protected sentMarkers = -1;
  /** Set after a seek, for the next frame (Frame.seeked). */
  protected seeked: { to: number; rebuilt: boolean } | undefined;
  /** Leaves out of each frame the views the UI already has. */
  protected readonly viewDiff = new ViewDiff();

  constructor(env: CoordinatorEnv) {
    super(env);
    this.verdict = new VerdictFeed(env);
  }

  /** The cluster as it was at sim ms `at`, paused (seek-control.ts). A short hop
   * forward runs the live simulation on at once; otherwise the view history's moment is
   * shown at once and the exact simulation is rebuilt behind it (rebuildSlice). */
  protected seek(sim: Simulation, at: number): void {
    const travel = this.travel!;
    this.playing = false;
    this.stepEvent = undefined;
    this.replayTo = undefined; // a seek ends a shared link's replay where it is
    if (!Number.isFinite(at)) return;
    const to = Math.max(0, Math.min(Math.round(at), travel.endMs, sim.horizon));
    const ctl = this.seekCtl!;
    // With ?isolation=worker the live machines are in workers of their own: it cannot
    // run on in this thread, so every seek is a rebuild from t = 0 (landRebuild).
    const inner = this.driver instanceof InWorkerDriver ? this.driver.inner : undefined;
    if (inner && ctl.runsOn(sim, to)) {
      travel.next = runTo(sim, inner, travel.log.actions, travel.next, to, travel.onWindow);
      this.seeked = { to, rebuilt: false };
      return;
    }
    ctl.start(to, inner ? { sim, driver: inner, dropped: this.traceDropped } : undefined);
  }

  /** A slice of the rebuild in progress; landed when it gets there. */
  protected rebuildSlice(turnStart: number): void {
    const end = turnStart + REBUILD_SLICE_MS;
    const done = this.seekCtl!.slice(() => this.inbox.length === 0 && this.env.wallNow() < end);
    if (done) this.landRebuild(done);
  }

  /** The rebuilt simulation takes over, paused at its target. One re-executed from
   * t = 0 replaces the live one: what the page accumulated (trace cursor, verdict)
   * starts over from it. */
  protected landRebuild(r: Rebuild): void {
    const ctl = this.seekCtl!;
    this.travel!.next = r.next;
    const rewound = r.fromStart || ctl.previewShown;
    ctl.previewShown = false;
    this.seeked = { to: r.to, rebuilt: rewound };
    this.dirty = true;
    if (!r.fromStart) return;
    this.sim = r.sim;
    if (!(this.driver instanceof InWorkerDriver)) {
      // The rebuilt machines are objects in this thread; a Machine cannot be moved into
      // a worker (its processes hold closures), so they run on here (README).
      this.driver?.dispose();
      this.notes.push('after a seek the machines run inside the coordinator, re-executed there (?isolation=worker ends with the first seek)');
    }
    this.driver = new InWorkerDriver(r.driver);
    r.sim.takeReplies(); // answered in the run the first time
    r.sim.takePacketsForFrame(); // the first packets of the re-execution, long delivered
    this.cursor = 0;
    this.traceDropped = 0;
    this.boot.restart(false);
    this.viewDiff.reset(); // the page drops the views it had: send them all again
    this.sentMarkers = -1; // the page starts over: it gets the markers again
    // The verdict starts over from the rebuilt trace.
    this.verdict.restart(this.topology, this.travel!.log.actions.slice(0, r.next).some((e) => e.action.kind === 'chaos' && e.action.on));
  }

  /** The timeline for a frame: the run's end always, the markers when they changed. */
  protected timelineView(sim: Simulation): Frame['timeline'] {
    const travel = this.travel!;
    travel.reached(sim.now);
    const book = travel.markers;
    const changed = book.version !== this.sentMarkers;
    this.sentMarkers = book.version;
    return {
      endMs: travel.endMs,
      version: book.version,
      seekable: true,
      ...(changed ? { markers: book.list, ...(book.droppedCount > 0 ? { markersDropped: book.droppedCount } : {}) } : {}),
    };
  }
}
