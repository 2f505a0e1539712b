// The trigger index must change nothing but the work: every watcher hears exactly what
// it heard when the fan-out visited every watcher of the resource, in the same order.

import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../api/resources';
import type { KubeObject } from '../api/types';
import { Rng } from '../../sim/rng';
import type { Change } from './cache';
import { eventFor, Watchers, type Watcher } from './watchers';
import { indexWatchers, watchersFor } from './watcher-index';

const NODES = ['w-1', 'w-2', 'w-3', 'w-4'];

const pod = (name: string, ns: string, node: string | undefined, app: string, rv: number): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, labels: { app }, resourceVersion: String(rv) }, spec: { containers: [], ...(node ? { nodeName: node } : {}) } }) as unknown as KubeObject;

function watcher(rng: Rng, id: number): Watcher {
  const node = rng.int(0, 3) > 0 ? NODES[rng.int(0, NODES.length)] : undefined;
  const labelled = rng.int(0, 4) === 0;
  const options = node !== undefined || labelled ? { ...(node !== undefined ? { nodeName: node } : {}), ...(labelled ? { labelSelector: { app: 'a' } } : {}) } : undefined;
  return { dst: { host: `h-${id}`, port: 10250 }, conn: undefined, watchId: id, resource: rng.int(0, 8) === 0 ? 'services' : 'pods', namespace: rng.int(0, 4) === 0 ? 'kube-system' : undefined, options, lastSent: 0, seq: 0 };
}

function changes(rng: Rng, rev: number): Change[] {
  const out: Change[] = [];
  for (let i = rng.int(1, 4); i > 0; i--, rev++) {
    const name = `p-${rng.int(0, 6)}`;
    const ns = rng.int(0, 3) === 0 ? 'kube-system' : 'default';
    const node = () => (rng.int(0, 3) === 0 ? undefined : NODES[rng.int(0, NODES.length)]);
    const app = rng.int(0, 2) === 0 ? 'a' : 'b';
    const type = (['ADDED', 'MODIFIED', 'DELETED'] as const)[rng.int(0, 3)]!;
    const object = pod(name, ns, node(), app, rev);
    out.push(type === 'ADDED' ? { rev, type, resource: RESOURCES.pods, object } : { rev, type, resource: RESOURCES.pods, object, prev: pod(name, ns, type === 'DELETED' ? (object as { spec: { nodeName?: string } }).spec.nodeName : node(), app, rev - 1) });
  }
  return out;
}

describe('the watchers of a pod change', () => {
  it('hear what visiting every watcher gave, in the same order (300 random fan-outs)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rng = new Rng(seed);
      const ws: Watcher[] = [];
      for (let i = 0; i < rng.int(1, 12); i++) ws.push(watcher(rng, i + 1));
      const got: string[] = [];
      const fanout = new Watchers((w, ev) => got.push(`${w.watchId} ${ev.type} ${ev.object?.metadata.name}@${ev.object?.metadata.resourceVersion}`));
      for (const w of ws) fanout.add({ ...w });
      const want: string[] = [];
      for (let round = 0; round < 4; round++) {
        const batch = changes(rng, 10 * round + 10);
        fanout.dispatch(batch, round);
        for (const w of ws) for (const c of batch) {
          const ev = eventFor(w, c);
          if (ev) want.push(`${w.watchId} ${ev.type} ${ev.object.metadata.name}@${ev.object.metadata.resourceVersion}`);
        }
      }
      expect(got, `seed ${seed}`).toEqual(want);
    }
  });

  it("are the change's nodes' watchers and the unfiltered ones, not every kubelet's", () => {
    const kubelets: Watcher[] = NODES.map((n, i) => ({ dst: { host: n, port: 10250 }, conn: undefined, watchId: i + 1, resource: 'pods', namespace: undefined, options: { nodeName: n }, lastSent: 0, seq: 0 }));
    const scheduler: Watcher = { dst: { host: 'm-1', port: 10259 }, conn: undefined, watchId: 9, resource: 'pods', namespace: undefined, options: undefined, lastSent: 0, seq: 0 };
    const index = indexWatchers([kubelets[0]!, scheduler, ...kubelets.slice(1)]);
    const bind: Change = { rev: 5, type: 'MODIFIED', resource: RESOURCES.pods, object: pod('p', 'default', 'w-3', 'a', 5), prev: pod('p', 'default', undefined, 'a', 4) };
    expect(watchersFor(index, [bind])).toEqual([scheduler, kubelets[2]]);
    const created: Change = { rev: 6, type: 'ADDED', resource: RESOURCES.pods, object: pod('q', 'default', undefined, 'a', 6) };
    expect(watchersFor(index, [created])).toEqual([scheduler]);
    expect(watchersFor(index, [bind, created, { ...bind, rev: 7, object: pod('p', 'default', 'w-1', 'a', 7) }])).toEqual([kubelets[0], scheduler, kubelets[2]]);
  });
});

