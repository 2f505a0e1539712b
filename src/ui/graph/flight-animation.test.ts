import { describe, expect, it } from 'vitest';
import { DRIFT_WALL_MS, effectDuration, FLIGHT_SHARE, flightKeyframes, flightTiming, holdFlight, inFlight, syncFlight, type Flight, type FlightAnimation } from './flight-animation';
import { MIN_TRAVEL_WALL_MS } from './packet-motion';
import { MAX_AHEAD_WALL_MS, type ClockSample } from './sim-clock';

/** A Web Animation as far as a flight uses it, counting what was written. */
class FakeAnimation implements FlightAnimation {
  currentTime: number | null = 0;
  playbackRate = 1;
  playState: AnimationPlayState = 'running';
  duration = NaN;
  writes = 0;
  readonly effect = { updateTiming: (t: OptionalEffectTiming) => void (this.duration = Number(t.duration)) };
  play(): void {
    this.playState = 'running';
  }
  pause(): void {
    this.playState = 'paused';
  }
}
/** Counts writes of the current time and the rate. */
function watched(a: FakeAnimation): FakeAnimation {
  let time = a.currentTime;
  let rate = a.playbackRate;
  Object.defineProperty(a, 'currentTime', { get: () => time, set: (v: number) => void ((time = v), a.writes++) });
  Object.defineProperty(a, 'playbackRate', { get: () => rate, set: (v: number) => void ((rate = v), a.writes++) });
  return a;
}

const packet = { sentAt: 1000, deliverAt: 1006 };
const flight = (rate = 1): Flight => ({ packet, sentRate: rate, duration: MIN_TRAVEL_WALL_MS * rate });
const running = (sim: number, wall: number, rate = 1): ClockSample => ({ sim, wall, rate });
const paused = (sim: number, wall: number): ClockSample => ({ sim, wall, rate: 0 });

describe('a dot flies along its route', () => {
  it('at an even speed in the effect\'s first half: each point at its share of the length', () => {
    const k = flightKeyframes([{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 300, y: 100 }], false);
    expect(k.map((f) => f.offset)).toEqual([0, 0.125, 0.5, 0.5, 1]);
    expect(k.slice(0, 3).map((f) => f.transform)).toEqual(['translate(0.0px, 0.0px)', 'translate(0.0px, 100.0px)', 'translate(300.0px, 100.0px)']);
  });
  it('then waits at the receiver, hidden (scaled to nothing), until a data frame removes it', () => {
    const k = flightKeyframes([{ x: 0, y: 0 }, { x: 300, y: 100 }], false);
    expect(k.map((f) => [f.offset, f.transform])).toEqual([
      [0, 'translate(0.0px, 0.0px)'],
      [FLIGHT_SHARE, 'translate(300.0px, 100.0px)'],
      [FLIGHT_SHARE, 'translate(300.0px, 100.0px) scale(0)'],
      [1, 'translate(300.0px, 100.0px) scale(0)'],
    ]);
  });
  it('under prefers-reduced-motion in two steps: the sender for half the flight, then the receiver', () => {
    const k = flightKeyframes([{ x: 0, y: 0 }, { x: 0, y: 100 }, { x: 300, y: 100 }], true);
    expect(k.map((f) => [f.offset, f.transform])).toEqual([
      [0, 'translate(0.0px, 0.0px)'],
      [0.25, 'translate(0.0px, 0.0px)'],
      [0.25, 'translate(300.0px, 100.0px)'],
      [0.5, 'translate(300.0px, 100.0px)'],
      [0.5, 'translate(300.0px, 100.0px) scale(0)'],
      [1, 'translate(300.0px, 100.0px) scale(0)'],
    ]);
  });
});

describe('a dot\'s timing', () => {
  it('fills backwards too: a dot sampled a hair before its start waits at the sender instead of vanishing', () => {
    expect(flightTiming(650)).toEqual({ duration: 1300, fill: 'both', easing: 'linear' });
  });
  it('lasts twice its flight, so it does not finish (main-thread work) between data frames', () => {
    expect(effectDuration(650)).toBe(1300);
  });
});

