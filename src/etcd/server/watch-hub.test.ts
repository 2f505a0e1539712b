import { describe, expect, it } from 'vitest';
import type { Endpoint } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import type { WatchResponse } from '../types';
import { ERR_COMPACTED, MvccStore } from './mvcc';
import { WatchHub } from './watch-hub';

/** A hub whose sends are collected: only now() and send() are used. */
function hub() {
  const sent: WatchResponse[] = [];
  const rt = { host: 'master-2', now: () => 0, send: (_dst: Endpoint, _kind: string, body: unknown) => void sent.push(body as WatchResponse) } as unknown as Runtime;
  return { hub: new WatchHub(rt), sent };
}

const put = (s: MvccStore, key: string) => s.apply({ type: 'put', key, value: 'v' });
const keysOf = (sent: readonly WatchResponse[]) => sent.flatMap((r) => r.events.map((e) => e.kv.key));

describe('WatchHub after a snapshot replaced the store', () => {
  it('sends a watcher the changes it missed between its last event and the snapshot, then the newer ones', () => {
    const { hub: h, sent } = hub();
    const follower = new MvccStore();
    h.open({ host: 'master-2', port: 6443 }, { type: 'watch', watchId: 1, key: '/registry/', rangeEnd: '/registry0' }, follower);
    put(follower, '/registry/pods/default/a');
    h.publish(follower);
    // The leader went on without this follower; it sends its snapshot instead of the entries.
    const leader = MvccStore.restore(follower.state());
    put(leader, '/registry/pods/default/b');
    put(leader, '/registry/pods/default/c');
    const restored = MvccStore.restore(leader.sharedState());
    h.restored(restored);
    put(restored, '/registry/pods/default/d');
    h.publish(restored);
    expect(keysOf(sent)).toEqual(['/registry/pods/default/a', '/registry/pods/default/b', '/registry/pods/default/c', '/registry/pods/default/d']);
    expect(sent.every((r) => !r.canceled)).toBe(true);
  });

  it('cancels a watcher with the compact revision when what it missed was compacted away', () => {
    const { hub: h, sent } = hub();
    const follower = new MvccStore();
    h.open({ host: 'master-2', port: 6443 }, { type: 'watch', watchId: 7, key: '/registry/', rangeEnd: '/registry0' }, follower);
    const leader = MvccStore.restore(follower.state());
    put(leader, '/registry/a');
    put(leader, '/registry/b');
    leader.compact(leader.rev);
    const restored = MvccStore.restore(leader.state());
    h.restored(restored);
    h.publish(restored);
    expect(sent).toEqual([expect.objectContaining({ watchId: 7, canceled: true, cancelReason: ERR_COMPACTED, compactRevision: leader.rev })]);
    expect(h.size).toBe(0);
  });
});
