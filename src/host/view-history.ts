// Time travel's view history (issue 11): what the page needs to draw any moment of the
// run, kept by the coordinator as the run goes, so that scrubbing back shows a moment
// at once instead of re-executing the run from t = 0 first (seconds for a long run).
// The exact cluster at that moment (for play, a fork, the console) is rebuilt by
// re-execution behind it (rebuild.ts); acting waits for that.
//
// A moment is the state between two windows: every machine's views, the packets in
// flight, the cut links, the chaos switch, how far the run's trace had got. It holds
// for every sim time from the end of the window before it to the end of the window
// after it (no machine runs in between), so a seek to a time in that span is exact;
// elsewhere the nearest earlier moment is shown and the rebuild brings the exact one.
// Moments are taken at a fixed grain of sim time and just after every event a
// timeline marker stands for, where learners seek most.
//
// Memory: views are immutable objects (a Machine hands out the same object until it
// runs a window), and each moment's views share every part equal to the previous
// moment's (reuseEqual), so a moment costs what changed since the one before. The trace
// events are references to the run's own. Bounded: past MAX_MOMENTS, every other one of
// the older half is dropped (the grain of the distant past gets coarser), and at most
// MAX_ARCHIVE (+ ARCHIVE_SLACK) events are kept.

import type { MachineState, PacketView } from '../protocol/frames';
import type { TraceEvent } from '../protocol/trace';
import type { Verdict } from '../protocol/verdict';
import { reuseEqual } from '../coordinator/view-diff';

/** A moment every this many ms of sim time while the run is paced (up to 10×). */
export const GRAIN_MS = 250;
/** ...and while it runs as fast as it can (the boot, a shared link's replay, "max"):
 * a moment costs the views of every machine that ran (about 0.6 ms for HA), and at 250 ms
 * they made a run at full speed 35% slower (docs/performance.md "Time travel"). */
export const FAST_GRAIN_MS = 1000;
/** Moments kept at most (thinned beyond). */
export const MAX_MOMENTS = 3000;
/** Trace events kept (at most this plus ARCHIVE_SLACK), for the event log of a moment
 * shown. */
export const MAX_ARCHIVE = 100_000;
export const ARCHIVE_SLACK = 10_000;
/** A marker is sought at its time plus this (src/ui/timeline/markers.ts AFTER_MARKER_MS):
 * a moment is taken there. */
const AFTER_EVENT_MS = 20;

export interface Moment {
  /** The sim time it was taken for. */
  readonly at: number;
  /** It holds for sim times in [from, until): from the end of the window before it to
   * the end of the window after it. */
  readonly from: number;
  readonly until: number;
  /** Events of the run's whole trace up to it. */
  readonly position: number;
  readonly machines: readonly MachineState[];
  readonly packets: readonly PacketView[];
  readonly cut: readonly string[];
  readonly chaos: boolean;
  readonly finished: boolean;
}

/** What a moment shown needs from the simulation when it is taken. */
export interface MomentSource {
  /** The end of the last window (the state's start). */
  readonly from: number;
  /** The end of the next window (undefined: none is queued). */
  readonly until: number | undefined;
  readonly position: number;
  machines(): readonly MachineState[];
  packets(): readonly PacketView[];
  cut(): readonly string[];
  readonly chaos: boolean;
  readonly finished: boolean;
}

/** Whether a trace event makes a timeline marker (timeline-markers.ts), loosely: lease
 * renewals count too, which costs a few extra moments and nothing else. */
function markerish(ev: TraceEvent): boolean {
  switch (ev.type) {
    case 'fault':
    case 'node.ready':
    case 'etcd.restore':
    case 'process.crash':
      return true;
    case 'raft.role':
      return ev.role === 'leader';
    case 'lease.holder':
      return !ev.lease.startsWith('kube-node-lease/');
    case 'k8s.event':
      return ev.reason === 'TaintManagerEviction';
    default:
      return false;
  }
}

export class ViewHistory {
  private moments: Moment[] = [];
  /** The run's trace events, from position `base` on (references, not copies). */
  private archive: TraceEvent[] = [];
  private base = 0;
  /** Live verdicts, by the sim time they are about. */
  private verdicts: Verdict[] = [];
  /** The next grain point, and marker points still ahead (sorted). */
  private nextGrain = 0;
  private points: number[] = [];
  /** Moments dropped by thinning so far. */
  thinned = 0;
  /** The grain in use (GRAIN_MS or FAST_GRAIN_MS; the coordinator sets it). */
  grainMs = GRAIN_MS;
  /** Set by a cut: the present is new ground, whatever the moments before it say. */
  private reopened = false;

  get size(): number {
    return this.moments.length;
  }

  /** The sim time up to which moments are known (the latest moment's end). */
  get knownUntil(): number {
    const last = this.moments.at(-1);
    return last ? last.until : -1;
  }

