// The presenter's keys: space play/pause, ← / → previous / next event (the timeline's
// ◀ event / event ▶: a seek, paused there; in a run that cannot seek, the story log's
// previous / next key line), k kill the selected machine, b boot it, p presenter mode,
// ? the help card, Esc closes / follows the end. Keys typed into a form field, or
// pressed on a button (space and Enter are the button's own), are left alone, except
// the arrows on a button; arrows inside a widget that moves by them (the log, the
// scrubber, a box scrolling sideways) are its own (time-keys.ts); and so are keys a
// focused machine card already answered (src/ui/a11y/graph-keys.ts: arrows,
// Enter/space, its letters act on that card).

import { takeEarlyKeys } from './early-keys';
import { useEffect } from 'react';
import { useLabApi } from '../lab';
import { labStore } from '../store/store';
import { stepKeyEvent } from './key-events';
import { teachStore } from './teach-store';
import { arrowsOwnedBy, eventJump } from './time-keys';

export const KEYS: readonly { readonly key: string; readonly what: string }[] = [
  { key: 'space', what: 'play / pause' },
  { key: '← / →', what: 'previous / next event on the timeline (the cluster as it was then, paused)' },
  { key: 'k', what: 'kill the selected machine' },
  { key: 'b', what: 'boot (restart) the selected machine' },
  { key: 'p', what: 'presenter mode on / off' },
  { key: '?', what: 'this help' },
  { key: 'Esc', what: 'close this help, follow the newest event' },
];

/** A seek the arrows asked for that no frame has answered yet (the store's seekEpoch
 * then): the next arrow steps on from there. */
let pending: { at: number; epoch: number } | null = null;

/** Whether the focused element keeps `key` for itself: a form field keeps every key,
 * a button or link only space and Enter (so k, b, p and ? still work right after a
 * click on Pause or a card's button). */
function ownsKeys(el: EventTarget | null, key: string): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) return true;
  return ['BUTTON', 'A'].includes(el.tagName) && (key === ' ' || key === 'Enter');
}

export function Keys() {
  const lab = useLabApi();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const arrow = e.key === 'ArrowLeft' || e.key === 'ArrowRight';
      // Esc closes the overlays even from the console's input.
      if (arrow ? arrowsOwnedBy(e.target) : ownsKeys(e.target, e.key) && e.key !== 'Escape') return;
      const teach = teachStore.getState();
      const lab$ = labStore.getState();
      const selected = lab$.selected;
      switch (e.key) {
        case ' ':
          lab.send({ type: lab$.playing ? 'pause' : 'play' });
          break;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const dir = e.key === 'ArrowLeft' ? -1 : 1;
          const asked = pending && pending.epoch === lab$.seekEpoch ? pending.at : null;
          const jump = eventJump({ markers: lab$.timeline.markers, from: asked ?? lab$.now, seekable: lab$.timeline.seekable, playing: lab$.playing, finished: lab$.finished }, dir);
          if (jump) {
            pending = jump.type === 'seek' ? { at: jump.at, epoch: lab$.seekEpoch } : null;
            lab.send(jump);
            break;
          }
          if (lab$.timeline.seekable) break;
          // No time travel here (?isolation=worker): step through the story's key lines.
          const line = stepKeyEvent(lab$.log, teach.cursor, dir);
          teach.setCursor(line ? line.seq : null);
          if (line?.about[0]) lab$.select(line.about[0]);
          break;
        }
        case 'k':
          if (!selected) return;
          lab.send({ type: 'kill', machine: selected });
          break;
        case 'b':
          if (!selected) return;
          lab.send({ type: 'restart', machine: selected });
          break;
        case 'p':
          teach.setPresenting(!teach.presenting);
          break;
        case '?':
          teach.setHelp(!teach.help);
          break;
        case 'Escape':
          teach.setHelp(false);
          teach.setConsoleOverlay(false);
          teach.setCursor(null);
          break;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    takeEarlyKeys(onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lab]);
  return null;
}
