import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../protocol/timeline';
import { nextMarker, percentOf, previousMarker, seekTargetOf, visibleMarkers } from './markers';

const m = (at: number, kind: TimelineMarker['kind'] = 'fault'): TimelineMarker => ({ at, kind, label: `${kind} ${at}` });

describe('timeline arithmetic', () => {
  const markers = [m(1000), m(5000, 'leader'), m(9000)];
  it('previous / next from now, skipping the marker the clock stands on', () => {
    expect(previousMarker(markers, 7000)).toEqual(markers[1]);
    expect(previousMarker(markers, seekTargetOf(markers[1]!))).toEqual(markers[0]);
    expect(previousMarker(markers, 500)).toBeUndefined();
    expect(nextMarker(markers, seekTargetOf(markers[1]!))).toEqual(markers[2]);
    expect(nextMarker(markers, 9500)).toBeUndefined();
  });
  it('thins thousands of markers to one per kind per slice of the run, keeps few as they are', () => {
    expect(visibleMarkers(markers, 10_000)).toEqual(markers);
    const many = Array.from({ length: 5000 }, (_, i) => m(i * 10, i % 2 ? 'fault' : 'node'));
    const shown = visibleMarkers(many, 50_000);
    expect(shown.length).toBeLessThanOrEqual(480);
    expect(new Set(shown.map((x) => x.kind))).toEqual(new Set(['fault', 'node']));
    expect(percentOf(25_000, 50_000)).toBe(50);
    expect(percentOf(60_000, 50_000)).toBe(100);
  });
});
