// The header's lesson picker: each lesson opens the page on its own set-up
// (`?lesson=<id>`), asking first while a demo runs.

import { useLayoutEffect, useRef } from 'react';
import { leavePageFor } from '../teach/TryThis';
import { teachStore, useTeach } from '../teach/teach-store';
import { LESSONS } from './catalog';
import { menuShift } from './menu-shift';

export function LessonPicker() {
  const open = useTeach((s) => s.picker);
  const menu = useRef<HTMLUListElement>(null);
  // Under the button, but inside the window: where the header puts the button depends
  // on the window's width and presenter mode, so the shift is measured, not styled.
  useLayoutEffect(() => {
    const el = menu.current;
    if (!el) return;
    el.style.left = '0px';
    el.style.left = `${menuShift(el.getBoundingClientRect(), window.innerWidth)}px`;
  }, [open]);
  return (
    <div className="lesson-picker-wrap">
      <button type="button" data-testid="lesson-picker" aria-expanded={open} className="lesson-picker-button" onClick={() => teachStore.getState().setPicker(!open)}>
        Lessons
      </button>
      {open && (
        <ul ref={menu} className="lesson-menu" aria-label="lessons">
          {LESSONS.map((l) => (
            <li key={l.id}>
              <button type="button" data-testid={`lesson-${l.id}`} onClick={() => leavePageFor(`?lesson=${l.id}`, `the lesson "${l.title}"`)}>
                <b>{l.title}</b>
                <span className="muted"> — {l.topic}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** `?lesson=<id>` with the lesson's set-up filled in (parameters given in the URL win,
 * except a speed above the lesson's maxSpeed, lowered to it), or an error naming the
 * known lessons. */
export function lessonSearch(search: string): { search: string; lesson?: string; error?: string } {
  const params = new URLSearchParams(search);
  const id = params.get('lesson');
  if (id === null) return { search };
  const lesson = LESSONS.find((l) => l.id === id);
  if (!lesson) {
    params.delete('lesson');
    return { search: `?${params.toString()}`, error: `lesson: expected one of ${LESSONS.map((l) => l.id).join(', ')}, got "${id}"` };
  }
  for (const [k, v] of new URLSearchParams(lesson.query)) if (!params.has(k)) params.set(k, v);
  const speed = Number(params.get('speed') ?? 1);
  if (lesson.maxSpeed !== undefined && Number.isFinite(speed) && (speed === 0 || speed > lesson.maxSpeed)) params.set('speed', String(lesson.maxSpeed));
  return { search: `?${params.toString()}`, lesson: id };
}
