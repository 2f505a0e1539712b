// A member card's election timer (election-timer.ts): a bar filling up to the member's
// randomized election timeout, reset by every heartbeat. Moved in a requestAnimationFrame
// loop from the store's state, outside React, and written to the DOM only when the
// shown value changes (paused: never). The bar moves by a transform (no layout, no
// paint: the browser only moves it); its text and attributes, which need a layout and a
// paint of the card, change at most every TEXT_EVERY_MS while the clock runs (on every
// animation frame they were half of what a still frame cost at 30 workers, from a
// trace, and at 1× nobody reads a number that changes 60 times a second).

import { useEffect, useRef } from 'react';
import { etcdViewOf, labStore } from '../store/store';
import { simTimeAt } from './sim-clock';
import { electionTimerMs, groupedMs } from './election-timer';
import type { ShownRole } from './roles';

/** The bar turns to the candidate's colour past this share of the timeout. */
const NEAR = 0.8;
/** Wall ms between two updates of the text while the clock runs. */
export const TEXT_EVERY_MS = 100;

export function ElectionTimer({ host, member, role }: { readonly host: string; readonly member: string; readonly role: ShownRole }) {
  const root = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  const ticking = role !== 'leader' && role !== 'down';

  useEffect(() => {
    if (!ticking) return;
    let raf = 0;
    let shown = '';
    let bar = '';
    let near: boolean | undefined;
    let textAt = -Infinity;
    const draw = () => {
      raf = requestAnimationFrame(draw);
      const s = labStore.getState();
      const t = etcdViewOf(s.machines[host])?.electionTimer;
      const el = root.current;
      if (!t || !el || !fill.current || !text.current) return;
      const wall = performance.now();
      const ms = Math.round(electionTimerMs(t, simTimeAt(s.clock, wall)));
      const key = `${ms}/${t.timeoutMs}`;
      if (key === shown) return;
      const share = ms / t.timeoutMs;
      const scale = `scaleX(${share.toFixed(3)})`;
      if (scale !== bar) fill.current.style.transform = bar = scale;
      if (near !== share >= NEAR) fill.current.classList.toggle('near', (near = share >= NEAR));
      // The text waits while the clock runs; a still clock (paused, stepped) shows the
      // exact value at once.
      if (s.clock.rate > 0 && wall - textAt < TEXT_EVERY_MS) return;
      textAt = wall;
      shown = key;
      text.current.textContent = `${groupedMs(ms)} / ${groupedMs(t.timeoutMs)} ms`;
      el.dataset.elapsedMs = String(ms);
      el.dataset.timeoutMs = String(t.timeoutMs);
      el.title = `election timer ${groupedMs(ms)} / ${groupedMs(t.timeoutMs)} ms: when it fills up, ${member} starts an election; a heartbeat from the leader resets it`;
      el.setAttribute('aria-label', `election timer ${ms} of ${t.timeoutMs} ms`);
    };
    raf = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(raf);
  }, [host, member, ticking]);

  if (!ticking) {
    const why = role === 'leader' ? 'leader: sends heartbeats every 100 ms, no election timer' : 'down: no timer runs';
    return (
      <div className="election-timer idle" data-testid={`election-timer-${member}`} data-role={role} role="img" aria-label={why} title={why}>
        <span className="election-timer-label">{role === 'leader' ? '♥ heartbeats every 100 ms' : 'timer stopped'}</span>
      </div>
    );
  }
  return (
    <div className="election-timer" ref={root} data-testid={`election-timer-${member}`} data-role={role} role="img" aria-label="election timer">
      <span className="election-timer-label" aria-hidden="true">timer</span>
      <div className="election-timer-track" aria-hidden="true">
        <div className="election-timer-fill" ref={fill} />
      </div>
      <span className="election-timer-text" ref={text} aria-hidden="true" />
    </div>
  );
}
