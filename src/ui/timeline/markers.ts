// The timeline's arithmetic, pure (tested in Node): where a marker seeks to, which
// marker is the previous / next one from now, and which markers are drawn when there
// are more than the track has room for.

import type { TimelineMarker } from '../../protocol/timeline';

/** A marker's moment is the start of the window that recorded it; seeking a little
 * after shows what it marks as done (the window ends at most a latency later). */
export const AFTER_MARKER_MS = 20;
/** "Previous" skips markers this close to now (the clock after a seek may stop a few
 * ms short of the asked time). */
const NEAR_MS = 50;
/** "Back" jumps this far. */
export const BACK_MS = 5000;

export function seekTargetOf(m: TimelineMarker): number {
  return m.at + AFTER_MARKER_MS;
}

export function previousMarker(markers: readonly TimelineMarker[], now: number): TimelineMarker | undefined {
  for (let i = markers.length - 1; i >= 0; i--) if (seekTargetOf(markers[i]!) < now - NEAR_MS) return markers[i];
  return undefined;
}

export function nextMarker(markers: readonly TimelineMarker[], now: number): TimelineMarker | undefined {
  return markers.find((m) => seekTargetOf(m) > now + NEAR_MS);
}

/** At most one marker per kind per `buckets`-th of the run: a long chaos run's
 * thousands of markers stay a readable strip (and a light DOM). */
export const MARKER_BUCKETS = 240;

export function visibleMarkers(markers: readonly TimelineMarker[], endMs: number, buckets = MARKER_BUCKETS): TimelineMarker[] {
  if (markers.length <= buckets) return [...markers];
  const span = Math.max(1, endMs);
  const taken = new Set<string>();
  const out: TimelineMarker[] = [];
  for (const m of markers) {
    const key = `${m.kind}/${Math.floor((m.at / span) * buckets)}`;
    if (taken.has(key)) continue;
    taken.add(key);
    out.push(m);
  }
  return out;
}

/** Where on the track (0..100 %). */
export function percentOf(at: number, endMs: number): number {
  return endMs <= 0 ? 0 : Math.min(100, Math.max(0, (at / endMs) * 100));
}

export const KIND_WORDS: Readonly<Record<TimelineMarker['kind'], string>> = {
  fault: 'fault',
  leader: 'new etcd leader',
  lease: 'lease hand-over',
  node: 'node readiness',
  eviction: 'eviction',
  restore: 'restore',
  violation: 'violation',
};
