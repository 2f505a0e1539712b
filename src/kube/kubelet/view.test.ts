// The kubelet's view is kept between calls (the page's view history compares every
// view with the last one's at each moment, and stops at an identical object): it must
// be the same object while nothing it shows changed, and always equal to the view made
// afresh, through containers that crash, restart and back off.

import { describe, expect, it } from 'vitest';
import { kubeCluster, kubectl, output } from '../../host/testing/cluster';
import type { Kubelet } from './kubelet';

const crashing = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  nodeName: worker-1
  containers:
  - name: c
    image: busybox
    command: ["sh", "-c", "sleep 2; exit 1"]
`;

/** The kubelet's view made afresh: its memo dropped first. */
function fresh(k: Kubelet): unknown {
  const memo = k as unknown as { lastView: unknown; podViews: WeakMap<object, unknown> };
  const [lastView, podViews] = [memo.lastView, memo.podViews];
  memo.lastView = undefined;
  (memo as { podViews: unknown }).podViews = new WeakMap();
  const v = k.view();
  memo.lastView = lastView;
  (memo as { podViews: unknown }).podViews = podViews;
  return v;
}

describe('kubelet view', () => {
  it('is the same object while unchanged, and equal to one made afresh as containers crash and restart', () => {
    const c = kubeCluster('name: v\nseed: 3\nuntil: 1h\ntopology: { masters: 1, workers: 1 }\n');
    c.runUntil(15_000);
    const kubelet = (): Kubelet => {
      const m = c.driver.machine('worker-1')!;
      return (m as unknown as { processes: { name: string }[] }).processes.find((p) => p.name === 'kubelet') as unknown as Kubelet;
    };
    const quiet = kubelet().view();
    c.runUntil(16_000);
    expect(kubelet().view()).toBe(quiet);
    expect(output(kubectl(c, 'kubectl apply -f -', crashing))).toContain('pod/crash created');
    let changes = 0;
    let restarts = 0;
    let last = kubelet().view();
    // Every 5 ms: a container changes a few ms before the pod object that says so arrives.
    for (let t = c.sim.now, end = t + 40_000; t < end; t += 5) {
      c.runUntil(t);
      const v = kubelet().view();
      expect(v).toEqual(fresh(kubelet()));
      if (v !== last) changes++;
      last = v;
      restarts = Math.max(restarts, ...v.pods.flatMap((p) => p.containers.map((x) => x.restarts)));
    }
    expect(restarts).toBeGreaterThan(1);
    expect(changes).toBeGreaterThan(4);
  });
});
