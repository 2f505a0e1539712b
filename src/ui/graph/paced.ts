// A store selection shown at a human pace. While the clock runs, some parts of a card
// change on nearly every frame at 1× (an etcd member's commit and applied index and its
// last log entries move with every write: a rollout of 300 pods writes all the time),
// and nobody reads a number or a log strip that changes 30–60 times a second. Each
// change costs the page a React render and a style, layout and paint pass of the card
// in the animation frame after the data frame: the member cards were about a third of
// that frame at 30 workers (trace:page --hide), which is what pushed such frames past
// one vsync. So a paced selection shows a new value at most every `everyMs` of wall
// time while the clock runs; a still clock (paused, stepped, finished) and an urgent
// change (a member's role, a machine going down) show at once, and the last value is
// always shown (by the next store update after the wait, else by a shared timer).
// Each selection has its own phase in the pace (from its key): thirty worker tiles that
// all change on every frame then update a few per frame instead of all together on one
// frame in six, which would be a long frame of its own.

import { useMemo, useSyncExternalStore } from 'react';
import { labStore, type LabState } from '../store/store';

interface Pace {
  readonly everyMs: number;
  /** Where in the pace this selection's turns fall, 0 ≤ phase < everyMs. */
  readonly phase: number;
}

/** The pace period a wall time falls in. */
const period = (p: Pace, wall: number): number => Math.floor((wall - p.phase) / p.everyMs);

/** Whether a new value shows now (at most once per period of the pace), or waits. */
export function showsNow(o: Pace & { readonly now: number; readonly shownAt: number; readonly running: boolean; readonly urgent: boolean }): boolean {
  return !o.running || o.urgent || period(o, o.now) !== period(o, o.shownAt);
}

/** A key's phase: spread over the pace, the same for the same key. */
export function phaseOf(key: string, everyMs: number): number {
  // FNV-1a, then a final mix: neighbouring names (worker-1, worker-2…) land far apart.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % everyMs;
}

/** Selections waiting for their turn, flushed together by one timer (then the next
 * animation frame) in case no store update comes after their wait (a frame arrives
 * every fourth vsync while the clock runs on an idle machine, so it rarely fires). One timer for all: on a busy machine frames
 * come 200 ms apart, and a timer per selection would be a React commit per worker tile. */
const waiting = new Set<() => void>();
let fallback: ReturnType<typeof setTimeout> | undefined;
/** The shared timer's delay, past the pace. */
const FALLBACK_MS = 150;

function wait(flush: () => void): void {
  waiting.add(flush);
  // Flushed at the start of an animation frame, not in a timer task anywhere in the
  // vsync: the React commit it causes then shares that frame's style, layout and paint
  // instead of running late in a vsync and pushing its paint past the deadline.
  fallback ??= setTimeout(() => requestAnimationFrame(flushWaiting), FALLBACK_MS);
}

function flushWaiting(): void {
  fallback = undefined;
  const due = [...waiting];
  waiting.clear();
  for (const f of due) f();
}

function unwait(flush: () => void): void {
  waiting.delete(flush);
  if (waiting.size === 0 && fallback !== undefined) {
    clearTimeout(fallback);
    fallback = undefined;
  }
}

type Select<T> = (s: LabState, key: string) => T;
type Urgent<T> = (shown: T, next: T) => boolean;

export class PacedSelection<T> {
  private shown: T;
  private shownAt = -Infinity;
  private readonly pace: Pace;

  constructor(
    private readonly key: string,
    private readonly select: Select<T>,
    everyMs: number,
    private readonly urgent: Urgent<T>,
  ) {
    this.shown = select(labStore.getState(), key);
    this.pace = { everyMs, phase: phaseOf(key, everyMs) };
  }

  readonly get = (): T => this.shown;

  readonly subscribe = (notify: () => void): (() => void) => {
    const show = (value: T) => {
      unwait(flush);
      this.shown = value;
      this.shownAt = performance.now();
      notify();
    };
    const flush = () => {
      const next = this.select(labStore.getState(), this.key);
      if (!Object.is(next, this.shown)) show(next);
    };
    const offer = (s: LabState) => {
      const next = this.select(s, this.key);
      if (Object.is(next, this.shown)) return unwait(flush);
      const now = performance.now();
      if (showsNow({ ...this.pace, now, shownAt: this.shownAt, running: s.clock.rate > 0, urgent: this.urgent(this.shown, next) })) return show(next);
      wait(flush);
    };
    const unsubscribe = labStore.subscribe(offer);
    offer(labStore.getState()); // a change between the render and the subscription
    return () => {
      unsubscribe();
      unwait(flush);
    };
  };
}

/** `select(state, key)`, re-rendering at most every `everyMs` of wall time while the
 * clock runs (at once when `urgent(shown, next)`). `select` and `urgent` must not
 * change from render to render (module-level functions); `key` may. */
export function usePacedLab<T>(key: string, select: Select<T>, everyMs: number, urgent: Urgent<T>): T {
  const paced = useMemo(() => new PacedSelection(key, select, everyMs, urgent), [key, select, everyMs, urgent]);
  return useSyncExternalStore(paced.subscribe, paced.get);
}
