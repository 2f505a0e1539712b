import { describe, expect, it } from 'vitest';
import { moveTarget, readingOrder } from './graph-keys';

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
