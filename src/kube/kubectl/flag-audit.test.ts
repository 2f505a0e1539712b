// The accepted-but-ignored flags audit: every flag a kubectl or etcdctl command takes is
// read by it (each with a test here), and one it does not take is refused in
// kubectl's / etcdctl's own words. One live cluster (classroom profile).

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { etcdctl, kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';

const pod = (name: string, app: string, extra = '') => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, labels: { app: ${app} } }
spec:
  containers: [ { name: c, image: "nginx:1.27" } ]
${extra}`;

describe('kubectl and etcdctl read every flag they accept', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: audit\nseed: 5\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
    for (const [n, app] of [['web-1', 'web'], ['web-2', 'web'], ['db-1', 'db']] as const) expect(output(kubectl(c, 'kubectl apply -f -', pod(n, app)))).toBe(`pod/${n} created`);
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running').length === 3, 60_000)).toBe(true);
  });

  it('describe -l describes only the pods the selector picks', () => {
    const text = output(kubectl(c, 'kubectl describe pod -l app=web'));
    expect(text).toMatch(/^Name:\s+web-1$/m);
    expect(text).toMatch(/^Name:\s+web-2$/m);
    expect(text).not.toMatch(/^Name:\s+db-1$/m);
    expect(output(kubectl(c, 'kubectl describe pod -l app=none'))).toBe('No resources found in default namespace.');
    expect(output(kubectl(c, 'kubectl describe pod web-1 -l app=web'))).toBe('error: name cannot be provided when a selector is specified');
  });

  it('describe -A looks in every namespace', () => {
    expect(output(kubectl(c, 'kubectl describe pods -A'))).toMatch(/^Namespace:\s+kube-system$/m);
    expect(output(kubectl(c, 'kubectl describe pods'))).not.toMatch(/^Namespace:\s+kube-system$/m);
  });

  it('a flag the command does not have is refused in pflag words; a real one not modelled says so', () => {
    expect(output(kubectl(c, 'kubectl describe pod web-1 -o yaml'))).toBe("error: unknown shorthand flag: 'o' in -o\nSee 'kubectl describe --help' for usage.");
    expect(output(kubectl(c, 'kubectl get pods --replicas=3'))).toBe("error: unknown flag: --replicas\nSee 'kubectl get --help' for usage.");
    expect(output(kubectl(c, 'kubectl apply -f - -o yaml', pod('x', 'x')))).toBe('error: -o is not available for "kubectl apply" in this console: apply prints what it did');
    expect(output(kubectl(c, 'kubectl cordon -l a=b'))).toMatch(/^error: -l is not available for "kubectl cordon"/);
  });

  it('boolean flags honour =false', () => {
    expect(output(kubectl(c, 'kubectl get pods --show-labels=false'))).not.toMatch(/LABELS/);
    expect(output(kubectl(c, 'kubectl get pods --show-labels'))).toMatch(/LABELS/);
  });

  it('get --sort-by orders the rows by the field, in each of kubectl\'s path forms', () => {
    const rows = (line: string) => output(kubectl(c, line)).split('\n').slice(1).map((l) => l.split(/\s+/)[0]);
    expect(rows('kubectl get pods --sort-by=.metadata.name')).toEqual(['db-1', 'web-1', 'web-2']);
    expect(rows('kubectl get pods --sort-by={.metadata.labels.app}')).toEqual(['db-1', 'web-1', 'web-2']);
    const byNode = rows('kubectl get pods -o wide --sort-by spec.nodeName');
    const nodes = byNode.map((n) => output(kubectl(c, `kubectl get pod ${n} -o wide`)).split('\n')[1]!.split(/\s+/)[6]!);
    expect(nodes).toEqual([...nodes].sort());
    const events = output(kubectl(c, 'kubectl get events --sort-by=.metadata.creationTimestamp')).split('\n');
    expect(events[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(events.length).toBeGreaterThan(5);
    expect(output(kubectl(c, 'kubectl get pods --sort-by=.spec.nope'))).toBe('error: couldn\'t find any field with path "{.spec.nope}" in the list of objects');
    expect(output(kubectl(c, 'kubectl get pods --sort-by={.a}{.b}'))).toMatch(/^error: unexpected path string/);
  });

  it('get --field-selector keeps the objects whose fields match, and refuses a field the registry does not index', () => {
    const names = (line: string) => output(kubectl(c, line)).split('\n').slice(1).map((l) => l.split(/\s+/)[0]).sort();
    const node = output(kubectl(c, 'kubectl get pod web-1 -o wide')).split('\n')[1]!.split(/\s+/)[6]!;
    const onNode = names(`kubectl get pods -o wide --field-selector spec.nodeName=${node}`);
    expect(onNode).toContain('web-1');
    expect(names(`kubectl get pods --field-selector=spec.nodeName!=${node}`)).toEqual(['db-1', 'web-1', 'web-2'].filter((n) => !onNode.includes(n)));
    expect(names('kubectl get pods --field-selector status.phase=Running,metadata.name==web-2')).toEqual(['web-2']);
    expect(names('kubectl get pods -l app=web --field-selector status.phase=Running')).toEqual(['web-1', 'web-2']);
    expect(output(kubectl(c, 'kubectl get pods --field-selector status.phase=Pending'))).toBe('No resources found in default namespace.');
    expect(output(kubectl(c, 'kubectl get events --field-selector involvedObject.name=db-1,reason=Scheduled'))).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\S+\s+Normal\s+Scheduled\s+pod\/db-1\s+Successfully assigned default\/db-1 to worker-\d$/);
    expect(output(kubectl(c, 'kubectl get pods --field-selector spec.containers.image=nginx'))).toBe('Error from server (BadRequest): Unable to find {"" "v1" "pods"} that match label selector "", field selector "spec.containers.image=nginx": field label not supported: spec.containers.image');
    expect(output(kubectl(c, 'kubectl get deploy --field-selector status.replicas=1'))).toBe('Error from server (BadRequest): Unable to find {"apps" "v1" "deployments"} that match label selector "", field selector "status.replicas=1": field label not supported: status.replicas');
    expect(output(kubectl(c, 'kubectl get pod web-1 --field-selector status.phase=Running'))).toBe('error: name cannot be provided when a selector is specified');
  });

  it('run reads --port, --restart, -l and the command after --', () => {
    expect(output(kubectl(c, 'kubectl run once --image=busybox:1.36 --restart=Never -l tier=batch --port=8080 --command -- sh -c "exit 0"'))).toBe('pod/once created');
    const yaml = output(kubectl(c, 'kubectl get pod once -o yaml'));
    expect(yaml).toMatch(/restartPolicy: Never/);
    expect(yaml).toMatch(/labels:\n\s+tier: batch/);
    expect(yaml).toMatch(/containerPort: 8080/);
    expect(yaml).toMatch(/command:\n\s+- sh\n\s+- -c\n\s+- exit 0/);
    expect(runUntilTrue(c, () => pods(c).get('once')?.status === 'Completed', 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl run bad --image=busybox:1.36 --restart=Sometimes'))).toBe('error: invalid restart policy: Sometimes');
  });

  it('delete -l deletes what the selector picks; --force deletes at once with the warning', () => {
    expect(output(kubectl(c, 'kubectl delete pod -l app=web'))).toBe('pod "web-1" deleted\npod "web-2" deleted');
    expect(output(kubectl(c, 'kubectl delete pod db-1 --force'))).toBe('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\npod "db-1" force deleted');
    expect(kubectl(c, 'kubectl get pod db-1').ok).toBe(false);
    expect(output(kubectl(c, 'kubectl delete pod --all'))).toMatch(/pod "once" deleted/);
    expect(output(kubectl(c, 'kubectl delete pod x -l a=b'))).toBe('error: name cannot be provided when a selector is specified');
  });

  it('drain refuses pods with emptyDir without --delete-emptydir-data', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', pod('scratch', 'scratch', '  nodeName: worker-1\n  volumes: [ { name: tmp, emptyDir: {} } ]\n')))).toBe('pod/scratch created');
    expect(output(kubectl(c, 'kubectl drain worker-1 --force'))).toMatch(/cannot delete Pods with local storage \(use --delete-emptydir-data to override\): default\/scratch/);
    expect(output(kubectl(c, 'kubectl drain worker-1 --force --delete-emptydir-data --grace-period=1'))).toMatch(/node\/worker-1 drained$/);
    expect(output(kubectl(c, 'kubectl drain worker-1 --timeout=abc'))).toBe('error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"');
    kubectl(c, 'kubectl uncordon worker-1');
  });

  it('etcdctl checks certificate paths, meets --user without auth, and names what it does not model', () => {
    expect(output(etcdctl(c, 'etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt get foo'))).not.toMatch(/Error/);
    expect(output(etcdctl(c, 'etcdctl --cacert=/etc/kubernetes/pki/ca.crt get foo'))).toBe('Error: open /etc/kubernetes/pki/ca.crt: no such file or directory');
    expect(output(etcdctl(c, 'etcdctl --user=root:pw get foo'))).toBe('Error: etcdserver: authentication is not enabled');
    expect(output(etcdctl(c, 'etcdctl put a b --prev-kv'))).toBe('Error: --prev-kv is not available in this console: put and del print no previous key-value here');
    expect(output(etcdctl(c, 'etcdctl put -- a -b'))).toBe('OK');
  });
});
