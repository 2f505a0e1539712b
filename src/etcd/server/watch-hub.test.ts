// A member that catches up by snapshot must not drop the changes its watchers never
// saw: etcd's watchableStore.Restore moves them to unsynced and syncs them from the
// restored store, or cancels them with the compact revision.

import { describe, expect, it } from 'vitest';
import type { Runtime } from '../../sim/process';
import type { WatchResponse } from '../types';
import { ERR_COMPACTED, MvccStore } from './mvcc';
import { WatchHub } from './watch-hub';

function hub(): { hub: WatchHub; sent: WatchResponse[] } {
  const sent: WatchResponse[] = [];
  const rt = { now: () => 0, send: (_dst: unknown, _kind: string, body: WatchResponse) => sent.push(body) } as unknown as Runtime;
  return { hub: new WatchHub(rt), sent };
}

const src = { host: 'master-1', port: 32379 };

describe('WatchHub after a snapshot restore', () => {
  it('sends the changes between the last published revision and the snapshot', () => {
    const local = new MvccStore();
    const { hub: h, sent } = hub();
    h.open(src, { type: 'watch', watchId: 1, key: '/registry/', rangeEnd: '/registry0', startRevision: 0 }, local);
    local.apply({ type: 'put', key: '/registry/a', value: '1' });
    h.publish(local);
    expect(sent.flatMap((r) => r.events.map((e) => e.kv.modRevision))).toEqual([2]);
    // The leader's store went on to revision 4; this member installs its snapshot.
    const leader = MvccStore.restore(local.sharedState());
    leader.apply({ type: 'put', key: '/registry/b', value: '1' });
    leader.apply({ type: 'put', key: '/registry/a', value: '2' });
    const restored = MvccStore.restore(leader.sharedState());
    h.restored(restored);
    h.publish(restored);
    expect(sent.flatMap((r) => r.events.map((e) => e.kv.modRevision))).toEqual([2, 3, 4]);
  });

  it('cancels a watcher whose missed revisions were compacted away', () => {
    const local = new MvccStore();
    const { hub: h, sent } = hub();
    h.open(src, { type: 'watch', watchId: 1, key: '/registry/', rangeEnd: '/registry0', startRevision: 0 }, local);
    const leader = new MvccStore();
    for (let i = 0; i < 4; i++) leader.apply({ type: 'put', key: '/registry/a', value: String(i) });
    leader.compact(4);
    h.restored(MvccStore.restore(leader.sharedState()));
    expect(sent.at(-1)).toMatchObject({ canceled: true, cancelReason: ERR_COMPACTED, compactRevision: 4 });
    expect(h.size).toBe(0);
  });
});
