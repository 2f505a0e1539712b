// Bad input never stops the cluster (issue 15), against a live cluster: what a real
// apiserver refuses is refused with its words, what it stores every component reads
// without crashing, and every console line gets an answer.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import type { CommandResult } from '../protocol/commands';
import { isCrashed } from '../protocol/crashed';
import { etcdctl, eventsOf, kubeCluster, kubectl, output, runUntilTrue } from '../host/testing/cluster';

const apply = (c: InProcessCluster, yaml: string) => output(kubectl(c, 'kubectl apply -f -', yaml));
const crashes = (c: InProcessCluster) => [
  ...eventsOf(c, 'process.crash').map((e) => `${e.machine}/${e.process}: ${e.error}`),
  ...[...c.views()].flatMap(([m, v]) => Object.entries(v.processes).filter(([, p]) => isCrashed(p)).map(([p]) => `${m}/${p} (view)`)),
];
/** A put from the page's KV panel (the console client's kv command, no shell line). */
const kvPut = (c: InProcessCluster, key: string, value: string): CommandResult => {
  const id = 900_000 + c.sim.trace.length;
  c.sim.command('client', 'console', id, { f: 'put', key, value });
  for (const end = c.sim.now + 30_000; c.sim.now < end; ) {
    c.runUntil(c.sim.now + 100);
    const r = c.sim.takeReplies().find((x) => x.id === id);
    if (r) return r.result;
  }
  throw new Error(`no answer to the put of ${key}`);
};
const BAD_REQUEST = 'Error from server (BadRequest): error when creating "STDIN": ';

