// A message dot's flight as a Web Animation of its `transform`, which Chromium runs on
// the compositor thread: between two data frames the dots move with no main-thread
// work, no style, layout or paint of the page, no raster (issue 14: at 30 workers the
// dots' per-frame SVG `transform` writes were half of a frame's style and layout work by
// count, and every tile under a dot was rastered again on every animation frame).
//
// The animation's time is sim time: the first half of its effect is the dot's drawn
// flight in sim ms (packet-motion.ts), its playback rate the run's rate (sim ms per wall ms), its current
// time the sim time since the packet was sent. Each new clock sample (a data frame)
// brings it back to the sim clock (`syncFlight`): paused, it is paused at the exact sim
// time (a Step moves it); running, it plays at the run's rate and is put back when it
// drifted; a frame that stops coming holds it where the clock may go (`holdFlight`,
// sim-clock.ts's MAX_AHEAD_WALL_MS), as before.
//
// The effect lasts twice the flight: the flight in its first half, then the dot stays at
// the receiver, hidden (scaled to nothing, on the compositor too). A finished animation, or a
// removed dot, is main-thread work (style, paint, a new layer list) in whichever vsync it
// falls: at 30 workers about 140 dots a second finished one by one, a rendering in
// nearly every animation frame between data frames. With the hidden half the dot is
// removed by the first data frame past its arrival (`syncFlight`), together with that
// frame's own changes, and finishes on its own only when no frame came for a flight.

import type { PacketView } from '../../protocol/frames';
import { drawnFlightMs, stretchRate } from './packet-motion';
import type { Point } from './routes';
import { simTimeAt, type ClockSample } from './sim-clock';

/** What a flight needs of a Web Animation (a fake in tests). */
export interface FlightAnimation {
  currentTime: CSSNumberish | null;
  playbackRate: number;
  readonly playState: AnimationPlayState;
  play(): void;
  pause(): void;
  readonly effect: { updateTiming(timing: OptionalEffectTiming): void } | null;
}

export interface Flight {
  readonly packet: Pick<PacketView, 'sentAt' | 'deliverAt'>;
  /** The rate the run went at when the dot was first drawn (sim ms per wall ms). */
  readonly sentRate: number;
  /** The drawn flight now, sim ms (the animation's effect lasts `effectDuration` of it). */
  duration: number;
}

/** How far (wall ms at the run's rate) a running dot may be from the sim clock before it
 * is put back: the worker's frames carry its clock with a few ms of jitter, and each
 * correction restarts the compositor's animation. */
export const DRIFT_WALL_MS = 20;
/** A change of the run's rate (and so of a stretched flight) smaller than this share is
 * left alone: at "max" the measured rate moves by a few percent on every frame. */
export const RATE_SLACK = 0.03;

/** The flight's timing. `fill: 'both'`, not only forwards: setting `currentTime` from a
 * data frame's task fixes the start time against a timeline time that the next animation
 * frame's (earlier-stamped) timeline can be a few µs before, so a dot just put back to
 * the start of its flight samples a tiny negative time. With no backwards fill it then
 * has no transform for a frame and flashes at the layer's corner (seen as `none` about
 * once in 20 runs of the reduced-motion e2e test); with it, it waits at the sender. */
export function flightTiming(duration: number): KeyframeAnimationOptions {
  return { duration: effectDuration(duration), fill: 'both', easing: 'linear' };
}

/** The share of the effect that is the flight: the rest is the hidden wait at the
 * receiver (see the top of this file). */
export const FLIGHT_SHARE = 0.5;

/** The effect's duration for a flight of `flight` sim ms. */
export function effectDuration(flight: number): number {
  return flight / FLIGHT_SHARE;
}

/** Keyframes along the polyline `points` at an even speed (each point's offset is its
 * share of the length), or in two steps (prefers-reduced-motion: the sender for the
 * first half of the flight, the receiver for the second); both in the effect's first
 * FLIGHT_SHARE, then the dot hidden at the receiver. */
export function flightKeyframes(points: readonly Point[], step: boolean): Keyframe[] {
  const at = (p: Point): string => `translate(${p.x.toFixed(1)}px, ${p.y.toFixed(1)}px)`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  // Hidden by the transform itself (scaled to nothing), so the animation stays one of
  // transform alone, which the compositor runs (an opacity keyframe beside it was tried
  // first; under load the pairs could not tell the two apart).
  const hidden: Keyframe[] = [
    { offset: FLIGHT_SHARE, transform: `${at(last)} scale(0)` },
    { offset: 1, transform: `${at(last)} scale(0)` },
  ];
  if (step || points.length < 2) {
    return [
      { offset: 0, transform: at(first) },
      { offset: FLIGHT_SHARE / 2, transform: at(first) },
      { offset: FLIGHT_SHARE / 2, transform: at(last) },
      { offset: FLIGHT_SHARE, transform: at(last) },
      ...hidden,
    ];
  }
  const along = [0];
  for (let i = 1; i < points.length; i++) along.push(along[i - 1]! + Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y));
  const total = along[along.length - 1]!;
  const flying = points.map((p, i) => ({ offset: FLIGHT_SHARE * (total > 0 ? along[i]! / total : i / (points.length - 1)), transform: at(p) }));
  return [...flying, ...hidden];
}

/** The flight's duration (sim ms) for the run's rate now. */
export function flightDuration(f: Flight, rate: number): number {
  return drawnFlightMs(f.packet, stretchRate(f.sentRate, rate));
}

/** Brings a flight's animation to the sim clock `clock` at wall time `wall`. False when
 * the dot has arrived, or is not sent yet (a seek back): the caller removes it. */
/** Whether the flight is on screen at wall time `wall` of the clock: not yet arrived,
 * and sent (a seek can put the clock before it). What `syncFlight` would keep: a dot is
 * built only for a flight that passes this (at 30 workers many packets of a frame have
 * arrived by the time it is applied). */
export function inFlight(f: Flight, clock: ClockSample, wall: number): boolean {
  const at = simTimeAt(clock, wall) - f.packet.sentAt;
  return at >= 0 && at < flightDuration(f, clock.rate);
}

export function syncFlight(f: Flight, a: FlightAnimation, clock: ClockSample, wall: number): boolean {
  const duration = flightDuration(f, clock.rate);
  const at = simTimeAt(clock, wall) - f.packet.sentAt;
  if (at < 0 || at >= duration) return false;
  if (at >= f.duration || Math.abs(duration - f.duration) > RATE_SLACK * f.duration) {
    a.effect?.updateTiming({ duration: effectDuration(duration) });
    f.duration = duration;
  }
  if (clock.rate === 0) {
    // Paused (or stepped): exactly where the clock stands.
    if (a.playState !== 'paused') a.pause();
    if (a.currentTime !== at) a.currentTime = at;
    return true;
  }
  if (Math.abs(a.playbackRate - clock.rate) > RATE_SLACK * clock.rate) a.playbackRate = clock.rate;
  const drift = Math.abs(Number(a.currentTime) - at);
  if (!(drift <= DRIFT_WALL_MS * clock.rate)) a.currentTime = at;
  if (a.playState === 'paused') a.play();
  return true;
}

/** Stops a flight where the clock may go without a new frame (sim-clock.ts: never more
 * than MAX_AHEAD_WALL_MS past the last one). False when it has arrived by then. */
export function holdFlight(f: Flight, a: FlightAnimation, clock: ClockSample, wall: number): boolean {
  const at = simTimeAt(clock, wall) - f.packet.sentAt;
  if (at < 0 || at >= f.duration) return false;
  a.pause();
  a.currentTime = at;
  return true;
}
