import { describe, expect, it } from 'vitest';
import type { TimelineMarker } from '../../protocol/timeline';
import { eventJump } from './time-keys';

const markers: TimelineMarker[] = [
  { at: 1000, kind: 'leader', label: 'etcd-1 became leader (term 2)' },
  { at: 9000, kind: 'fault', label: 'kill master-1' },
  { at: 9300, kind: 'leader', label: 'etcd-2 became leader (term 3)' },
];
const at = (from: number, over: Partial<Parameters<typeof eventJump>[0]> = {}) => ({ markers, from, seekable: true, playing: false, finished: false, ...over });

describe('← / → as the timeline’s previous / next event', () => {
  it('← seeks just after the marker before now, → just after the one after it', () => {
    expect(eventJump(at(12_000), -1)).toEqual({ type: 'seek', at: 9320 });
    expect(eventJump(at(9320), -1)).toEqual({ type: 'seek', at: 9020 }); // not the one it stands on
    expect(eventJump(at(9020), -1)).toEqual({ type: 'seek', at: 1020 });
    expect(eventJump(at(1020), -1)).toBeUndefined(); // nothing earlier
    expect(eventJump(at(5000), 1)).toEqual({ type: 'seek', at: 9020 });
    expect(eventJump(at(9020), 1)).toEqual({ type: 'seek', at: 9320 });
  });

  it('→ past the last marker runs to the next event from pause, and does nothing while playing or finished', () => {
    expect(eventJump(at(12_000), 1)).toEqual({ type: 'step-event' });
    expect(eventJump(at(12_000, { playing: true }), 1)).toBeUndefined();
    expect(eventJump(at(12_000, { finished: true }), 1)).toBeUndefined();
  });

  it('does nothing in a run that cannot seek (?isolation=worker): the keys step through the log instead', () => {
    expect(eventJump(at(12_000, { seekable: false }), -1)).toBeUndefined();
    expect(eventJump(at(5000, { seekable: false }), 1)).toBeUndefined();
  });
});
