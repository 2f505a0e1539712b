// A member card's election timer (election-timer.ts): a bar filling up to the member's
// randomized election timeout, reset by every heartbeat. Drawn outside React from the
// store's updates (a data frame, a step), never on the animation frames between them:
// the bar's fill from the sim time now to where the member's view lets it go (its next
// tick, or the timeout) is a Web Animation of its `transform` at the run's rate, which
// the compositor runs with no main-thread work; paused, the bar stands at the exact value.
// Its text and attributes, which need a layout and a paint of the card, change at most
// every TEXT_EVERY_MS while the clock runs (at 1× nobody reads a number that changes 60
// times a second); a still clock shows the exact value at once.

import { useEffect, useRef } from 'react';
import { etcdViewOf, labStore, type LabState } from '../store/store';
import { simTimeAt } from './sim-clock';
import { electionTimerMs, groupedMs, TICK_MS } from './election-timer';
import type { ShownRole } from './roles';

/** The bar turns to the candidate's colour past this share of the timeout. */
const NEAR = 0.8;
/** Wall ms between two updates of the text while the clock runs. */
export const TEXT_EVERY_MS = 100;

const scaleX = (share: number): string => `scaleX(${share.toFixed(3)})`;

export function ElectionTimer({ host, member, role }: { readonly host: string; readonly member: string; readonly role: ShownRole }) {
  const root = useRef<HTMLDivElement>(null);
  const fill = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLSpanElement>(null);
  const ticking = role !== 'leader' && role !== 'down';

  useEffect(() => {
    if (!ticking) return;
    let shown = '';
    let textAt = -Infinity;
    let bar: Animation | undefined;
    /** The timer's view and the run's rate the bar's animation was made for. */
    let barView: unknown;
    let barRate = NaN;
    const draw = (s: LabState) => {
      const t = etcdViewOf(s.machines[host])?.electionTimer;
      const el = root.current;
      const f = fill.current;
      if (!t || !el || !f || !text.current) return;
      const wall = performance.now();
      const rate = s.clock.rate;
      const ms = Math.round(electionTimerMs(t, simTimeAt(s.clock, wall)));
      if (rate === 0 || t !== barView || rate !== barRate) {
        barView = t;
        barRate = rate;
        bar?.cancel();
        const from = scaleX(ms / t.timeoutMs);
        f.style.transform = from;
        f.classList.toggle('near', ms >= NEAR * t.timeoutMs);
        // Where the bar may go before the member's next view: its next tick, or the
        // timeout; played at the run's rate (sim ms per wall ms).
        const end = electionTimerMs(t, t.tickAt + TICK_MS);
        bar = rate > 0 && end > ms ? f.animate([{ transform: from }, { transform: scaleX(end / t.timeoutMs) }], { duration: (end - ms) / rate, fill: 'forwards' }) : undefined;
      }
      const key = `${ms}/${t.timeoutMs}`;
      // The text waits while the clock runs; a still clock (paused, stepped) shows the
      // exact value at once.
      if (key === shown || (rate > 0 && wall - textAt < TEXT_EVERY_MS)) return;
      textAt = wall;
      shown = key;
      text.current.textContent = `${groupedMs(ms)} / ${groupedMs(t.timeoutMs)} ms`;
      el.dataset.elapsedMs = String(ms);
      el.dataset.timeoutMs = String(t.timeoutMs);
      el.title = `election timer ${groupedMs(ms)} / ${groupedMs(t.timeoutMs)} ms: when it fills up, ${member} starts an election; a heartbeat from the leader resets it`;
      el.setAttribute('aria-label', `election timer ${ms} of ${t.timeoutMs} ms`);
    };
    draw(labStore.getState());
    const unsubscribe = labStore.subscribe(draw);
    return () => {
      unsubscribe();
      bar?.cancel();
    };
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
