import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atNextAnimationFrame, FALLBACK_MS, FrameBatch } from './frame-batch';

describe('FrameBatch', () => {
  it('applies what arrived since the last run, in order, in one batch per scheduled run', () => {
    const runs: (() => void)[] = [];
    const applied: number[][] = [];
    const batch = new FrameBatch<number>((items) => applied.push([...items]), (run) => runs.push(run));
    batch.push(1);
    batch.push(2);
    expect(runs).toHaveLength(1); // one run asked for, not one per item
    expect(applied).toEqual([]);
    runs.shift()!();
    expect(applied).toEqual([[1, 2]]);
    batch.push(3);
    expect(runs).toHaveLength(1);
    runs.shift()!();
    expect(applied).toEqual([[1, 2], [3]]);
  });

  it('a flush applies at once, and the run scheduled before finds nothing left', () => {
    const runs: (() => void)[] = [];
    const applied: number[][] = [];
    const batch = new FrameBatch<number>((items) => applied.push([...items]), (run) => runs.push(run));
    batch.push(1);
    batch.flush();
    runs.shift()!();
    expect(applied).toEqual([[1]]);
  });
});

describe('atNextAnimationFrame', () => {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = g.requestAnimationFrame;
  let frames: (() => void)[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    g.requestAnimationFrame = (f: () => void) => frames.push(f);
  });
  afterEach(() => {
    vi.useRealTimers();
    g.requestAnimationFrame = saved;
  });

  it('runs once, at the animation frame, and not again when the fallback time passes', () => {
    const run = vi.fn();
    atNextAnimationFrame(run);
    expect(run).not.toHaveBeenCalled();
    frames.forEach((f) => f());
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(FALLBACK_MS * 2);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('runs after the fallback time when no animation frame comes (a hidden tab)', () => {
    const run = vi.fn();
    atNextAnimationFrame(run);
    vi.advanceTimersByTime(FALLBACK_MS);
    expect(run).toHaveBeenCalledTimes(1);
    frames.forEach((f) => f());
    expect(run).toHaveBeenCalledTimes(1);
  });
});
