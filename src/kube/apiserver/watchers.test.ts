// The cacher's rule for a watch opened ahead of its cache (a client that talked to an
// apiserver further along, or an etcd restored to an older revision): nothing up to
// that version is sent, and if the cache does not get there within 3 s the watch ends
// with 504 "Too large resource version", so the client's informer lists again.

import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { KubeWatchEvent } from '../api/wire';
import { status } from '../api/wire';
import type { Change } from './cache';
import { TOO_LARGE_WAIT_MS, Watchers, type Watcher } from './watchers';

const pod = (name: string, rv: number): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: String(rv) }, spec: { containers: [] } }) as unknown as KubeObject;
const added = (name: string, rev: number): Change => ({ rev, type: 'ADDED', resource: RESOURCES.pods, object: pod(name, rev) });

function setup(ahead: number) {
  const sent: KubeWatchEvent[] = [];
  const ws = new Watchers((_w, ev) => sent.push(ev));
  const w: Watcher = { dst: { host: 'worker-1', port: 10250 }, conn: undefined, watchId: 1, resource: 'pods', namespace: undefined, options: undefined, lastSent: 0, seq: 0, ahead: { rev: ahead, deadline: TOO_LARGE_WAIT_MS } };
  ws.add(w);
  const tooLarge = (x: Watcher) => ({ type: 'ERROR' as const, status: status('Timeout', `Too large resource version: ${x.ahead!.rev}`) });
  return { sent, ws, w, tooLarge };
}

describe('a watch ahead of the cache', () => {
  it('skips what the client has seen and goes on once the cache catches up', () => {
    const { sent, ws, w, tooLarge } = setup(12);
    ws.dispatch([added('a', 11), added('b', 12)], 100);
    ws.bookmarks(2000, 11, 1000); // behind the client: no bookmark
    ws.checkAhead(500, 12, tooLarge);
    expect(w.ahead).toBeUndefined();
    ws.dispatch([added('c', 13)], 600);
    expect(sent.map((e) => e.type === 'ADDED' ? e.object?.metadata.name : e.type)).toEqual(['c']);
  });

  it('ends with 504 Too large resource version when the cache is not there in 3 s', () => {
    const { sent, ws, tooLarge } = setup(200);
    ws.checkAhead(TOO_LARGE_WAIT_MS - 1, 112, tooLarge);
    expect(sent).toEqual([]);
    ws.checkAhead(TOO_LARGE_WAIT_MS, 112, tooLarge);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'ERROR', status: { code: 504, reason: 'Timeout', message: 'Too large resource version: 200' } });
    expect(ws.size).toBe(0);
  });
});

describe('bookmarks', () => {
  const watcher = (id: number, lastSent: number): Watcher => ({ dst: { host: 'worker-1', port: 10250 }, conn: undefined, watchId: id, resource: 'pods', namespace: undefined, options: undefined, lastSent, seq: 0 });

  it('go to each idle watcher every period, whatever the ticks in between, and to one added later', () => {
    const got: [number, number][] = [];
    let now = 0;
    const ws = new Watchers((w, ev) => {
      if (ev.type === 'BOOKMARK') got.push([w.watchId, now]);
    });
    ws.add(watcher(1, 0));
    ws.add(watcher(2, 0));
    for (now = 0; now <= 2500; now += 100) {
      if (now === 700) ws.dispatch([added('a', 5)], now); // both hear a change at 700
      if (now === 1100) ws.add(watcher(3, now));
      ws.bookmarks(now, 5, 1000);
    }
    expect(got).toEqual([
      [1, 1700],
      [2, 1700],
      [3, 2100],
    ]);
    // Every watcher gone, then a new one: it still gets its bookmark.
    ws.remove({ host: 'worker-1', port: 10250 }, undefined, 1);
    ws.remove({ host: 'worker-1', port: 10250 }, undefined, 2);
    ws.remove({ host: 'worker-1', port: 10250 }, undefined, 3);
    ws.bookmarks(3000, 5, 1000);
    ws.add(watcher(4, 3000));
    now = 4000;
    ws.bookmarks(now, 5, 1000);
    expect(got.at(-1)).toEqual([4, 4000]);
  });
});

