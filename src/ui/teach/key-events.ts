// Stepping through the story's key events with ← / →, and the captions presenter mode
// shows. Pure over the log's lines, so it can be tested without a page. When the
// timeline (time travel) lands, ← / → can seek to the event's time: the hook is
// `stepKeyEvent`'s answer, a log line with its `t`.

import type { LogLine } from '../store/store';

/** The key lines, oldest first. */
export function keyLines(log: readonly LogLine[]): LogLine[] {
  return log.filter((l) => l.key);
}

/** The key line before (dir -1) or after (dir +1) the cursor; from the end when the
 * cursor follows the end (null). Stays on the first / last one at the ends. */
export function stepKeyEvent(log: readonly LogLine[], cursor: number | null, dir: -1 | 1): LogLine | undefined {
  const keys = keyLines(log);
  if (keys.length === 0) return undefined;
  if (cursor === null) return dir < 0 ? keys[keys.length - 1] : undefined;
  const i = keys.findIndex((l) => l.seq === cursor);
  if (i < 0) return dir < 0 ? keys[keys.length - 1] : undefined;
  return keys[Math.max(0, Math.min(keys.length - 1, i + dir))];
}

/** The captions: the last `n` key lines up to the cursor (or the end), newest last. */
export function captionLines(log: readonly LogLine[], cursor: number | null, n = 3): LogLine[] {
  const keys = keyLines(log).filter((l) => l.story !== 'console');
  let end = keys.length;
  if (cursor !== null) {
    const i = keys.findIndex((l) => l.seq === cursor);
    if (i >= 0) end = i + 1;
  }
  return keys.slice(Math.max(0, end - n), end);
}
