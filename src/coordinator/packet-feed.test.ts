import { describe, expect, it } from 'vitest';
import { MAX_DOTS_PER_LINK } from '../protocol/frames';
import { PacketFeed } from './packet-feed';

const sent = (id: number, from: string, to: string, kind = 'raft.MsgApp') => ({ id, src: { host: from }, dst: { host: to }, kind, sentAt: id, deliverAt: id + 5 });
const view = (id: number, from: string, to: string, kind = 'raft.MsgApp') => ({ id, from, to, kind, sentAt: id, deliverAt: id + 5 });

describe('PacketFeed', () => {
  it('carries the first MAX_DOTS_PER_LINK delivered packets per link and kind, and every packet in flight', () => {
    const feed = new PacketFeed();
    for (let id = 1; id <= 10; id++) feed.noteSent(sent(id, 'master-1', 'master-2'));
    for (let id = 11; id <= 15; id++) feed.noteSent(sent(id, 'master-1', 'master-2', 'raft.MsgHeartbeat'));
    feed.noteSent(sent(16, 'master-2', 'master-1'));
    // 9 and 10 are still in flight: carried whatever the cap.
    const ids = feed.take([view(9, 'master-1', 'master-2'), view(10, 'master-1', 'master-2')]).map((p) => p.id);
    expect(MAX_DOTS_PER_LINK).toBe(3);
    expect(ids).toEqual([1, 2, 3, 9, 10, 11, 12, 13, 16]);
    // Taken: the next frame starts afresh.
    expect(feed.take([])).toEqual([]);
  });

  it('carries every packet when asked (tests that count them)', () => {
    const feed = new PacketFeed();
    for (let id = 1; id <= 10; id++) feed.noteSent(sent(id, 'worker-1', 'lb', 'kube.request'));
    expect(feed.take([], Infinity).map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
