// The event log: trace events as sentences (src/ui/narrate.ts), newest at the bottom,
// following the end unless the reader scrolled up.

import { memo, useEffect, useRef } from 'react';
import type { LineKind } from '../narrate';
import { useLab, type LogLine } from '../store/store';
import { formatClock } from './TimeControls';

const ICON: Readonly<Record<LineKind, string>> = {
  election: '♛',
  vote: '✓',
  commit: '✎',
  fault: '⚡',
  machine: '◆',
  kv: '⇄',
  kube: '☸',
  warning: '⚠',
  info: '·',
};

/** One line; memoised so a new line does not re-render the 500 before it. */
const Row = memo(function Row({ line }: { line: LogLine }) {
  return (
    <div className={`log-line kind-${line.kind}`}>
      <span className="log-time">{formatClock(line.t)}</span>
      <span className="log-icon" aria-hidden="true">{ICON[line.kind]}</span>
      <span className="log-text">{line.text}</span>
    </div>
  );
});

export function EventLog() {
  const log = useLab((s) => s.log);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [log]);
  return (
    <section className="event-log panel" aria-label="event log">
      <h2>What happened</h2>
      <div
        className="log-lines"
        ref={box}
        data-testid="event-log"
        tabIndex={0}
        role="region"
        aria-label="what happened, newest last (the live announcer tells the key events)"
        onScroll={(e) => {
          const el = e.currentTarget;
          follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
      >
        {log.length === 0 && <div className="log-line muted">Nothing yet: the cluster is starting.</div>}
        {log.map((l) => (
          <Row key={l.seq} line={l} />
        ))}
      </div>
    </section>
  );
}
