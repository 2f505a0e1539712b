// The event log: trace events as sentences (src/ui/narrate.ts), newest at the bottom,
// following the end unless the reader scrolled up. The following is CSS, not script:
// the scroll box is a reversed column around one block of lines, so the browser keeps it
// pinned to the bottom (and keeps a reader's place once scrolled up). Setting scrollTop
// from scrollHeight after every frame forced a layout that took a fifth of the main
// thread at 30 workers.

import { memo } from 'react';
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
  return (
    <section className="event-log panel" aria-label="event log">
      <h2>What happened</h2>
      <div className="log-lines" data-testid="event-log">
        <div className="log-block">
          {log.length === 0 && <div className="log-line muted">Nothing yet: the cluster is starting.</div>}
          {log.map((l) => (
            <Row key={l.seq} line={l} />
          ))}
        </div>
      </div>
    </section>
  );
}
