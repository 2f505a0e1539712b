// The first failure students meet, end to end (classroom profile, one master, two
// workers): a mistyped image name gives ErrImagePull, then ImagePullBackOff, with the
// kubelet's events as containerd 1.7 and a v1.31 kubelet word them; fixing the image in
// the Deployment rolls out a pod that runs. A mistyped tag is "not found".

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import { eventsOf, kubeCluster, kubectl, output, runUntilTrue } from '../host/testing/cluster';

const fixed = `apiVersion: apps/v1
kind: Deployment
metadata: { name: typo, labels: { app: typo } }
spec:
  replicas: 1
  selector: { matchLabels: { app: typo } }
  template:
    metadata: { labels: { app: typo } }
    spec:
      containers: [ { name: ngnix, image: "nginx:1.27" } ]
`;

/** `kubectl get pods` lines of the Deployment's pods. */
const typoLines = (c: InProcessCluster) => output(kubectl(c, 'kubectl get pods')).split('\n').filter((l) => l.startsWith('typo-'));

describe('an image that does not pull', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: img\nseed: 11\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
  });

  it('a mistyped name: ErrImagePull, then ImagePullBackOff, READY 0/1, phase Pending, with the real events', () => {
    expect(output(kubectl(c, 'kubectl create deployment typo --image=ngnix'))).toBe('deployment.apps/typo created');
    const seen = new Set<string>();
    const both = runUntilTrue(c, () => {
      for (const line of typoLines(c)) {
        const m = /^typo-\S+\s+(\S+)\s+(\S+)\s+(\d+)\s/.exec(line);
        if (!m) continue;
        seen.add(m[2]!);
        if (m[2] === 'ErrImagePull' || m[2] === 'ImagePullBackOff') {
          expect(m[1]).toBe('0/1');
          expect(m[3]).toBe('0');
        }
      }
      return seen.has('ErrImagePull') && seen.has('ImagePullBackOff');
    }, 90_000);
    expect(both, [...seen].join(',')).toBe(true);
    expect([...seen].every((s) => ['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff'].includes(s)), [...seen].join(',')).toBe(true);

    // Retries back off and are counted into the same events.
    expect(runUntilTrue(c, () => /Normal\s+Pulling\s+\S+ \(x[3-9] over \S+\)\s+kubelet\s+Pulling image "ngnix"/.test(output(kubectl(c, 'kubectl describe pods -l app=typo'))), 120_000)).toBe(true);
    const d = output(kubectl(c, 'kubectl describe pods -l app=typo'));
    expect(d).toMatch(/\nStatus:\s+Pending\n/);
    expect(d).toMatch(/State:\s+Waiting\n\s+Reason:\s+(ErrImagePull|ImagePullBackOff)\n/);
    expect(d).toMatch(/Ready:\s+False\n\s+Restart Count:\s+0\n/);
    expect(d).toMatch(/Warning\s+Failed\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Failed to pull image "ngnix": failed to pull and unpack image "docker\.io\/library\/ngnix:latest": failed to resolve reference "docker\.io\/library\/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed\n/);
    expect(d).toMatch(/Warning\s+Failed\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Error: ErrImagePull\n/);
    expect(d).toMatch(/Normal\s+BackOff\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Back-off pulling image "ngnix"\n/);
    expect(d).toMatch(/Warning\s+Failed\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Error: ImagePullBackOff\n/);
    expect(d).not.toMatch(/\bStarted\b|Killing/);

    // The container's waiting message: the CRI error, or the back-off.
    const json = JSON.parse(output(kubectl(c, 'kubectl get pods -l app=typo -o json'))) as { items: { status: { phase: string; containerStatuses: { state: { waiting?: { reason: string; message: string } } }[] } }[] };
    const pod = json.items[0]!;
    expect(pod.status.phase).toBe('Pending');
    const waiting = pod.status.containerStatuses[0]!.state.waiting!;
    if (waiting.reason === 'ImagePullBackOff') expect(waiting.message).toBe('Back-off pulling image "ngnix"');
    else expect(waiting.message).toMatch(/^failed to pull and unpack image "docker\.io\/library\/ngnix:latest": .*pull access denied/);
  });

  it('applying the fixed image rolls out a new pod that runs; the broken one goes', () => {
    const broken = typoLines(c).map((l) => l.split(/\s+/)[0]!);
    expect(broken).toHaveLength(1);
    expect(output(kubectl(c, 'kubectl apply -f -', fixed))).toMatch(/deployment\.apps\/typo configured$/);
    expect(runUntilTrue(c, () => {
      const lines = typoLines(c);
      return lines.length === 1 && /\s1\/1\s+Running\s+0\s/.test(lines[0]!) && !lines[0]!.startsWith(`${broken[0]} `);
    }, 90_000)).toBe(true);
    expect(runUntilTrue(c, () => /Replicas:\s+1 desired \| 1 updated \| 1 total \| 1 available \| 0 unavailable/.test(output(kubectl(c, 'kubectl describe deployment typo'))), 10_000)).toBe(true);
  });

  it('a mistyped tag is "not found", with its gRPC code', () => {
    expect(output(kubectl(c, 'kubectl run tag --image=nginx:doesnotexist'))).toBe('pod/tag created');
    expect(runUntilTrue(c, () => /\ntag\s+0\/1\s+ImagePullBackOff\s+0\s/.test(output(kubectl(c, 'kubectl get pods'))), 30_000)).toBe(true);
    expect(runUntilTrue(c, () => /Warning\s+Failed\s+\S+( \(x\d+ over \S+\))?\s+kubelet\s+Failed to pull image "nginx:doesnotexist": rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:doesnotexist": failed to resolve reference "docker\.io\/library\/nginx:doesnotexist": docker\.io\/library\/nginx:doesnotexist: not found\n/.test(output(kubectl(c, 'kubectl describe pod tag'))), 10_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl delete pod tag'))).toBe('pod "tag" deleted');
    expect(runUntilTrue(c, () => !/\ntag\s/.test(output(kubectl(c, 'kubectl get pods'))), 30_000)).toBe(true);
    // Its container was never created: nothing to kill.
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'pod/default/tag' && e.reason === 'Killing')).toHaveLength(0);
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'pod/default/tag' && e.reason === 'BackOff').length).toBeGreaterThan(0);
  });
});
