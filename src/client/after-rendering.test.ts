import { describe, expect, it } from 'vitest';
import { afterNextRendering, AFTER_RENDERING_FALLBACK_MS, HeldFrames, type RenderingClock } from './after-rendering';

/** A hand-driven clock: animation frames, posted tasks and timers run when told. */
function fakeClock() {
  const frames: (() => void)[] = [];
  const tasks: (() => void)[] = [];
  const timers: (() => void)[] = [];
  const clock: RenderingClock = {
    requestAnimationFrame: (run) => void frames.push(run),
    postTask: (run) => void tasks.push(run),
    setTimeout: (run) => void timers.push(run),
  };
  return {
    clock,
    animationFrame: () => frames.splice(0).forEach((f) => f()),
    tasks: () => tasks.splice(0).forEach((t) => t()),
    timersOut: () => timers.splice(0).forEach((t) => t()),
  };
}

describe('afterNextRendering', () => {
  it('runs in a task posted from the next animation frame, not in the frame itself', () => {
    const c = fakeClock();
    const ran: string[] = [];
    afterNextRendering(c.clock, () => ran.push('run'));
    expect(ran).toEqual([]);
    c.animationFrame();
    expect(ran).toEqual([]); // the animation frame's rendering comes first
    c.tasks();
    expect(ran).toEqual(['run']);
    c.timersOut(); // the fallback finds it done
    expect(ran).toEqual(['run']);
  });

  it('runs once, after the fallback, when no animation frame comes (a hidden tab)', () => {
    const c = fakeClock();
    let runs = 0;
    afterNextRendering(c.clock, () => runs++, AFTER_RENDERING_FALLBACK_MS);
    c.timersOut();
    expect(runs).toBe(1);
    c.animationFrame();
    c.tasks();
    expect(runs).toBe(1);
  });
});

describe('HeldFrames', () => {
  it('holds running frames and applies them together, in order, at the scheduled run', () => {
    const c = fakeClock();
    const applied: number[][] = [];
    const held = new HeldFrames<number>((fs) => applied.push([...fs]), (run) => afterNextRendering(c.clock, run));
    held.push(1);
    held.push(2);
    expect(applied).toEqual([]);
    c.animationFrame();
    c.tasks();
    expect(applied).toEqual([[1, 2]]);
    held.push(3);
    c.animationFrame();
    c.tasks();
    expect(applied).toEqual([[1, 2], [3]]);
  });

  it('applies a still clock frame at once, with the running ones held before it', () => {
    const c = fakeClock();
    const applied: number[][] = [];
    const held = new HeldFrames<number>((fs) => applied.push([...fs]), (run) => afterNextRendering(c.clock, run));
    held.push(1);
    held.push(2, true);
    expect(applied).toEqual([[1, 2]]);
    c.animationFrame();
    c.tasks();
    expect(applied).toEqual([[1, 2]]); // the scheduled run finds nothing
  });
});