  /** Appends the events of the run's trace this history has not seen: `trace[i]` is at
   * position `dropped + i`. Call before the host drops events from the trace's front. */
  archiveTrace(trace: readonly TraceEvent[], dropped: number): void {
    const end = this.base + this.archive.length;
    for (let i = Math.max(0, end - dropped); i < trace.length; i++) {
      const ev = trace[i]!;
      this.archive.push(ev);
      if (markerish(ev)) this.addPoint(ev.t + AFTER_EVENT_MS);
    }
    // Dropped ARCHIVE_SLACK at a time: dropping the one event over the bound moved the
    // other 100 000 for every new event once a run had that many (at "max" after about
    // ten seconds in HA, then 40 % of the simulation worker's time).
    if (this.archive.length > MAX_ARCHIVE + ARCHIVE_SLACK) {
      const over = this.archive.length - MAX_ARCHIVE;
      this.archive.splice(0, over);
      this.base += over;
    }
  }

  /** Whether a moment is due before the next window runs: a grain or marker point lies
   * between the last window's end and the next one's (the state then is the one now).
   * `grain` false: only a marker point counts (the grain's moments are taken elsewhere). */
  due(from: number, nextEnd: number | undefined, grain = true): boolean {
    if (!this.reopened && from < this.knownUntil) return false; // re-executed ground: already kept
    const horizon = nextEnd ?? Infinity;
    return (grain && this.nextGrain < horizon) || (this.points.length > 0 && this.points[0]! < horizon);
  }

  /** Takes the moment the source describes (call when due()). */
  take(src: MomentSource): void {
    const until = src.until ?? Infinity;
    const prev = this.moments.at(-1);
    // After a cut the moment before holds up to the action, this one from there.
    const from = prev && prev.until > src.from ? prev.until : src.from;
    this.reopened = false;
    // The last point this state stands for: what a seek there shows exactly.
    let at = from;
    const g = this.grainMs;
    if (!Number.isFinite(until)) this.nextGrain = (Math.floor(from / g) + 1) * g;
    else if (this.nextGrain < until) {
      const k = Math.floor((until - 1 - this.nextGrain) / g);
      at = Math.max(at, this.nextGrain + k * g);
      this.nextGrain = (Math.floor(at / g) + 1) * g;
    }
    while (this.points.length > 0 && this.points[0]! < until) at = Math.max(at, this.points.shift()!);
    this.moments.push({
      at,
      from,
      until,
      position: src.position,
      machines: reuseEqual(prev?.machines, src.machines()),
      packets: src.packets(),
      cut: reuseEqual(prev?.cut, src.cut()),
      chaos: src.chaos,
      finished: src.finished,
    });
    if (this.moments.length > MAX_MOMENTS) this.thin();
  }

  /** A live verdict (about sim time v.at). */
  noteVerdict(v: Verdict): void {
    this.verdicts.push(v);
    if (this.verdicts.length > MAX_MOMENTS) this.verdicts.splice(0, this.verdicts.length - MAX_MOMENTS);
  }

  /** The moment to show for sim time `t`: the one that holds there (exact), else the
   * latest one before it; undefined if none. */
  find(t: number): { moment: Moment; exact: boolean } | undefined {
    let lo = 0;
    let hi = this.moments.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.moments[mid]!.from <= t) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const moment = this.moments[best]!;
    return { moment, exact: t < moment.until };
  }

  /** The newest `n` events of the run's trace before `position` that are still kept. */
  eventsBefore(position: number, n: number): TraceEvent[] {
    const end = Math.min(position, this.base + this.archive.length) - this.base;
    return end <= 0 ? [] : this.archive.slice(Math.max(0, end - n), end);
  }

  /** The last verdict about a time up to `t`. */
  verdictAt(t: number): Verdict | undefined {
    for (let i = this.verdicts.length - 1; i >= 0; i--) if (this.verdicts[i]!.at <= t) return this.verdicts[i];
    return undefined;
  }

  /** A fork at sim time `now` with `position` events: the dropped future goes, and
   * moments are taken again from here. */
  cut(now: number, position: number): void {
    let keep = this.moments.length;
    while (keep > 0 && this.moments[keep - 1]!.from > now) keep--;
    this.moments.length = keep;
    // The moment that held before the action holds up to it (not at it).
    const last = this.moments.at(-1);
    if (last && last.until > now) this.moments[keep - 1] = { ...last, until: now, at: Math.min(last.at, now) };
    this.reopened = true;
    if (position - this.base < this.archive.length) this.archive.length = Math.max(0, position - this.base);
    this.verdicts = this.verdicts.filter((v) => v.at <= now);
    this.points = [];
    this.nextGrain = (Math.floor(now / this.grainMs) + 1) * this.grainMs;
  }

  /** What the history holds, for the benchmark and the README. */
  stats(): { moments: number; events: number; thinned: number; oldest: number | undefined } {
    return { moments: this.moments.length, events: this.archive.length, thinned: this.thinned, oldest: this.moments[0]?.at };
  }

  private addPoint(t: number): void {
    if (this.points.length === 0 || this.points.at(-1)! <= t) this.points.push(t);
    else {
      this.points.push(t);
      this.points.sort((a, b) => a - b);
    }
  }

  /** Every other moment of the older half goes: the distant past at half the grain. */
  private thin(): void {
    const half = this.moments.length >> 1;
    const kept: Moment[] = [];
    for (let i = 0; i < half; i++) if (i % 2 === 0) kept.push(this.moments[i]!);
    this.thinned += half - kept.length;
    this.moments = kept.concat(this.moments.slice(half));
  }
}
