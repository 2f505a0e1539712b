// The sim clock the drawing moves by (issue 11: paused is frozen). Frames arrive about
// every 16 ms of wall time; between two of them the picture moves on at the rate the
// run goes (the chosen speed, the slow-motion speed, or the measured rate at "max"),
// never more than MAX_AHEAD_WALL_MS past the last frame (a late frame must not let the
// picture run ahead of the simulation). Paused, finished or stalled: rate 0, so what is
// drawn is exactly the frame's sim time, and a Step moves it by what the step ran.

import type { Frame } from '../../protocol/frames';

export interface ClockSample {
  /** The last frame's sim time (ms). */
  readonly sim: number;
  /** When it arrived (wall ms, performance.now()). */
  readonly wall: number;
  /** Sim ms per wall ms from there on. */
  readonly rate: number;
}

/** Extrapolate at most this long past the last frame. */
export const MAX_AHEAD_WALL_MS = 100;

export const STOPPED_CLOCK: ClockSample = { sim: 0, wall: 0, rate: 0 };

/** The sim time to draw at wall time `wall`. */
export function simTimeAt(c: ClockSample, wall: number): number {
  return c.sim + Math.min(Math.max(0, wall - c.wall), MAX_AHEAD_WALL_MS) * c.rate;
}

/** The clock after a frame arrives at `wall`. */
export function clockAfterFrame(prev: ClockSample, frame: Pick<Frame, 'now' | 'playing' | 'finished' | 'speed' | 'slowMotion' | 'stalled'>, wall: number): ClockSample {
  const running = frame.playing && !frame.finished && !(frame.stalled && frame.stalled.machines.length > 0);
  if (!running) return { sim: frame.now, wall, rate: 0 };
  const speed = frame.slowMotion?.speed ?? frame.speed;
  if (speed > 0) return { sim: frame.now, wall, rate: speed };
  // "As fast as possible": the rate the frames show, smoothed (one slow frame must not
  // make the dots lurch).
  const measured = wall > prev.wall && frame.now >= prev.sim ? (frame.now - prev.sim) / (wall - prev.wall) : prev.rate;
  return { sim: frame.now, wall, rate: prev.rate > 0 ? 0.8 * prev.rate + 0.2 * measured : measured };
}
