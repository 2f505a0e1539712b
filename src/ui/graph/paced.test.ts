import { afterEach, describe, expect, it, vi } from 'vitest';
import { labStore, type LabState } from '../store/store';
import { PacedSelection, phaseOf, showsNow } from './paced';

describe('showsNow', () => {
  const at = { now: 1_040, shownAt: 1_010, everyMs: 100, phase: 0, running: true, urgent: false };
  it('shows a running value once per period of the pace', () => {
    expect(showsNow(at)).toBe(false);
    expect(showsNow({ ...at, now: 1_099 })).toBe(false);
    expect(showsNow({ ...at, now: 1_100 })).toBe(true);
  });
  it('puts the periods of different keys at different phases', () => {
    const phased = { ...at, phase: 50 };
    expect(showsNow({ ...phased, shownAt: 1_040, now: 1_049 })).toBe(false);
    expect(showsNow({ ...phased, shownAt: 1_040, now: 1_050 })).toBe(true);
    const phases = new Set(Array.from({ length: 30 }, (_, i) => phaseOf(`worker-${i + 1}`, 100)));
    expect(phases.size).toBeGreaterThan(15);
    expect([...phases].every((p) => p >= 0 && p < 100)).toBe(true);
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
    vi.unstubAllGlobals();
    labStore.getState().reset();
  });

  const selectNow = (s: LabState) => s.now;
  const setup = () => {
    vi.useFakeTimers();
    // The shared timer flushes at the next animation frame: one 16 ms later here.
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 16));
    let wall = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => wall);
    const paced = new PacedSelection('x', selectNow, 100, (a, b) => b - a >= 1_000);
    const notified: number[] = [];
    const unsubscribe = paced.subscribe(() => notified.push(paced.get()));
    // Wall times from the start of one of the key's periods.
    const t0 = phaseOf('x', 100);
    const frame = (wallMs: number, now: number, rate = 1) => {
      wall = t0 + wallMs;
      vi.setSystemTime(wall);
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
    frame(116, 40); // the next period: shows
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

  it('flushes every waiting selection with one shared timer', () => {
    const { paced, frame, tick, unsubscribe } = setup();
    const other = new PacedSelection('y', selectNow, 100, () => false);
    const stopOther = other.subscribe(() => undefined);
    frame(0, 10);
    frame(5, 20);
    frame(6, 21);
    expect(vi.getTimerCount()).toBe(1);
    tick(200);
    expect([paced.get(), other.get()]).toEqual([21, 21]);
    stopOther();
    unsubscribe();
  });

  it("the shared timer's flush waits for the next animation frame", () => {
    const { paced, frame, tick, unsubscribe } = setup();
    frame(0, 10);
    frame(5, 20); // waits
    tick(150); // the timer fired: the flush is at the next animation frame, not now
    expect(paced.get()).toBe(10);
    tick(16);
    expect(paced.get()).toBe(20);
    unsubscribe();
  });

  it('leaves no timer behind once unsubscribed', () => {
    const { paced, frame, tick, unsubscribe } = setup();
    frame(0, 10);
    frame(5, 20);
    unsubscribe();
    expect(vi.getTimerCount()).toBe(0);
    tick(1_000);
    expect(paced.get()).toBe(10);
  });
});
