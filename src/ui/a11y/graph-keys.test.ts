import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOCUS_WAIT_MS, focusWhenReady, moveTarget, readingOrder } from './graph-keys';

describe('readingOrder', () => {
  it('cards at nearly the same height share a row, read left to right', () => {
    expect(readingOrder([
      { id: 'lb', x: 400, y: 172 },
      { id: 'client', x: 170, y: 180 },
      { id: 'master-1', x: 150, y: 280 },
    ])).toEqual(['client', 'lb', 'master-1']);
  });

  it('rows top to bottom, then left to right', () => {
    expect(readingOrder([
      { id: 'worker-2', x: 300, y: 400 },
      { id: 'master-1', x: 100, y: 200 },
      { id: 'lb', x: 200, y: 0 },
      { id: 'worker-1', x: 0, y: 400 },
      { id: 'master-2', x: 50, y: 200 },
    ])).toEqual(['lb', 'master-2', 'master-1', 'worker-1', 'worker-2']);
  });
});

describe('moveTarget', () => {
  const order = ['lb', 'master-1', 'worker-1'];
  it('arrows step and wrap; Home and End jump; other keys do not move', () => {
    expect(moveTarget(order, 'lb', 'ArrowRight')).toBe('master-1');
    expect(moveTarget(order, 'lb', 'ArrowDown')).toBe('master-1');
    expect(moveTarget(order, 'worker-1', 'ArrowRight')).toBe('lb');
    expect(moveTarget(order, 'lb', 'ArrowLeft')).toBe('worker-1');
    expect(moveTarget(order, 'master-1', 'ArrowUp')).toBe('lb');
    expect(moveTarget(order, 'master-1', 'Home')).toBe('lb');
    expect(moveTarget(order, 'lb', 'End')).toBe('worker-1');
    expect(moveTarget(order, 'lb', 'Enter')).toBeNull();
    expect(moveTarget(order, 'nowhere', 'ArrowRight')).toBeNull();
  });
});

describe('focusWhenReady', () => {
  /** Animation frames run by hand, on a wall clock the test moves. */
  function frames() {
    let queued: (() => void)[] = [];
    let wall = 0;
    const body = { id: 'body' };
    const doc = { activeElement: body as unknown, body };
    vi.stubGlobal('document', doc);
    vi.stubGlobal('performance', { now: () => wall });
    vi.stubGlobal('requestAnimationFrame', (fn: () => void) => queued.push(fn));
    return {
      doc,
      body,
      /** Runs one animation frame `ms` after the last. */
      step(ms = 16) {
        wall += ms;
        const run = queued;
        queued = [];
        for (const fn of run) fn();
        return queued.length;
      },
    };
  }
  afterEach(() => void vi.unstubAllGlobals());

  const target = (doc: { activeElement: unknown }) => {
    const el = { focus: vi.fn(() => (doc.activeElement = el)) };
    return el;
  };

  it('focuses the target on the first frame it exists, not before the next frame', () => {
    const f = frames();
    const el = target(f.doc);
    let there = false;
    focusWhenReady(() => (there ? (el as unknown as HTMLElement) : null), () => false);
    expect(el.focus).not.toHaveBeenCalled();
    expect(f.step()).toBe(1);
    expect(f.step(5_000)).toBe(1);
    there = true;
    expect(f.step()).toBe(0);
    expect(el.focus).toHaveBeenCalledTimes(1);
  });

  it('gives up after FOCUS_WAIT_MS of wall time, however few frames that was', () => {
    const f = frames();
    const find = vi.fn(() => null);
    focusWhenReady(find, () => false);
    expect(f.step(FOCUS_WAIT_MS - 1)).toBe(1);
    expect(f.step(2)).toBe(0);
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('gives up at once when the keyboard has moved on', () => {
    const f = frames();
    const el = target(f.doc);
    const elsewhere = { id: 'elsewhere' };
    focusWhenReady(() => el as unknown as HTMLElement, (here) => here === elsewhere);
    f.doc.activeElement = elsewhere;
    expect(f.step()).toBe(0);
    expect(el.focus).not.toHaveBeenCalled();
  });
});
