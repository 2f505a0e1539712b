// Presenter mode: the last key events as large captions over the graph, newest at the
// bottom and brightest; with ← / → they follow the cursor instead of the end.

import { useShallow } from 'zustand/shallow';
import { useLab } from '../store/store';
import { formatClock } from '../panels/clock';
import { captionLines } from './key-events';
import { useTeach } from './teach-store';

export function Captions() {
  const cursor = useTeach((s) => s.cursor);
  const lines = useLab(useShallow((s) => captionLines(s.log, cursor)));
  if (lines.length === 0) return null;
  return (
    <ol className="captions" data-testid="captions" aria-label="latest key events">
      {lines.map((l, i) => (
        <li key={l.seq} className={`caption kind-${l.kind}${i === lines.length - 1 ? ' newest' : ''}`}>
          <span className="caption-time">{formatClock(l.t)}</span> {l.text}
        </li>
      ))}
    </ol>
  );
}
