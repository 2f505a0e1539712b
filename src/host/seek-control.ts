// How the coordinator answers a seek (issue 11): a short hop forward runs the live
// simulation on at once; anything else shows the moment from the view history at once
// (view-history.ts) and brings the exact simulation there behind it (rebuild.ts), from
// the nearest simulation not past the target: the rebuild in progress, the live one,
// or a fresh one from t = 0. Scrubbing retargets the rebuild instead of starting over.

import type { Simulation } from '../coordinator/simulation';
import { frameMachines } from '../coordinator/frame';
import type { ViewDiff } from '../coordinator/view-diff';
import { MAX_SEEK_EVENTS, type Frame } from '../protocol/frames';
import type { MachineView } from '../sim/machine';
import type { InProcessDriver } from './in-process';
import { Rebuild } from './rebuild';
import type { TimeTravel } from './seek';
import { ViewHistory, type Moment } from './view-history';

/** A seek forward by at most this much sim time runs the live simulation on at once
 * (a few ms): no preview, no rebuild. */
export const RUN_ON_MS = 3000;

/** What the page is shown while the exact simulation is rebuilt. */
export interface Preview {
  readonly moment: Moment;
  /** The sim time shown: the target when the moment holds there, else the moment's. */
  readonly shown: number;
  readonly exact: boolean;
}

export class SeekControl {
  readonly history = new ViewHistory();
  /** The exact simulation being brought to the target, if any. */
  rebuild: Rebuild | undefined;
  /** A moment to show on the next frame. */
  preview: Preview | undefined;
  /** A preview was shown since the last landing (the page rewound to it). */
  previewShown = false;

  constructor(private readonly travel: TimeTravel) {}

  /** Whether a seek to `to` can be had by running the live simulation on right now. */
  runsOn(sim: Simulation, to: number): boolean {
    return this.rebuild === undefined && to >= sim.now && to - sim.now <= RUN_ON_MS;
  }

  /** Starts (or retargets) the rebuild towards `to` and sets the preview. `live`: the
   * live simulation, when it can run on in this thread (its driver), and how many
   * events its trace has dropped. */
  start(to: number, live: { sim: Simulation; driver: InProcessDriver; dropped: number } | undefined): void {
    const found = this.history.find(to);
    this.preview = found ? { moment: found.moment, shown: found.exact ? to : found.moment.at, exact: found.exact } : undefined;
    const pending = this.rebuild;
    const pendingNow = pending && pending.sim.now <= to ? pending.sim.now : -1;
    const liveNow = live && live.sim.now <= to ? live.sim.now : -1;
    if (pending && pendingNow >= 0 && pendingNow >= liveNow) {
      pending.to = to; // keeps going from where it got
      return;
    }
    if (live && liveNow >= 0) {
      // The markers' book knows what it has seen: scanning the live trace again from
      // its start adds nothing twice.
      this.travel.restart(live.dropped);
      this.rebuild = new Rebuild({ sim: live.sim, driver: live.driver, next: this.travel.next }, this.travel.log, to);
      return;
    }
    this.travel.restart();
    this.rebuild = new Rebuild(undefined, this.travel.log, to);
  }

  /** Runs the rebuild while `more()` allows; the finished rebuild when it got there. */
  slice(more: () => boolean): Rebuild | undefined {
    const r = this.rebuild;
    if (!r || !r.step(this.travel.log.actions, more, this.travel.onWindow)) return undefined;
    this.rebuild = undefined;
    this.preview = undefined;
    return r;
  }

  /** The frame of the preview (the page rewinds to it, as after any seek back): what
   * the page showed live at that sim time. */
  takePreviewFrame(viewDiff: ViewDiff, x: Pick<Frame, 'speed' | 'profile' | 'replies' | 'timeline'>): Frame {
    const p = this.preview!;
    this.preview = undefined;
    this.previewShown = true;
    const m = p.moment;
    const verdict = this.history.verdictAt(p.shown);
    viewDiff.reset(); // the page drops the views it had: send them all
    return {
      now: p.shown,
      playing: false,
      speed: x.speed,
      machines: viewDiff.mark(m.machines),
      packets: m.packets,
      events: this.history.eventsBefore(m.position, MAX_SEEK_EVENTS),
      cut: m.cut,
      replies: x.replies,
      finished: m.finished,
      ...(x.profile ? { profile: x.profile } : {}),
      chaos: m.chaos,
      ...(verdict ? { verdict } : {}),
      ...(x.timeline ? { timeline: x.timeline } : {}),
      seeked: { to: p.shown, rebuilt: true, preview: { exact: p.exact } },
    };
  }

  /** Takes a moment of the live run before its next window, if one is due (`grain`
   * false: only at a marker's point, view-history.ts). */
  capture(sim: Simulation, dropped: number, views: () => ReadonlyMap<string, MachineView>, grain = true): void {
    const h = this.history;
    h.archiveTrace(sim.trace, dropped);
    const next = sim.nextWindow();
    const from = sim.lastWindowEnd;
    if (!h.due(from, next?.end, grain)) return;
    h.take({
      from,
      until: next?.end,
      position: dropped + sim.trace.length,
      machines: () => frameMachines(sim, views()),
      packets: () => sim.packetsInFlight(),
      cut: () => sim.network.cutLinks(),
      chaos: sim.chaosOn,
      finished: sim.finished,
    });
  }

  /** A user action at the live simulation's present: the history after it is its own. */
  acted(sim: Simulation, dropped: number): void {
    this.history.cut(sim.now, dropped + sim.trace.length);
  }
}