describe('the fan-out of changes', () => {
  it('sends each change to the watchers of its resource in the order they opened, and none to a closed one', () => {
    const got: string[] = [];
    const ws = new Watchers((w, ev) => got.push(`${w.watchId}:${ev.type}:${ev.object?.metadata.name}:${ev.seq}`));
    const watcher = (watchId: number, resource: Watcher['resource']): Watcher => ({ dst: { host: 'worker-1', port: 10250 }, conn: 7, watchId, resource, namespace: undefined, options: undefined, lastSent: 0, seq: 0 });
    for (const [id, r] of [[1, 'pods'], [2, 'nodes'], [3, 'pods'], [4, 'pods']] as const) ws.add(watcher(id, r));
    const node: Change = { rev: 3, type: 'ADDED', resource: RESOURCES.nodes, object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', resourceVersion: '3' }, spec: {} } as unknown as KubeObject };
    ws.dispatch([added('a', 1), added('b', 2)], 10);
    ws.remove({ host: 'worker-1', port: 10250 }, 7, 3);
    ws.dispatch([added('c', 4), node], 20); // two resources in one batch
    ws.add(watcher(5, 'pods'));
    ws.dispatch([added('d', 5)], 30);
    expect(got).toEqual([
      '1:ADDED:a:1', '1:ADDED:b:2', '3:ADDED:a:1', '3:ADDED:b:2', '4:ADDED:a:1', '4:ADDED:b:2',
      '1:ADDED:c:3', '2:ADDED:n:1', '4:ADDED:c:3',
      '1:ADDED:d:4', '4:ADDED:d:4', '5:ADDED:d:1',
    ]);
  });
});

describe('the fan-out by node (the cacher\'s spec.nodeName trigger)', () => {
  const onNode = (name: string, rev: number, node?: string): KubeObject => ({ ...pod(name, rev), spec: { containers: [], ...(node !== undefined ? { nodeName: node } : {}) } }) as unknown as KubeObject;
  const w = (id: number, nodeName?: string, labelSelector?: Record<string, string>): Watcher => ({ dst: { host: `h${id}`, port: 10250 }, conn: undefined, watchId: id, resource: 'pods', namespace: undefined, options: nodeName !== undefined || labelSelector ? { ...(nodeName !== undefined ? { nodeName } : {}), ...(labelSelector ? { labelSelector } : {}) } : undefined, lastSent: 0, seq: 0 });

  it('gives each watcher what matching every watcher gives, in the order they were opened', () => {
    const sent: string[] = [];
    const ws = new Watchers((x, ev) => sent.push(`${x.watchId}:${ev.type}:${ev.type === 'BOOKMARK' ? '' : ev.object?.metadata.name}`));
    // Kubelets of nodes a, b, c (two watches on b), the scheduler-like watch of all pods
    // in between, one of unbound pods (nodeName ""), one with a label selector.
    [w(1, 'a'), w(2), w(3, 'b'), w(4, ''), w(5, 'b'), w(6, 'c'), w(7, undefined, { app: 'x' })].forEach((x) => ws.add(x));
    const p0 = onNode('p', 10, '');
    const p1 = onNode('p', 11, 'b');
    const p2 = onNode('p', 12, 'a');
    ws.dispatch([{ rev: 10, type: 'ADDED', resource: RESOURCES.pods, object: p0 }], 1);
    ws.dispatch(
      [
        { rev: 11, type: 'MODIFIED', resource: RESOURCES.pods, object: p1, prev: p0 },
        { rev: 12, type: 'MODIFIED', resource: RESOURCES.pods, object: p2, prev: p1 },
        { rev: 13, type: 'ADDED', resource: RESOURCES.pods, object: onNode('q', 13) },
      ],
      2,
    );
    ws.dispatch([{ rev: 14, type: 'DELETED', resource: RESOURCES.pods, object: onNode('p', 14, 'a'), prev: p2 }], 3);
    expect(sent).toEqual([
      '2:ADDED:p', '4:ADDED:p',
      '1:ADDED:p', '2:MODIFIED:p', '2:MODIFIED:p', '2:ADDED:q', '3:ADDED:p', '3:DELETED:p', '4:DELETED:p', '5:ADDED:p', '5:DELETED:p',
      '1:DELETED:p', '2:DELETED:p',
    ]);
  });
});

describe('connections for the HTTP/2 ping', () => {
  it('knows a connection a watch was opened on in this life, and forgets it when the balancer closes it', () => {
    const ws = new Watchers(() => {});
    const lb = { host: 'lb', port: 6443 };
    const w: Watcher = { dst: lb, conn: 7, watchId: 1, resource: 'pods', namespace: undefined, options: undefined, lastSent: 0, seq: 0 };
    expect(ws.knows(lb, 7)).toBe(false);
    ws.add(w);
    expect(ws.knows(lb, 7)).toBe(true);
    expect(ws.knows(lb, 8)).toBe(false);
    expect(ws.knows({ host: 'master-1', port: 10259 }, undefined)).toBe(false);
    ws.dropConnection(lb, 7);
    expect(ws.knows(lb, 7)).toBe(false);
    // A restarted apiserver starts with no connections: every old one is reset.
    expect(new Watchers(() => {}).knows(lb, 7)).toBe(false);
  });
});
