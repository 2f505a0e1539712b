// The event log: trace events as sentences (src/ui/narrate.ts), newest at the bottom,
// following the end unless the reader scrolled up. Key events stand out; routine ones
// (src/ui/teach/story.ts) are folded unless asked for, and repeats collapse into one
// counted line. Chips filter by kind; selecting a card filters to that machine; a click
// on a line's text selects its machine, a click on its time goes back there (a seek to
// just before it, paused: ▶ plays it again). Two targets, not one: pointing at a
// machine is what a teacher does all the time, and rewinding the whole cluster the
// room is watching must not happen by the way. The time is the link to a moment, as a
// video comment's timestamp is. The panel's top edge drags to resize it.
// Following the end is CSS, not script: the scroll box is a reversed column around one
// block of lines, so the browser keeps it pinned to the bottom (and keeps a reader's
// place once scrolled up). Setting scrollTop from scrollHeight after every frame forced
// a layout that took a fifth of the main thread at 30 workers.

import { memo, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { apiSummary } from '../kube/api-view';
import { useLabApi } from '../lab';
import type { LineKind } from '../narrate';
import { labStore, useLab, type LogLine } from '../store/store';
import { seekTargetOfLine } from '../teach/log-seek';
import { collapseRepeats, STORY_KINDS, STORY_LABEL } from '../teach/story';
import { teachStore, useTeach } from '../teach/teach-store';
import { formatClock } from './clock';

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

/** The machine a line is about, for a click: its first machine, else its pod's node. */
function targetOf(line: LogLine): string | undefined {
  if (line.about.length > 0) return line.about[0];
  if (!line.pod) return undefined;
  const pod = apiSummary(labStore.getState().machines).pods.find((p) => `${p.namespace}/${p.name}` === line.pod);
  return pod?.node || undefined;
}

/** One line; memoised so a new line does not re-render the 500 before it. Its time is
 * a button that goes back there (when the run can seek), its text one that selects its
 * machine (when it has one); neither is a tab stop (the log's arrow keys reach them). */
const Row = memo(function Row({ line, repeats, current, seekable }: { line: LogLine; repeats: number; current: boolean; seekable: boolean }) {
  const lab = useLabApi();
  const target = targetOf(line);
  const text = <>{line.text}{repeats > 1 && <span className="log-repeats"> ×{repeats}</span>}</>;
  return (
    <div
      className={`log-line kind-${line.kind} ${line.key ? 'log-key' : 'log-routine'}${current ? ' log-current' : ''}`}
      data-testid="log-line"
      data-kind={line.story}
      data-key={String(line.key)}
      data-seq={line.seq}
      data-at-ms={line.t}
    >
      {seekable ? (
        <button
          type="button"
          className="log-time log-seek"
          data-testid="log-seek"
          tabIndex={-1}
          onClick={() => lab.send({ type: 'seek', at: seekTargetOfLine(line) })}
          title={`go back to ${formatClock(line.t)}, just before this happened (paused there: ▶ plays it again)`}
          aria-label={`${formatClock(line.t)}: go back to just before this`}
        >
          {formatClock(line.t)}
        </button>
      ) : (
        <span className="log-time">{formatClock(line.t)}</span>
      )}
      <span className="log-icon" aria-hidden="true">{ICON[line.kind]}</span>
      {target ? (
        <button type="button" className="log-text log-clickable" tabIndex={-1} onClick={() => labStore.getState().select(target)} title={`select ${target} on the graph`}>
          {text}
        </button>
      ) : (
        <span className="log-text">{text}</span>
      )}
    </div>
  );
});

/** Whether a line concerns `machine`: it names it, or its pod runs there. */
function concerns(line: LogLine, machine: string, podNodes: ReadonlyMap<string, string>): boolean {
  return line.about.includes(machine) || (line.pod !== undefined && podNodes.get(line.pod) === machine);
}

function LogFilters({ routineCount }: { routineCount: number }) {
  const hidden = useTeach((s) => s.hiddenKinds);
  const showRoutine = useTeach((s) => s.showRoutine);
  const selected = useLab((s) => s.selected);
  return (
    <div className="log-filters" role="group" aria-label="log filters">
      {STORY_KINDS.map((k) => (
        <button
          key={k}
          type="button"
          className={`log-chip story-${k}`}
          data-testid={`log-filter-${k}`}
          aria-pressed={!hidden.includes(k)}
          onClick={() => teachStore.getState().toggleKind(k)}
        >
          {STORY_LABEL[k]}
        </button>
      ))}
      <button type="button" className="log-chip routine" data-testid="log-routine" aria-pressed={showRoutine} onClick={() => teachStore.getState().setShowRoutine(!showRoutine)}>
        routine{!showRoutine && routineCount > 0 ? ` (${routineCount} folded)` : ''}
      </button>
      {selected && (
        <button type="button" className="log-chip only" data-testid="log-only" onClick={() => labStore.getState().select(null)} title="show every machine's lines again">
          only {selected} ✕
        </button>
      )}
    </div>
  );
}

/** The log is one tab stop; inside it, a grid of two columns. Up / Down move between
 * lines in the focused column (the texts that select, or the times that go back; from
 * the log itself, the newest text), Left / Right between a line's time and its text,
 * Escape back to the log itself. */
function moveBetweenLines(e: React.KeyboardEvent<HTMLDivElement>): void {
  const box = e.currentTarget;
  const focused = document.activeElement as HTMLElement | null;
  if (e.key === 'Escape') {
    if (focused !== box) {
      box.focus();
      e.preventDefault();
    }
    return;
  }
  const row = focused?.closest<HTMLElement>('.log-line');
  if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
    const other = row?.querySelector<HTMLElement>(e.key === 'ArrowLeft' ? '.log-seek' : '.log-clickable');
    if (!row || !box.contains(row)) return;
    other?.focus();
    e.preventDefault();
    e.stopPropagation();
    return;
  }
  if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
  const column = focused?.classList.contains('log-seek') ? '.log-seek' : '.log-clickable';
  const cells = Array.from(box.querySelectorAll<HTMLElement>(column));
  if (cells.length === 0) return;
  const at = cells.indexOf(focused as HTMLElement);
  const next = at < 0 ? cells.length - 1 : Math.max(0, Math.min(cells.length - 1, at + (e.key === 'ArrowUp' ? -1 : 1)));
  cells[next]!.focus();
  e.preventDefault();
  e.stopPropagation();
}

