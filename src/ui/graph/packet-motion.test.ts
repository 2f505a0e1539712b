import { describe, expect, it } from 'vitest';
import type { Frame } from '../../protocol/frames';
import { dotAt } from '../a11y/motion';
import { drawnFlightMs, flightProgress, MIN_TRAVEL_WALL_MS, stretchRate } from './packet-motion';
import { clockAfterFrame, MAX_AHEAD_WALL_MS, simTimeAt, STOPPED_CLOCK } from './sim-clock';

type ClockFrame = Parameters<typeof clockAfterFrame>[1];
const frame = (now: number, over: Partial<Frame> = {}): ClockFrame => ({ now, playing: true, finished: false, speed: 1, ...over });
const edge = [{ x: 0, y: 0 }, { x: 300, y: 0 }];
const packet = { sentAt: 1000, deliverAt: 1006 };

describe('a message dot moves by the sim clock', () => {
  it('its flight is its latency, stretched to a visible wall time at the rate it was sent at', () => {
    expect(drawnFlightMs(packet, 1)).toBe(MIN_TRAVEL_WALL_MS);
    expect(drawnFlightMs(packet, 0.5)).toBe(MIN_TRAVEL_WALL_MS * 0.5);
    // Slow motion: the stretch vanishes; the dot flies as the packet does.
    expect(drawnFlightMs(packet, 0.001)).toBe(6);
    // Sent during a Step (paused): drawn at its true position.
    expect(drawnFlightMs(packet, 0)).toBe(6);
  });

  it('paused, it holds still however much wall time passes; a Step moves it', () => {
    const paused = clockAfterFrame(STOPPED_CLOCK, frame(1003, { playing: false }), 5000);
    const at = (wall: number, c = paused) => dotAt(edge, flightProgress(packet.sentAt, drawnFlightMs(packet, 0), simTimeAt(c, wall)), false);
    expect(at(5000)).toEqual(at(7000)); // 2 s of wall time: frozen
    expect(at(5000).x).toBeCloseTo(150); // half way: 3 of its 6 ms
    const stepped = clockAfterFrame(paused, frame(1005, { playing: false }), 7100);
    expect(at(7100, stepped).x).toBeCloseTo(250);
  });

  it('playing, it moves on between frames at the speed, at most a little past the last frame', () => {
    const c = clockAfterFrame(STOPPED_CLOCK, frame(2000, { speed: 2 }), 100);
    expect(simTimeAt(c, 100)).toBe(2000);
    expect(simTimeAt(c, 116)).toBe(2032);
    expect(simTimeAt(c, 100 + 10 * MAX_AHEAD_WALL_MS)).toBe(2000 + 2 * MAX_AHEAD_WALL_MS);
    const flight = drawnFlightMs(packet, 2);
    expect(flightProgress(packet.sentAt, flight, 1000 + flight / 2)).toBe(0.5);
    expect(flightProgress(packet.sentAt, flight, 999)).toBeLessThan(0); // the clock went back: not drawn
  });

  it('when slow motion begins, a dot stretched at 1× (arrived long ago) is gone, not crawling; pausing changes nothing', () => {
    const at1x = drawnFlightMs(packet, stretchRate(1, 1));
    expect(flightProgress(packet.sentAt, at1x, 1300)).toBeCloseTo(300 / MIN_TRAVEL_WALL_MS);
    expect(flightProgress(packet.sentAt, drawnFlightMs(packet, stretchRate(1, 0)), 1300)).toBeCloseTo(300 / MIN_TRAVEL_WALL_MS);
    expect(flightProgress(packet.sentAt, drawnFlightMs(packet, stretchRate(1, 0.01)), 1300)).toBeGreaterThan(1);
    // Sent in slow motion, then back to 1×: it keeps its true flight.
    expect(drawnFlightMs(packet, stretchRate(0.01, 1))).toBe(6.5);
  });

  it('slow motion, a stall and the end of the run set the rate', () => {
    expect(clockAfterFrame(STOPPED_CLOCK, frame(1, { slowMotion: { on: true, active: 'election', speed: 0.01 } }), 0).rate).toBe(0.01);
    expect(clockAfterFrame(STOPPED_CLOCK, frame(1, { slowMotion: { on: true } }), 0).rate).toBe(1);
    expect(clockAfterFrame(STOPPED_CLOCK, frame(1, { stalled: { machines: ['worker-1'], waitingMs: 5000 } }), 0).rate).toBe(0);
    expect(clockAfterFrame(STOPPED_CLOCK, frame(1, { finished: true }), 0).rate).toBe(0);
  });

  it('at "max" the rate is measured from the frames, smoothed', () => {
    let c = clockAfterFrame(STOPPED_CLOCK, frame(0, { speed: 0 }), 0);
    c = clockAfterFrame(c, frame(800, { speed: 0 }), 16);
    expect(c.rate).toBe(50);
    c = clockAfterFrame(c, frame(800 + 16 * 100, { speed: 0 }), 32);
    expect(c.rate).toBeCloseTo(0.8 * 50 + 0.2 * 100);
  });
});