describe('a packet is drawn only while in flight', () => {
  it('not once arrived, nor before it was sent (a seek), with the stretch of the rate it was sent at', () => {
    expect(inFlight(flight(), running(1100, 0), 0)).toBe(true);
    expect(inFlight(flight(), running(1000 + MIN_TRAVEL_WALL_MS - 1, 0), 0)).toBe(true);
    expect(inFlight(flight(), running(1000 + MIN_TRAVEL_WALL_MS, 0), 0)).toBe(false);
    expect(inFlight(flight(), paused(999, 0), 0)).toBe(false);
    // The clock moves on from its sample: 60 wall ms later at 1× it has arrived.
    expect(inFlight(flight(), running(1000 + MIN_TRAVEL_WALL_MS - 50, 0), 60)).toBe(false);
  });
});

describe('a dot\'s animation follows the sim clock', () => {
  it('paused: paused at the exact sim time, however much wall time passes; a Step moves it', () => {
    const a = new FakeAnimation();
    const f = flight();
    expect(syncFlight(f, a, paused(1003, 5000), 9000)).toBe(true);
    expect(a.playState).toBe('paused');
    expect(a.currentTime).toBe(3);
    // The stretch: a packet drawn at 1× keeps its 650 ms flight while paused.
    expect(a.duration).toBeNaN();
    expect(syncFlight(f, a, paused(1010, 9100), 9100)).toBe(true);
    expect(a.currentTime).toBe(10);
  });

  it('running: plays at the run\'s rate; put back only when it drifted', () => {
    const a = watched(new FakeAnimation());
    const f = flight();
    a.pause();
    expect(syncFlight(f, a, running(1100, 5000), 5000)).toBe(true);
    expect(a.playState).toBe('running');
    expect(a.currentTime).toBe(100);
    const writes = a.writes;
    // The compositor ran it on by 50 ms; the next frame says the clock moved 55.
    a.currentTime = 150;
    a.writes = writes;
    expect(syncFlight(f, a, running(1155, 5055), 5055)).toBe(true);
    expect(a.writes).toBe(writes); // within the drift allowed: left alone
    a.currentTime = 150;
    a.writes = writes;
    expect(syncFlight(f, a, running(1150 + DRIFT_WALL_MS + 5, 5100), 5100)).toBe(true);
    expect(a.currentTime).toBe(150 + DRIFT_WALL_MS + 5);
  });

  it('at 10× the animation plays ten times as fast and the drift allowed scales with it', () => {
    const a = new FakeAnimation();
    const f = flight(10);
    expect(syncFlight(f, a, running(1100, 0, 10), 0)).toBe(true);
    expect(a.playbackRate).toBe(10);
    a.currentTime = 100 + 10 * DRIFT_WALL_MS - 1;
    expect(syncFlight(f, a, running(1100, 0, 10), 0)).toBe(true);
    expect(a.currentTime).toBe(100 + 10 * DRIFT_WALL_MS - 1);
  });

  it('slow motion shortens a stretched flight to the slower rate', () => {
    const a = new FakeAnimation();
    const f = flight(1);
    expect(syncFlight(f, a, running(1010, 0, 0.05), 0)).toBe(true);
    expect(a.duration).toBe(effectDuration(MIN_TRAVEL_WALL_MS * 0.05));
    expect(f.duration).toBe(MIN_TRAVEL_WALL_MS * 0.05);
    expect(a.playbackRate).toBe(0.05);
  });

  it('gone once arrived, or when the clock went back before it was sent (a seek)', () => {
    expect(syncFlight(flight(), new FakeAnimation(), running(1000 + MIN_TRAVEL_WALL_MS, 0), 0)).toBe(false);
    expect(syncFlight(flight(), new FakeAnimation(), paused(999, 0), 0)).toBe(false);
  });

  it('with no new frame it stops where the clock may go ahead of the last frame', () => {
    const a = new FakeAnimation();
    const f = flight();
    expect(holdFlight(f, a, running(1100, 5000), 5000 + 3 * MAX_AHEAD_WALL_MS)).toBe(true);
    expect(a.playState).toBe('paused');
    expect(a.currentTime).toBe(100 + MAX_AHEAD_WALL_MS);
    expect(holdFlight(f, a, running(1600, 5000), 5000 + MAX_AHEAD_WALL_MS)).toBe(false);
  });
});
