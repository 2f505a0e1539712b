// The watch cache trusts the values an apiserver encoded itself (cache.ts noteWritten):
// it skips the type check and validation that are there for values written around the
// apiserver. Sound only if every value an apiserver writes passes them: a live cluster
// with every kind of writer (controllers, scheduler, kubelets, kubectl, Events, Leases)
// runs with the checks forced back on, and none may refuse a written value. The cache
// also shares the object an apiserver wrote instead of parsing its text: with the checks
// on, each such object is compared with the parse (the same keys, order and values), and
// a run with those objects frozen shows that no component mutates one. The trace must
// not depend on either shortcut.

import { afterEach, describe, expect, it } from 'vitest';
import { etcdctl, kubeCluster, kubectl, output } from '../../host/testing/cluster';
import type { InProcessCluster } from '../../host/in-process';
import { forgetDecoded, writtenCheck } from './cache';

const SCENARIO = `name: written-values
seed: 3
until: 1h
topology: { etcd: stacked, masters: 3, workers: 3 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 4, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27", resources: { requests: { cpu: 100m, memory: 64Mi } } } ] } } } }
  - { apiVersion: v1, kind: Service, metadata: { name: web }, spec: { selector: { app: web }, ports: [ { port: 80, targetPort: 80 } ] } }
  - { apiVersion: v1, kind: ConfigMap, metadata: { name: settings }, data: { a: "1" } }
`;

/** The run's trace as text, with some console traffic that writes in other ways. */
/** The same keys in the same order with the same values, all the way down (what
 * JSON.stringify cannot tell apart, an own key holding undefined, is refused by
 * jsonFaithful before this runs). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

function run(verify: boolean, freeze = false): { trace: string; c: InProcessCluster } {
  writtenCheck.verify = verify;
  writtenCheck.same = sameJson;
  writtenCheck.freeze = freeze ? deepFreeze : undefined;
  writtenCheck.checked = 0;
  writtenCheck.shared = 0;
  writtenCheck.refused.length = 0;
  writtenCheck.unfaithful.length = 0;
  forgetDecoded();
  const c = kubeCluster(SCENARIO);
  c.runUntil(20_000);
  expect(output(kubectl(c, 'kubectl scale deployment web --replicas=2'))).toBe('deployment.apps/web scaled');
  expect(output(kubectl(c, 'kubectl cordon worker-1'))).toBe('node/worker-1 cordoned');
  expect(output(kubectl(c, 'kubectl create job once --image=busybox -- sh -c "sleep 2; exit 0"'))).toBe('job.batch/once created');
  expect(output(kubectl(c, 'kubectl apply -f -', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, labels: {tier: gold}}\ndata: {a: "2"}\n'))).toBe('configmap/settings configured');
  c.runUntil(c.sim.now + 15_000);
  expect(output(kubectl(c, 'kubectl delete configmap settings'))).toBe('configmap "settings" deleted');
  c.runUntil(c.sim.now + 5_000);
  return { trace: c.sim.trace.map((e) => JSON.stringify(e)).join('\n'), c };
}

describe('values an apiserver wrote', () => {
  afterEach(() => {
    writtenCheck.verify = false;
    writtenCheck.same = undefined;
    writtenCheck.freeze = undefined;
  });

  it('all pass the checks the watch cache skips for them, and the trace is the same with the checks on', () => {
    const checked = run(true);
    expect(writtenCheck.refused).toEqual([]);
    // Every kind of write the watch caches decode (Events have no cache) went through
    // the checked path: hundreds of values.
    expect(writtenCheck.checked).toBeGreaterThan(200);
    const trusted = run(false);
    expect(writtenCheck.checked).toBe(0);
    expect(trusted.trace).toBe(checked.trace);
  });

  it('are shared rather than parsed, are what their text parses to, and nothing mutates them', () => {
    const checked = run(true);
    expect(writtenCheck.unfaithful).toEqual([]);
    const shared = run(false);
    expect(writtenCheck.shared).toBeGreaterThan(200);
    const frozen = run(false, true);
    expect(frozen.trace).not.toContain('process.crash');
    expect(frozen.trace).toBe(checked.trace);
    expect(shared.trace).toBe(checked.trace);
  });

  it('a value put straight into etcd at a key the apiserver wrote is still checked and skipped', () => {
    const { c } = run(false);
    expect(output(kubectl(c, 'kubectl create configmap other --from-literal=b=2'))).toBe('configmap/other created');
    c.runUntil(c.sim.now + 2_000);
    const bad = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other', namespace: 'default' }, data: { b: 2 } });
    expect(output(etcdctl(c, `etcdctl put /registry/configmaps/default/other '${bad}'`))).toBe('OK');
    c.runUntil(c.sim.now + 2_000);
    // The type error (data values are strings) made the cache drop it: informer lists
    // come from the cache, as `kubectl get` with resourceVersion 0 would.
    expect(output(kubectl(c, 'kubectl get configmaps'))).not.toMatch(/\nother\s/);
  });
});
