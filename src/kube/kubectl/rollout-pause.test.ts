// kubectl rollout pause / resume and kubectl set image against a live cluster (classroom
// profile, one master, two workers): paused, a new image makes no new ReplicaSet and no
// pod changes, the Deployment says DeploymentPaused, undo and restart refuse in kubectl's
// words; resumed, the controller rolls the pods over to the image set while paused.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';

const running = (c: InProcessCluster) => [...pods(c)].filter(([n, p]) => n.startsWith('web-') && p.status === 'Running').map(([n]) => n);
const replicaSets = (c: InProcessCluster) => output(kubectl(c, 'kubectl get rs -o name')).split('\n').filter((l) => l.startsWith('replicaset.apps/web-'));
const progressing = (c: InProcessCluster) => /type: Progressing[\s\S]*?reason: (\w+)|reason: (\w+)\n\s+status: "?\w+"?\n\s+type: Progressing/.exec(output(kubectl(c, 'kubectl get deploy web -o yaml')));
const reasonOf = (c: InProcessCluster) => {
  const m = progressing(c);
  return m?.[1] ?? m?.[2];
};

describe('kubectl rollout pause / resume, kubectl set image', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: pause\nseed: 3\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
    expect(output(kubectl(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3'))).toBe('deployment.apps/web created');
    expect(runUntilTrue(c, () => running(c).length === 3, 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl rollout status deployment/web'))).toBe('deployment "web" successfully rolled out');
  });

  it('paused: a new image makes no new ReplicaSet and moves no pod; restart and undo refuse; status waits', () => {
    const before = running(c);
    expect(output(kubectl(c, 'kubectl rollout pause deployment/web'))).toBe('deployment.apps/web paused');
    expect(output(kubectl(c, 'kubectl rollout pause deployment/web'))).toBe('error: deployments.apps "web" is already paused');
    expect(runUntilTrue(c, () => reasonOf(c) === 'DeploymentPaused', 10_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl set image deployment/web nginx=nginx:1.28'))).toBe('deployment.apps/web image updated');
    c.runUntil(c.sim.now + 20_000);
    expect(replicaSets(c)).toHaveLength(1);
    expect(running(c).sort()).toEqual(before.sort());
    expect(output(kubectl(c, 'kubectl rollout history deployment/web'))).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>');
    expect(output(kubectl(c, 'kubectl rollout restart deployment/web'))).toBe('error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)');
    expect(output(kubectl(c, 'kubectl rollout undo deployment/web'))).toBe("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
    // The status viewer waits, as kubectl does, on the updated count.
    expect(output(kubectl(c, 'kubectl get deploy web'))).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+0\s+3\s/);
  });

  it('resumed: the pods roll over to the image set while paused, revision 2', () => {
    const before = running(c);
    expect(output(kubectl(c, 'kubectl rollout resume deployment/web'))).toBe('deployment.apps/web resumed');
    expect(output(kubectl(c, 'kubectl rollout resume deployment/web'))).toBe('error: deployments.apps "web" is not paused');
    expect(output(kubectl(c, 'kubectl rollout status deployment/web', undefined, 120_000)).split('\n').at(-1)).toBe('deployment "web" successfully rolled out');
    expect(runUntilTrue(c, () => running(c).length === 3 && running(c).every((n) => !before.includes(n)), 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get deploy web -o yaml'))).toMatch(/image: nginx:1\.28/);
    expect(output(kubectl(c, 'kubectl rollout history deployment/web'))).toBe('deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>');
    expect(reasonOf(c)).toBe('NewReplicaSetAvailable');
  });

  it('set image: the same image again changes nothing and prints nothing; refusals in kubectl\'s words', () => {
    const r = kubectl(c, 'kubectl set image deployment/web nginx=nginx:1.28');
    expect(r).toEqual({ ok: true, output: '' });
    expect(output(kubectl(c, 'kubectl set image deployment/web nope=nginx:1.29'))).toBe('error: unable to find container named "nope"');
    expect(output(kubectl(c, 'kubectl set image deployment/web'))).toBe('error: at least one image update is required');
    expect(output(kubectl(c, 'kubectl set image nginx=nginx:1.29'))).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>');
    expect(output(kubectl(c, 'kubectl set image deployment/nope nginx=nginx:1.29'))).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(output(kubectl(c, 'kubectl set env deployment/web A=1'))).toMatch(/^error: "kubectl set env" is not available in this console/);
    expect(output(kubectl(c, 'kubectl rollout pause pod/web'))).toMatch(/pausing is not supported$/);
  });
});
