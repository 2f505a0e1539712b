// ← / → on the page: the timeline's previous / next event (issue 17's presenter keys,
// issue 11's buttons), and when a key belongs to the widget that has the focus instead.
// Pure but for `arrowsOwnedBy`, which reads the focused element's DOM.

import type { UiCommand } from '../../protocol/commands';
import type { TimelineMarker } from '../../protocol/timeline';
import { nextMarker, previousMarker, seekTargetOf } from '../timeline/markers';

export interface TimeKeyState {
  readonly markers: readonly TimelineMarker[];
  /** Where the keys step from: the clock, or the moment a seek asked for that no frame
   * has answered yet (so ← ← ← walks back three events, not one three times). */
  readonly from: number;
  readonly seekable: boolean;
  readonly playing: boolean;
  readonly finished: boolean;
}

/** What ← (dir -1) or → (dir +1) does, as the timeline's ◀ event / event ▶ buttons:
 * seek to the marker before / after `from`; → past the last marker, from pause, runs
 * to the next event ('step-event'). Undefined: nothing to do (no marker, or seeking
 * does not work in this run: `?isolation=worker`). */
export function eventJump(s: TimeKeyState, dir: -1 | 1): Extract<UiCommand, { type: 'seek' } | { type: 'step-event' }> | undefined {
  if (!s.seekable) return undefined;
  const m = dir < 0 ? previousMarker(s.markers, s.from) : nextMarker(s.markers, s.from);
  if (m) return { type: 'seek', at: seekTargetOf(m) };
  if (dir > 0 && !s.playing && !s.finished) return { type: 'step-event' };
  return undefined;
}

/** Widgets whose arrows are their own: the event log (a grid of lines), sliders (the
 * timeline's scrubber), lists, menus, tabs, radio groups. */
const ARROW_WIDGETS = '[data-testid="event-log"], [role="slider"], [role="listbox"], [role="menu"], [role="menubar"], [role="tablist"], [role="radiogroup"], [role="grid"], [role="tree"], [role="spinbutton"]';

/** True when ← / → pressed on `el` belong to it: a form field or editable text (the
 * caret moves), a widget above, or a box that scrolls sideways (the arrows scroll it:
 * the lesson's answer, the cloud inspector). A button or link does not own them: after
 * a click on Pause the presenter's arrows still travel in time. A machine card focused
 * by the keyboard answers its arrows itself (src/ui/a11y/graph-keys.ts: the event is
 * then defaultPrevented). */
export function arrowsOwnedBy(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return true;
  if (el.closest(ARROW_WIDGETS)) return true;
  for (let e: HTMLElement | null = el; e && e !== document.body; e = e.parentElement) {
    if (e.scrollWidth > e.clientWidth + 1) {
      const x = getComputedStyle(e).overflowX;
      if (x === 'auto' || x === 'scroll') return true;
    }
  }
  return false;
}
