// The timeline under the graph (issue 11): a scrubber over [0, the furthest time the
// run reached], its markers (faults, new etcd leaders, lease hand-overs, node
// readiness, evictions, restores, violations), back 5 s, previous / next event and
// step to the next event. Seeking asks the coordinator (`seek`): it shows the moment at
// once from its view history and rebuilds the exact cluster there behind it, paused
// (src/host/seek-control.ts); acting there forks (src/host/seek.ts).

import { memo, useCallback, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import type { TimelineMarker } from '../../protocol/timeline';
import { useLabApi } from '../lab';
import { formatClock } from '../panels/clock';
import { useLab } from '../store/store';
import { teachStore } from '../teach/teach-store';
import { ScrubThrottle } from './scrub-throttle';
import { BACK_MS, KIND_WORDS, MARKER_BUCKETS, nextMarker, previousMarker, seekTargetOf, visibleMarkers } from './markers';
import './timeline.css';

/** While dragging, at most one seek per this many wall ms (the coordinator keeps only
 * the last one queued anyway), and always the last position (scrub-throttle.ts). */
const SCRUB_EVERY_MS = 80;

export function Timeline() {
  const lab = useLabApi();
  const now = useLab((s) => s.now);
  const playing = useLab((s) => s.playing);
  const finished = useLab((s) => s.finished);
  const timeline = useLab((s) => s.timeline);
  const seekEpoch = useLab((s) => s.seekEpoch);
  const endMs = Math.max(timeline.endMs, now);
  // The scrubber's own position while the learner drags it (frames catch up after).
  const [scrub, setScrub] = useState<number | null>(null);
  /** The thumb moved since the last seek a release sent (see onKeyUp). */
  const thumbMoved = useRef(false);

  useEffect(() => {
    // The key-event cursor points into a log that a seek replaced.
    if (seekEpoch > 0) teachStore.getState().setCursor(null);
  }, [seekEpoch]);
  useEffect(() => {
    if (scrub !== null && Math.abs(now - scrub) < 500) setScrub(null);
  }, [now, scrub, seekEpoch]);

  const throttle = useMemo(() => new ScrubThrottle(SCRUB_EVERY_MS, (at) => lab.send({ type: 'seek', at: Math.max(0, Math.round(at)) })), [lab]);
  useEffect(() => () => throttle.cancel(), [throttle]);
  /** A seek by a button or a marker: no drag position may come after it. */
  const seek = useCallback((at: number) => throttle.flush(at), [throttle]);
  // The end moves on every frame while the clock runs; the drawn markers depend on it
  // only when there are more than the track thins out.
  const thinEnd = timeline.markers.length > MARKER_BUCKETS ? endMs : 0;
  const shown = useMemo(() => visibleMarkers(timeline.markers, thinEnd), [timeline.markers, thinEnd]);
  const prev = previousMarker(timeline.markers, now);
  const next = nextMarker(timeline.markers, now);
  const disabled = !timeline.seekable;
  const at = scrub ?? now;

  return (
    <section className="timeline" data-testid="timeline" data-at-ms={now} data-end-ms={timeline.endMs} aria-label="timeline">
      <div className="timeline-buttons" role="group" aria-label="travel in time">
        <button type="button" data-testid="time-back" disabled={disabled || now <= 0} onClick={() => seek(now - BACK_MS)} title="Back 5 seconds of sim time (paused there)">
          ⟲ 5 s
        </button>
        <button type="button" data-testid="time-prev-event" disabled={disabled || !prev} onClick={() => prev && seek(seekTargetOf(prev))} title={prev ? `Previous event: ${prev.label} at ${formatClock(prev.at)}` : 'No earlier event'}>
          ◀ event
        </button>
        <button
          type="button"
          data-testid="time-next-event"
          disabled={disabled || (!next && (playing || finished))}
          onClick={() => (next ? seek(seekTargetOf(next)) : lab.send({ type: 'step-event' }))}
          title={next ? `Next event: ${next.label} at ${formatClock(next.at)}` : 'Run to the next event and pause'}
        >
          event ▶
        </button>
        <button type="button" data-testid="time-step-event" disabled={playing || finished} onClick={() => lab.send({ type: 'step-event' })} title="Run until the next role change, vote, lease change, node readiness change, pod phase change or fault, then pause">
          ▸ to next event
        </button>
      </div>
      <div className="timeline-track">
        <input
          type="range"
          className="timeline-scrubber"
          min={0}
          max={Math.max(1, endMs)}
          step={100}
          value={Math.min(at, endMs)}
          disabled={disabled}
          aria-label="sim time"
          aria-valuetext={`${formatClock(at)} of ${formatClock(endMs)}`}
          onChange={(e) => {
            const v = Number(e.target.value);
            thumbMoved.current = true;
            setScrub(v);
            throttle.scrub(v);
          }}
          onPointerUp={(e) => {
            thumbMoved.current = false;
            throttle.flush(Number((e.target as HTMLInputElement).value));
          }}
          // Only a key that moved the thumb seeks when released: Tab's keyup lands here
          // when the keyboard arrives, and a seek then paused and rewound the cluster
          // under every keyboard user passing by.
          onKeyUp={(e) => {
            if (!thumbMoved.current) return;
            thumbMoved.current = false;
            throttle.flush(Number((e.target as HTMLInputElement).value));
          }}
        />
        <MarkerStrip markers={shown} endMs={endMs} disabled={disabled} onSeek={seek} />
      </div>
      <span className="timeline-clock" aria-hidden="true">
        {formatClock(at)} / {formatClock(endMs)}
      </span>
    </section>
  );
}

/** The markers, each placed by CSS from its own `--at` and the strip's `--end`
 * (timeline.css): the end moves on every frame while the clock runs, and this way a
 * frame writes one custom property on the strip instead of re-rendering every marker
 * and writing each one's `left`. */
const MarkerStrip = memo(function MarkerStrip({ markers, endMs, disabled, onSeek }: { markers: readonly TimelineMarker[]; endMs: number; disabled: boolean; onSeek: (at: number) => void }) {
  return (
    <div className="timeline-markers" style={{ '--end': Math.max(1, endMs) } as CSSProperties}>
      <MarkerButtons markers={markers} disabled={disabled} onSeek={onSeek} />
    </div>
  );
});

const MarkerButtons = memo(function MarkerButtons({ markers, disabled, onSeek }: { markers: readonly TimelineMarker[]; disabled: boolean; onSeek: (at: number) => void }) {
  return markers.map((m, i) => (
    <button
      key={`${m.at}/${m.kind}/${i}`}
      type="button"
      tabIndex={-1}
      className={`time-marker marker-${m.kind}`}
      data-testid="time-marker"
      data-kind={m.kind}
      data-at-ms={m.at}
      style={{ '--at': m.at } as CSSProperties}
      title={`${formatClock(m.at)}: ${m.label}`}
      aria-label={`${KIND_WORDS[m.kind]} at ${formatClock(m.at)}: ${m.label}`}
      disabled={disabled}
      onClick={() => onSeek(seekTargetOf(m))}
    />
  ));
});