/** Drags the log's top edge: the stage's last grid row follows (CSS variable). */
function ResizeHandle() {
  return (
    <div
      className="log-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="resize the log"
      title="drag to resize the log"
      onPointerDown={(e) => {
        const stage = (e.currentTarget.closest('.stage') as HTMLElement | null);
        if (!stage) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const bottom = stage.getBoundingClientRect().bottom;
        const move = (ev: PointerEvent) => {
          const h = Math.max(80, Math.min(bottom - ev.clientY, stage.clientHeight - 160));
          stage.style.setProperty('--log-height', `${Math.round(h)}px`);
        };
        const up = () => {
          window.removeEventListener('pointermove', move);
          window.removeEventListener('pointerup', up);
        };
        window.addEventListener('pointermove', move);
        window.addEventListener('pointerup', up);
      }}
    />
  );
}

export function EventLog() {
  const log = useLab((s) => s.log);
  const selected = useLab((s) => s.selected);
  // Pods' nodes matter only while a card is selected: no re-render per frame otherwise.
  const machines = useLab((s) => (s.selected ? s.machines : null));
  const hidden = useTeach((s) => s.hiddenKinds);
  const showRoutine = useTeach((s) => s.showRoutine);
  const cursor = useTeach((s) => s.cursor);
  const seekable = useLab((s) => s.timeline.seekable);
  const box = useRef<HTMLDivElement>(null);
  const podNodes = useMemo(() => new Map(machines ? apiSummary(machines).pods.map((p) => [`${p.namespace}/${p.name}`, p.node]) : []), [machines]);
  const { rows, routineCount } = useMemo(() => {
    let routine = 0;
    const shown = log.filter((l) => {
      if (hidden.includes(l.story)) return false;
      if (selected && !concerns(l, selected, podNodes)) return false;
      if (!l.key && !showRoutine) {
        routine++;
        return false;
      }
      return true;
    });
    return { rows: collapseRepeats(shown), routineCount: routine };
  }, [log, hidden, showRoutine, selected, podNodes]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    if (cursor !== null) el.querySelector('.log-current')?.scrollIntoView({ block: 'nearest' });
  }, [rows, cursor]);
  // A seek rebuilds the log (Enter on a line's time, a marker, ← / →): the line that
  // had the keyboard is gone and the focus would fall to <body>, so the log takes it
  // back and the arrows go on from the newest line.
  const focusedLine = useRef<Element | null>(null);
  useLayoutEffect(() => {
    const line = focusedLine.current;
    if (!line || line.isConnected) return;
    focusedLine.current = null;
    const active = document.activeElement;
    if (!active || active === document.body) box.current?.focus({ preventScroll: true });
  }, [rows]);
  const onFocus = (e: React.FocusEvent) => {
    focusedLine.current = e.target === box.current ? null : e.target;
  };
  const onBlur = (e: React.FocusEvent) => {
    // To another element: the keyboard left the line. To nothing: the line is being
    // removed (kept for the effect above), or a click on the page's background took the
    // focus (the line is still there and not focused: forgotten).
    if (e.relatedTarget) {
      focusedLine.current = null;
      return;
    }
    const line = e.target;
    queueMicrotask(() => {
      if (focusedLine.current === line && line.isConnected && document.activeElement !== line) focusedLine.current = null;
    });
  };
  return (
    <section className="event-log panel" aria-label="event log">
      <ResizeHandle />
      <div className="log-head">
        <h2>What happened</h2>
        <LogFilters routineCount={routineCount} />
      </div>
      <div
        className="log-lines"
        ref={box}
        data-testid="event-log"
        tabIndex={0}
        role="region"
        aria-label="what happened, newest last (the live announcer tells the key events); up and down arrows move between lines, left and right between a line's time and its text; Enter on a text selects its machine, on a time goes back to just before it"
        onKeyDown={moveBetweenLines}
        onFocus={onFocus}
        onBlur={onBlur}
      >
        <div className="log-block">
          {log.length === 0 && <div className="log-line muted">Nothing yet: the cluster is starting.</div>}
          {rows.map((r) => (
            <Row key={r.line.seq} line={r.line} repeats={r.repeats} current={r.line.seq === cursor} seekable={seekable} />
          ))}
        </div>
      </div>
    </section>
  );
}
