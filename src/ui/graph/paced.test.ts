import { afterEach, describe, expect, it, vi } from 'vitest';
import { labStore, type LabState } from '../store/store';
import { PacedSelection, showsNow } from './paced';

describe('showsNow', () => {
  const at = { now: 1_000, shownAt: 950, everyMs: 100, running: true, urgent: false };
  it('waits while the clock runs and the last value is younger than the pace', () => {
    expect(showsNow(at)).toBe(false);
    expect(showsNow({ ...at, now: 1_050 })).toBe(true);
  });
  it('shows at once when the clock stands still or the change is urgent', () => {
    expect(showsNow({ ...at, running: false })).toBe(true);
    expect(showsNow({ ...at, urgent: true })).toBe(true);
  });
});

describe('PacedSelection', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    labStore.getState().reset();
  });

  const selectNow = (s: LabState) => s.now;
  const setup = () => {
    vi.useFakeTimers();
    let wall = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => wall);
    const paced = new PacedSelection('x', selectNow, 100, (a, b) => b - a >= 1_000);
    const notified: number[] = [];
    const unsubscribe = paced.subscribe(() => notified.push(paced.get()));
    const frame = (wallMs: number, now: number, rate = 1) => {
      wall = wallMs;
      vi.setSystemTime(wallMs);
      labStore.setState({ now, clock: { sim: now, wall: wallMs, rate } });
    };
    return { paced, notified, unsubscribe, frame, tick: (ms: number) => { wall += ms; vi.advanceTimersByTime(ms); } };
  };

  it('shows a running value at most once per pace, and the last one in the end', () => {
    const { paced, notified, frame, tick, unsubscribe } = setup();
    frame(0, 10); // the first change shows at once
    frame(16, 20);
    frame(33, 30);
    expect(paced.get()).toBe(10);
    frame(116, 40); // past the pace: shows
    expect(paced.get()).toBe(40);
    frame(130, 50); // waits; no frame follows: the timer shows it
    expect(paced.get()).toBe(40);
    tick(200);
    expect(paced.get()).toBe(50);
    expect(notified).toEqual([10, 40, 50]);
    unsubscribe();
  });

  it('shows at once when the clock stands still or the change is urgent', () => {
    const { paced, frame, unsubscribe } = setup();
    frame(0, 10);
    frame(10, 20, 0); // paused
    expect(paced.get()).toBe(20);
    frame(20, 2_000); // urgent (the test's rule: a jump of a second)
    expect(paced.get()).toBe(2_000);
    unsubscribe();
  });

  it('leaves no timer behind once unsubscribed', () => {
    const { paced, frame, tick, unsubscribe } = setup();
    frame(0, 10);
    frame(5, 20);
    unsubscribe();
    tick(1_000);
    expect(paced.get()).toBe(10);
  });
});
