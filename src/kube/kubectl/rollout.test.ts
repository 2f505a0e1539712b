// kubectl rollout against a live cluster (classroom profile, one master, two workers):
// restart rolls the pods over to a new ReplicaSet, status waits for it in kubectl's
// lines, history lists the revisions, undo rolls back and the old ReplicaSet takes the
// next revision, as the real Deployment controller numbers it.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';
import { deploymentStatus } from './rollout';
import type { Deployment } from '../api/types';

const web = (c: InProcessCluster) => [...pods(c)].filter(([n, p]) => n.startsWith('web-') && p.status === 'Running').map(([n]) => n);

describe('kubectl rollout', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: rollout\nseed: 2\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
    expect(output(kubectl(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3'))).toBe('deployment.apps/web created');
    expect(runUntilTrue(c, () => web(c).length === 3, 60_000)).toBe(true);
  });

  it('status of a finished rollout; history with one revision; undo with nothing to go back to', () => {
    expect(output(kubectl(c, 'kubectl rollout status deployment/web'))).toBe('deployment "web" successfully rolled out');
    expect(output(kubectl(c, 'kubectl rollout history deploy web'))).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>');
    expect(output(kubectl(c, 'kubectl rollout undo deployment/web'))).toBe('error: no rollout history found for deployment "web"');
    expect(output(kubectl(c, 'kubectl rollout undo deployment/web --to-revision=7'))).toBe('error: unable to find specified revision 7 in history');
  });

  it('restart: new pods under a new ReplicaSet; status waits and prints each state; history 1, 2', () => {
    const before = web(c);
    expect(output(kubectl(c, 'kubectl rollout restart deployment/web'))).toBe('deployment.apps/web restarted');
    const lines = output(kubectl(c, 'kubectl rollout status deployment/web', undefined, 120_000)).split('\n');
    expect(lines.at(-1)).toBe('deployment "web" successfully rolled out');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(0, -1)) expect(l).toMatch(/^(Waiting for deployment spec update to be observed\.\.\.|Waiting for deployment "web" rollout to finish: (\d+ out of 3 new replicas have been updated|\d+ old replicas are pending termination|\d+ of 3 updated replicas are available)\.\.\.)$/);
    expect(runUntilTrue(c, () => web(c).length === 3 && web(c).every((n) => !before.includes(n)), 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl rollout history deployment/web'))).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>');
    expect(output(kubectl(c, 'kubectl get deploy web -o yaml'))).toMatch(/kubectl\.kubernetes\.io\/restartedAt: "?2026-/);
  });

  it('undo: back to revision 1\'s template, which becomes revision 3', () => {
    const hashes = () => new Set(web(c).map((n) => n.split('-')[1]));
    const restarted = [...hashes()];
    expect(output(kubectl(c, 'kubectl rollout undo deployment/web'))).toBe('deployment.apps/web rolled back');
    expect(runUntilTrue(c, () => web(c).length === 3 && hashes().size === 1 && !hashes().has(restarted[0]!), 120_000)).toBe(true);
    expect(runUntilTrue(c, () => output(kubectl(c, 'kubectl rollout history deployment/web')).endsWith('2         <none>\n3         <none>'), 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get deploy web -o yaml'))).not.toMatch(/restartedAt/);
    expect(output(kubectl(c, 'kubectl rollout undo deployment/web --to-revision=3'))).toBe('deployment.apps/web skipped rollback (current template already matches revision 3)');
  });

  it('refusals in kubectl\'s words', () => {
    expect(output(kubectl(c, 'kubectl rollout status'))).toBe('error: required resource not specified\nSee \'kubectl rollout status -h\' for help and examples');
    expect(output(kubectl(c, 'kubectl rollout status deployment/nope'))).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(output(kubectl(c, 'kubectl rollout sideways deployment/web'))).toMatch(/^error: unknown command "sideways" for "kubectl rollout"/);
    expect(output(kubectl(c, 'kubectl rollout status pod/web'))).toMatch(/^error: no status viewer has been implemented for Pod/);
  });

  it('the status viewer\'s lines, from the Deployment alone', () => {
    const d = (status: Deployment['status'], generation = 2): Deployment => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', generation }, spec: { replicas: 3, selector: { matchLabels: {} }, template: { spec: { containers: [] } } }, status } as unknown as Deployment);
    expect(deploymentStatus(d({ observedGeneration: 1 }))).toEqual({ line: 'Waiting for deployment spec update to be observed...', done: false });
    expect(deploymentStatus(d({ observedGeneration: 2, updatedReplicas: 1, replicas: 4 }))).toEqual({ line: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...', done: false });
    expect(deploymentStatus(d({ observedGeneration: 2, updatedReplicas: 3, replicas: 4, availableReplicas: 3 }))).toEqual({ line: 'Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...', done: false });
    expect(deploymentStatus(d({ observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 }))).toEqual({ line: 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...', done: false });
    expect(deploymentStatus(d({ observedGeneration: 2, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] } as Deployment['status']))).toEqual({ error: 'error: deployment "web" exceeded its progress deadline' });
  });
});