describe('bad input against a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: bad-input\nseed: 11\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 2 }\n');
    c.runUntil(15_000);
  });

  it('a Node without spec is stored with spec: {}, and no component crashes on it', () => {
    expect(apply(c, 'apiVersion: v1\nkind: Node\nmetadata: {name: fake-node}\n')).toBe('node/fake-node created');
    expect(apply(c, 'apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata: {name: no-spec}\n')).toBe('lease.coordination.k8s.io/no-spec created');
    expect(apply(c, 'apiVersion: v1\nkind: Event\nmetadata: {name: no-object}\n')).toBe('event/no-object created');
    c.runUntil(c.sim.now + 20_000);
    expect(crashes(c)).toEqual([]);
    // The node IPAM controller gave it a pod CIDR: it read the (filled-in) spec.
    expect(output(kubectl(c, 'kubectl get node fake-node -o yaml'))).toMatch(/\nspec:\n {2}podCIDR: 10\.244\.\d+\.0\/24\n/);
    expect(output(kubectl(c, 'kubectl get nodes'))).toMatch(/\nfake-node\s+(Unknown|NotReady)\s/);
  });

  it('fields of the wrong type are the decoder\'s 400, and the apiserver serves on', () => {
    const typed: [string, string][] = [
      ['kind: Pod\nmetadata: {name: p1}\nspec: {containers: [{name: a, image: 42}]}', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string'],
      ['kind: Pod\nmetadata: {name: p2}\nspec: {tolerations: 5, containers: [{name: a, image: nginx}]}', 'Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodSpec.spec.tolerations of type []v1.Toleration'],
      ['kind: Node\nmetadata: {name: n2}\nspec: {taints: 42}', 'Node in version "v1" cannot be handled as a Node: json: cannot unmarshal number into Go struct field NodeSpec.spec.taints of type []v1.Taint'],
    ];
    for (const [yaml, message] of typed) expect(apply(c, `apiVersion: v1\n${yaml}\n`)).toBe(BAD_REQUEST + message);
    expect(apply(c, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 3000000000, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: a, image: nginx}]}}}\n')).toBe(
      `${BAD_REQUEST}Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32`,
    );
    // A list with a null in it is a zero value, as in Go: stored, and admission copes.
    expect(apply(c, 'apiVersion: v1\nkind: Pod\nmetadata: {name: nulls}\nspec: {tolerations: [null], containers: [{name: a, image: nginx}]}\n')).toBe('pod/nulls created');
    expect(output(kubectl(c, 'kubectl get pods'))).toMatch(/\nnulls\s/);
    expect(crashes(c)).toEqual([]);
  });

  it('an EndpointSlice endpoint needs an address; one written straight into etcd is skipped, and kube-proxy runs on', () => {
    expect(apply(c, 'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: s1}\naddressType: IPv4\nendpoints: [{conditions: {ready: true}}]\n')).toBe(
      'The EndpointSlice "s1" is invalid: endpoints[0].addresses: Required value: must contain at least 1 address',
    );
    const raw = JSON.stringify({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 's2', namespace: 'default' }, addressType: 'IPv4', endpoints: [{ conditions: { ready: true } }] });
    expect(output(etcdctl(c, `etcdctl put /registry/endpointslices/default/s2 '${raw}'`))).toBe('OK');
    c.runUntil(c.sim.now + 5000);
    expect(crashes(c)).toEqual([]);
  });

  it('metadata: null and a YAML alias bomb are answered, not crashed on', () => {
    expect(apply(c, 'apiVersion: v1\nkind: ConfigMap\nmetadata: null\n')).toBe('The ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`), 'apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: bomb}'].join('\n');
    expect(apply(c, bomb)).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing');
    expect(crashes(c)).toEqual([]);
  });

  it('the real limits: system namespaces stay, ConfigMaps and annotations are bounded, etcd refuses a request over 1.5 MiB', () => {
    expect(output(kubectl(c, 'kubectl delete namespace kube-system'))).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted');
    expect(output(kubectl(c, 'kubectl delete namespace default'))).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    expect(output(kubectl(c, 'kubectl create -f -', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: ${'x'.repeat(1024 * 1024 + 1)}}\n`))).toBe('The ConfigMap "big" is invalid: []: Too long: must have at most 1048576 bytes');
    expect(apply(c, `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata: {a: ${'x'.repeat(300_000)}}\n`)).toBe('The ConfigMap "big" is invalid: metadata.annotations: Too long: must have at most 262144 bytes');
    // The console's shell reads at most 64 KiB a line (src/shell/words.ts), so a value
    // this big reaches etcd only through the KV panel's put: the member refuses it.
    expect(output(etcdctl(c, `etcdctl put /big ${'v'.repeat(1.5 * 1024 * 1024 + 1)}`))).toMatch(/^bash: line too long: /);
    expect(output(kvPut(c, '/big', 'v'.repeat(1.5 * 1024 * 1024 + 1)))).toBe('Error: etcdserver: request is too large');
  });

  it('kubectl scale: replicas beyond int32 are the Scale decoder\'s 400, beyond int64 pflag\'s error', () => {
    expect(output(kubectl(c, 'kubectl create deployment web2 --image=nginx:1.27 --replicas=1'))).toBe('deployment.apps/web2 created');
    expect(output(kubectl(c, 'kubectl scale deployment web2 --replicas=3000000000'))).toBe('Error from server (BadRequest): Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal number 3000000000 into Go struct field ScaleSpec.spec.replicas of type int32');
    expect(output(kubectl(c, 'kubectl scale deployment web2 --replicas=99999999999999999999'))).toBe('error: invalid argument "99999999999999999999" for "--replicas" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range');
    expect(output(kubectl(c, 'kubectl scale deployment web2 --replicas=0'))).toBe('deployment.apps/web2 scaled');
  });

  it('scale to 20000 replicas: pods arrive (in slow-start batches, see replicaset.test.ts) and the cluster keeps answering', () => {
    expect(output(kubectl(c, 'kubectl create deployment many --image=nginx:1.27 --replicas=1'))).toBe('deployment.apps/many created');
    expect(output(kubectl(c, 'kubectl scale deployment many --replicas=20000'))).toBe('deployment.apps/many scaled');
    const pods = () => {
      const api = c.views().get('master-1')?.processes['kube-apiserver'] as { cluster: { pods: { name: string }[] } };
      return api.cluster.pods.filter((p) => p.name.startsWith('many-')).length;
    };
    expect(runUntilTrue(c, () => pods() > 100, 10_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get deployment many'))).toMatch(/^NAME\s+READY\s+UP-TO-DATE/);
    expect(crashes(c)).toEqual([]);
  }, 120_000);
});
