// The graph by keyboard: one tab stop for all the machines (a roving tabindex), arrow
// keys between cards in reading order, Enter opens the inspector, letters act on the
// focused machine. A tiny store of its own so MachineNode re-renders only when its own
// tab stop changes. Free of React Flow: the graph's first paint (../graph/FirstPaint.tsx)
// draws the cards before React Flow has loaded; ../graph/PanToFocused.tsx is its part.

import type React from 'react';
import { create } from 'zustand';
import { useLabApi } from '../lab';
import { labStore } from '../store/store';
import { teachStore } from '../teach/teach-store';

interface GraphFocus {
  /** Machines in reading order (rows top to bottom, left to right). */
  readonly order: readonly string[];
  /** The machine holding the tab stop (null: the first in order). */
  readonly current: string | null;
  /** A machine the keyboard moved to that still has to be shown and focused (PanToFocused). */
  readonly want: string | null;
}

export const graphFocus = create<GraphFocus>(() => ({ order: [], current: null, want: null }));

/** Cards whose tops are this close (layout px) share a row: the client and the load
 * balancer sit side by side at slightly different heights. */
const ROW_TOLERANCE = 40;

/** Reading order of placed cards: rows top to bottom, each row left to right. */
export function readingOrder(placed: readonly { id: string; x: number; y: number }[]): string[] {
  const byY = placed.slice().sort((a, b) => a.y - b.y);
  const rows: { id: string; x: number; y: number }[][] = [];
  for (const p of byY) {
    const row = rows.at(-1);
    if (row && p.y - row[0]!.y <= ROW_TOLERANCE) row.push(p);
    else rows.push([p]);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.x - b.x).map((p) => p.id));
}

/** The machine a key moves to from `from`, or null when the key does not move. */
export function moveTarget(order: readonly string[], from: string, key: string): string | null {
  const i = order.indexOf(from);
  if (i < 0 || order.length === 0) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return order[(i + 1) % order.length]!;
    case 'ArrowLeft':
    case 'ArrowUp':
      return order[(i - 1 + order.length) % order.length]!;
    case 'Home':
      return order[0]!;
    case 'End':
      return order[order.length - 1]!;
    default:
      return null;
  }
}

/** The letters a focused card answers to (also shown in the inspector's key hint). */
export const CARD_KEYS = 'Enter: inspector · K kill · B boot/restart · I isolate · H heal · C cordon · U uncordon · D drain · arrows: next machine';

export function cardEl(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="machine-${CSS.escape(id)}"]`);
}

export function focusMachine(id: string): void {
  graphFocus.setState({ current: id, want: id });
}

/** How long (wall ms) a focus hand-off waits for its target: until the frame that shows
 * the action's outcome has arrived (a button enabled again), or the inspector's lazy
 * chunk has (../lazy-parts.tsx), seconds later on a loaded machine. In time, not frames
 * or a fixed number of tries: six tries (about 1 s) lost the focus to <body> there, and
 * 180 frames (3 s) left it on the card. */
export const FOCUS_WAIT_MS = 20_000;

/** Focuses what `find` returns as soon as there is something, trying from the next
 * animation frame on, every frame, for up to FOCUS_WAIT_MS of wall time; gives up at once
 * when the keyboard has moved on meanwhile (`movedOn` of the focused element). */
export function focusWhenReady(find: () => HTMLElement | null | undefined, movedOn: (here: Element | null) => boolean): void {
  const until = performance.now() + FOCUS_WAIT_MS;
  const tryFocus = () => {
    if (movedOn(document.activeElement)) return;
    const target = find();
    if (target) target.focus();
    else if (performance.now() < until) requestAnimationFrame(tryFocus);
  };
  requestAnimationFrame(tryFocus);
}

/** Focus `testid` once it is rendered and enabled: a button that just turned disabled
 * (Kill, Isolate, Heal) hands the focus to its counterpart instead of losing it to <body>.
 * Not when the keyboard has moved on meanwhile (the focus is no longer on the button
 * pressed, nor on <body> where a disabled button drops it). */
export function focusSoon(testid: string): void {
  const pressed = document.activeElement;
  focusWhenReady(
    () => {
      const el = document.querySelector<HTMLButtonElement>(`[data-testid="${CSS.escape(testid)}"]`);
      return el && !el.disabled ? el : null;
    },
    (here) => here !== null && here !== pressed && here !== document.body,
  );
}

/** After Enter on a card: the inspector; in presenter mode (where the side column is a
 * closed drawer) the selected card's own action buttons (src/ui/teach/CardActions.tsx).
 * Once they show this machine: the inspector may not have arrived yet when the first
 * leader is drawn and a keyboard user presses Enter. Not when the keyboard has moved on
 * meanwhile (only the card, its twin after React Flow took over, or <body> while they
 * swap count as not moved). */
function focusActions(id: string): void {
  focusWhenReady(
    () =>
      teachStore.getState().presenting
        ? cardEl(id)?.querySelector<HTMLElement>('.card-actions button:not(:disabled)')
        : document.querySelector<HTMLElement>(`[data-testid="inspector"][aria-label="inspector: ${CSS.escape(id)}"]`),
    (here) => here !== null && here !== document.body && !here.closest(`[data-testid="machine-${CSS.escape(id)}"]`),
  );
}

/** A card focused by a click, not by the keyboard: its arrows stay the story's
 * (src/ui/teach/Keys.tsx: ← / → step through key events), as a mouse user expects. */
let pointerDown = false;
let focusedByPointer = false;

export function useGraphKeys(id: string): {
  tabIndex: number;
  onKeyDown: (e: React.KeyboardEvent) => void;
  onFocus: () => void;
  onMouseDown: () => void;
} {
  const lab = useLabApi();
  const holdsStop = graphFocus((s) => (s.current ?? s.order[0]) === id);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    if (focusedByPointer && e.key.startsWith('Arrow')) return;
    const next = moveTarget(graphFocus.getState().order, id, e.key);
    if (next) {
      e.preventDefault();
      focusMachine(next);
      return;
    }
    const kubectl = (line: string) => void lab.request({ type: 'console', line });
    switch (e.key.toLowerCase()) {
      case 'enter':
      case ' ':
        labStore.getState().select(id);
        focusActions(id);
        break;
      case 'k': lab.send({ type: 'kill', machine: id }); break;
      case 'b': lab.send({ type: 'restart', machine: id }); break;
      case 'i': lab.send({ type: 'isolate', machine: id }); break;
      case 'h': lab.send({ type: 'heal', machine: id }); break;
      case 'c': kubectl(`kubectl cordon ${id}`); break;
      case 'u': kubectl(`kubectl uncordon ${id}`); break;
      case 'd': kubectl(`kubectl drain ${id} --ignore-daemonsets --force`); break;
      default: return;
    }
    e.preventDefault();
  };
  return {
    tabIndex: holdsStop ? 0 : -1,
    onKeyDown,
    onFocus: () => {
      focusedByPointer = pointerDown;
      graphFocus.setState({ current: id });
    },
    onMouseDown: () => {
      // A capture handler: React Flow's pane (d3-zoom) stops the mousedown bubbling.
      // The focus (if it moves) follows synchronously; a later Tab is the keyboard's.
      pointerDown = true;
      setTimeout(() => (pointerDown = false), 0);
    },
  };
}
