// `etcdctl snapshot save | status | restore` as a learner types them: a backup taken from
// one member, the cluster changed, then restored to the backup (a new cluster at the
// saved revision); and the refusals etcdctl gives.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../check';
import type { EtcdMemberView } from '../../protocol/frames';
import { etcdctl, eventsOf, kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';
import type { InProcessCluster } from '../../host/in-process';

const etcdOnly = (seed = 11) => kubeCluster(`name: r\nseed: ${seed}\nuntil: 10m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n`);

const member = (c: InProcessCluster, machine: string) => c.views().get(machine)?.processes['etcd'] as EtcdMemberView | undefined;
const leader = (c: InProcessCluster) => ['master-1', 'master-2', 'master-3'].find((m) => member(c, m)?.role === 'leader');

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [ { name: nginx, image: "nginx:1.27" } ]
`;

describe('etcdctl snapshot', () => {
  it('save takes one member\'s keyspace to a file; restore brings the cluster back to it', () => {
    const c = etcdOnly();
    c.runUntil(3000);
    expect(output(etcdctl(c, 'etcdctl put colour blue'))).toBe('OK');
    expect(output(etcdctl(c, 'etcdctl put size small'))).toBe('OK');

    // One endpoint only, as etcdctl insists.
    expect(output(etcdctl(c, 'etcdctl snapshot save snap.db'))).toMatch(/^Error: snapshot must be requested to one selected node, not multiple \[https:\/\/master-1:2379 https:\/\/master-2:2379 https:\/\/master-3:2379\]/);
    const saved = etcdctl(c, 'ETCDCTL_API=3 etcdctl --endpoints=https://master-1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save snap.db');
    expect(output(saved)).toMatch(/"msg":"fetching snapshot","endpoint":"https:\/\/master-1:2379"/);
    expect(output(saved).split('\n').at(-1)).toBe('Snapshot saved at snap.db');
    const savedEv = eventsOf(c, 'etcdctl.snapshot', (e) => e.action === 'save')[0]!;
    expect(savedEv).toMatchObject({ file: 'snap.db', member: 'etcd-1' });

    const status = output(etcdctl(c, 'etcdctl snapshot status snap.db -w table'));
    expect(status).toContain('Deprecated: Use `etcdutl snapshot status` instead.');
    expect(status).toMatch(/\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \|/);
    expect(status).toMatch(new RegExp(`\\| [0-9a-f]+ \\| ${savedEv.revision} +\\| 2 +\\| 2\\d kB +\\|`));
    expect(output(etcdctl(c, 'etcdutl snapshot status ./snap.db'))).toMatch(new RegExp(`^[0-9a-f]+, ${savedEv.revision}, 2, 2\\d kB$`));

    // The cluster moves on after the backup…
    expect(output(etcdctl(c, 'etcdctl put colour red'))).toBe('OK');
    expect(output(etcdctl(c, 'etcdctl del size'))).toBe('1');
    expect(output(etcdctl(c, 'etcdctl put late yes'))).toBe('OK');
    const termBefore = member(c, leader(c)!)!.term;

    // …and is restored to it: every member restarts from the file as a new cluster.
    expect(output(etcdctl(c, 'etcdctl snapshot restore snap.db --data-dir=/var/lib/etcd'))).toContain('Error: data-dir "/var/lib/etcd" exists');
    const restore = output(etcdctl(c, 'etcdctl snapshot restore snap.db --data-dir=/var/lib/etcd-from-backup'));
    expect(restore).toContain('restoring snapshot');
    expect(restore).toContain(`The new cluster starts at revision ${savedEv.revision}`);
    expect(runUntilTrue(c, () => leader(c) !== undefined && eventsOf(c, 'etcd.restore').length === 1, 10_000)).toBe(true);
    const restored = eventsOf(c, 'etcd.restore')[0]!;
    expect(restored).toMatchObject({ file: 'snap.db', revision: savedEv.revision, members: ['etcd-1', 'etcd-2', 'etcd-3'], hosts: ['master-1', 'master-2', 'master-3'], index: 3 });
    // A fresh Raft log at term 1: the first election is for term 2, far below the old term.
    expect(member(c, leader(c)!)!.term).toBeLessThan(Math.max(3, termBefore));

    expect(output(etcdctl(c, 'etcdctl get colour --print-value-only'))).toBe('blue');
    expect(output(etcdctl(c, 'etcdctl get size --print-value-only'))).toBe('small');
    expect(output(etcdctl(c, 'etcdctl get late'))).toBe('');
    // Writes go on from the saved revision.
    expect(output(etcdctl(c, 'etcdctl put after restore'))).toBe('OK');
    const rev = JSON.parse(output(etcdctl(c, 'etcdctl get after -w json'))) as { header: { revision: number } };
    expect(rev.header.revision).toBe(savedEv.revision + 1);

    // Every check holds: the Raft checks start over at the restore.
    const report = checkTrace(c.sim.trace, { skip: ['pod-bound-once'] });
    expect(report.checks.filter((x) => x.ok === false)).toEqual([]);
  });

  it('explains what it cannot do', () => {
    const c = etcdOnly(12);
    c.runUntil(3000);
    expect(output(etcdctl(c, 'etcdctl snapshot status nope.db'))).toContain('Error: stat nope.db: no such file or directory');
    expect(output(etcdctl(c, 'etcdctl snapshot restore nope.db'))).toContain('Error: stat nope.db: no such file or directory');
    expect(output(etcdctl(c, 'etcdctl snapshot save'))).toBe('Error: snapshot save expects one argument');
    expect(output(etcdctl(c, 'etcdctl snapshot frobnicate'))).toContain('Error: unknown command "frobnicate" for "etcdctl snapshot"');
    expect(output(etcdctl(c, 'etcdutl snapshot save x.db'))).toContain('Error: unknown command "save" for "etcdutl snapshot"');
    expect(output(etcdctl(c, 'etcdutl member list'))).toContain('Error: unknown command "member" for "etcdutl"');
    expect(output(etcdctl(c, 'ETCDCTL_API=2 etcdctl member list'))).toContain('only the v3 API');
    // The Kubernetes docs' --endpoints=https://127.0.0.1:2379 means the console's own machine.
    expect(output(etcdctl(c, 'etcdctl --endpoints=https://[127.0.0.1]:2379 snapshot save s.db'))).toMatch(/^Error: dial tcp 127\.0\.0\.1:2379: connect: connection refused\n\(this console runs on the client machine/);
    expect(eventsOf(c, 'etcdctl.snapshot')).toEqual([]);
  });

  it('restores a Kubernetes cluster: a Deployment deleted after the backup comes back', () => {
    const c = kubeCluster('name: k\nseed: 5\nuntil: 20m\nprofile: classroom\ntopology: { etcd: stacked, masters: 3, workers: 2 }\n');
    expect(runUntilTrue(c, () => output(kubectl(c, 'kubectl get nodes')).split('\n').filter((l) => /\sReady\s/.test(l)).length === 5, 120_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl apply -f -', WEB))).toBe('deployment.apps/web created');
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running').length === 2, 120_000)).toBe(true);

    expect(output(etcdctl(c, 'etcdctl --endpoints=master-2:2379 snapshot save /opt/before.db'))).toContain('Snapshot saved at /opt/before.db');
    expect(output(kubectl(c, 'kubectl delete deployment web'))).toBe('deployment.apps "web" deleted');
    expect(runUntilTrue(c, () => pods(c).size === 0, 120_000)).toBe(true);

    expect(etcdctl(c, 'etcdctl snapshot restore /opt/before.db --data-dir /var/lib/etcd-from-backup').ok).toBe(true);
    expect(runUntilTrue(c, () => output(kubectl(c, 'kubectl get deployment web')).includes('2/2'), 180_000)).toBe(true);
    expect([...pods(c).values()].filter((p) => p.status === 'Running')).toHaveLength(2);
    const report = checkTrace(c.sim.trace);
    expect(report.checks.filter((x) => x.ok === false)).toEqual([]);
  });
});
