import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from './scenario';

function errorOf(text: string): string {
  try {
    parseScenario(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario files', () => {
  it('reads the contract example (YAML) and its JSON twin the same way', () => {
    const yaml = `
name: kill-etcd-leader
seed: 42
until: 60s
profile: classroom
topology: { etcd: stacked, masters: 3, workers: 2, workerLabels: { worker-1: { disk: ssd } } }
network: { latency: 2ms..10ms, loss: 0 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } } } }
workload: { clients: 3, keys: 4, rate: 20/s, ops: [put, get, cas] }
faults:
  - { at: 10s, kill: etcd-leader }
  - { at: 20s, restart: master-2 }
  - { at: 22s, restart: down }
  - { at: 25s, partition: [[master-1], [master-2, master-3, worker-1, worker-2]] }
  - { at: 35s, heal: all }
  - { at: 40s, loss: 0.2 }
  - { from: 5s, to: 50s, chaos: { crash: true, partition: true, loss: 0.1, every: 3s } }
`;
    const s = parseScenario(yaml);
    expect(s).toMatchObject({
      name: 'kill-etcd-leader', seed: 42, until: 60_000,
      setup: { topology: 'stacked', masters: 3, etcdMembers: 3, workers: 2, profile: 'classroom' },
      workerLabels: { 'worker-1': { disk: 'ssd' } },
      network: { latencyMinMs: 2, latencyMaxMs: 10, loss: 0 },
      workload: { clients: 3, keys: 4, ratePerSec: 20, ops: ['put', 'get', 'cas'] },
    });
    expect(s.manifests).toHaveLength(1);
    expect(s.faults.map((f) => f.at)).toEqual([10_000, 20_000, 22_000, 25_000, 35_000, 40_000]);
    expect(s.faults[3]!.fault).toEqual({ kind: 'partition', groups: [['master-1'], ['master-2', 'master-3', 'worker-1', 'worker-2']] });
    expect(s.chaos).toEqual([{ from: 5000, to: 50_000, crash: true, partition: true, loss: 0.1, everyMs: 3000 }]);
    const json = JSON.stringify({ name: 'x', until: '10s', topology: { etcd: 'external', masters: 1, etcdMembers: 5 }, faults: [{ at: '1s', kill: 'etcd-4' }] });
    expect(parseScenario(json)).toMatchObject({ setup: { topology: 'external', masters: 1, etcdMembers: 5 } });
  });

  it('names an unknown field and lists what was expected', () => {
    expect(errorOf(`faults:\n  - { at: 1s, kill: master-1 }\n  - { at: 2s, heal: all }\n  - { at: 3s, kil: master-1 }\n`)).toBe(
      'faults[2].kil: unknown field; expected one of at, kill, restart, partition, heal, loss, cut, net, member, slow, delay, for, kubectl, etcdctl, cordon, uncordon, drain, chaos, isolate, terminate',
    );
    expect(errorOf('seeed: 3\n')).toBe('seeed: unknown field; expected one of format, name, seed, until, liveUntil, profile, topology, network, manifests, workload, faults, actions');
    expect(errorOf('topology: { master: 3 }\n')).toMatch(/^topology\.master: unknown field; expected one of etcd, masters/);
    expect(errorOf('faults:\n  - { from: 1s, to: 5s, chaos: { crash: true, partitions: true } }\n')).toMatch(/^faults\[0\]\.chaos\.partitions: unknown field/);
  });

  it('requires units on durations', () => {
    expect(errorOf('until: 60\n')).toMatch(/^until: expected a duration string with a unit/);
    expect(errorOf('faults:\n  - { at: 10, kill: master-1 }\n')).toMatch(/^faults\[0\]\.at: expected a duration/);
    expect(errorOf('network: { latency: 2..10 }\n')).toMatch(/^network\.latency: expected a duration with a unit/);
    expect(errorOf('workload: { rate: 20 }\n')).toMatch(/^workload\.rate: expected a rate with a unit such as "20\/s"/);
  });

  it('checks machine names against the topology', () => {
    expect(errorOf('faults:\n  - { at: 1s, kill: master-4 }\n')).toMatch(/^faults\[0\]\.kill: no machine named "master-4" in this topology; expected one of master-1, master-2, master-3, lb, client/);
    expect(errorOf('faults:\n  - { at: 1s, kill: etcd-1 }\n')).toMatch(/^faults\[0\]\.kill: no machine named "etcd-1"/);
    expect(errorOf('faults:\n  - { at: 1s, partition: [[master-1], [master-1, master-2]] }\n')).toBe('faults[0].partition[1][0]: master-1 is already in another group');
    expect(errorOf('topology: { workers: 1, workerLabels: { worker-2: { disk: ssd } } }\n')).toMatch(/^topology\.workerLabels\.worker-2: no worker named/);
  });

  it('rejects a bad topology', () => {
    expect(errorOf('topology: { etcd: stacked, masters: 2 }\n')).toMatch(/^topology: etcd: expected an etcd member count of 1, 3, 5, 7, got 2/);
    expect(errorOf('topology: { etcd: externa }\n')).toBe('topology.etcd: expected one of stacked, external, got "externa"');
    expect(errorOf('topology: { etcd: stacked, masters: 3, etcdMembers: 5 }\n')).toMatch(/^topology\.etcdMembers: only for the external topology/);
    expect(errorOf('topology: { etcd: external, etcdMembers: 4 }\n')).toMatch(/^topology: etcd: expected an etcd member count of 1, 3, 5, 7, got 4/);
    expect(errorOf('topology: { masters: 9 }\n')).toBe('topology.masters: expected an integer from 1 to 7, got 9');
  });

  it('rejects other mistakes with the path', () => {
    expect(errorOf('faults:\n  - { at: 1s, member: { add: etcd-4, remove: etcd-1 } }\n')).toBe('faults[0].member: expected exactly one of add, promote, remove, e.g. { add: etcd-4, learner: true }');
    expect(errorOf('faults:\n  - { at: 1s, member: { promote: etcd-4, learner: true } }\n')).toBe('faults[0].member.learner: learner: true|false goes with add only');
    expect(errorOf('faults:\n  - { at: 1s, kill: master-1, restart: master-2 }\n')).toBe('faults[0]: expected exactly one of kill, restart, partition, heal, loss, cut, net, member, slow, kubectl, etcdctl, cordon, uncordon, drain, chaos, isolate, terminate, got kill and restart');
    expect(errorOf('faults:\n  - { at: 1s, loss: 2 }\n')).toBe('faults[0].loss: expected a probability from 0 to 1, got 2');
    expect(errorOf('workload: { ops: [put, inc] }\n')).toBe('workload.ops[1]: expected one of put, get, cas, delete, got "inc"');
    expect(errorOf('profile: fast\n')).toBe('profile: expected one of classroom, realistic, got "fast"');
    expect(errorOf('faults:\n  - { from: 5s, to: 2s, chaos: { crash: true } }\n')).toMatch(/^faults\[0\]\.to: expected a time after from/);
    expect(errorOf('name: [unclosed\n')).toMatch(/^not valid YAML or JSON/);
  });

  it('reads a slow machine (a gray failure) and names what is missing', () => {
    const s = parseScenario('faults:\n  - { at: 10s, slow: etcd-leader, delay: 2s, for: 5s }\n');
    expect(s.faults).toEqual([{ at: 10_000, fault: { kind: 'slow', target: 'etcd-leader', delayMs: 2_000, forMs: 5_000 } }]);
    expect(errorOf('faults:\n  - { at: 1s, slow: master-1, delay: 2s }\n')).toMatch(/^faults\[0\]\.for: missing; slow needs delay and for/);
    expect(errorOf('faults:\n  - { at: 1s, kill: master-1, delay: 2s }\n')).toMatch(/^faults\[0\]\.delay: delay goes with slow only/);
    expect(errorOf('faults:\n  - { at: 1s, slow: master-9, delay: 2s, for: 1s }\n')).toMatch(/^faults\[0\]\.slow: no machine named "master-9"/);
  });

  it('checks manifests as kubectl apply would, before the run: the document and the field', () => {
    const deploy = (spec: string) => `manifests:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: ok }, data: { a: b } }\n  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: ${spec} }\n`;
    const good = '{ replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } } }';
    expect(parseScenario(deploy(good)).manifests).toHaveLength(2);
    // The typo the issue names: `replica: 3` used to be dropped and the run exited 0.
    expect(errorOf(deploy(good.replace('replicas: 2', 'replica: 3')))).toBe('manifests[1].spec.replica: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    expect(errorOf(deploy(good.replace('replicas: 2', 'replicas: -1')))).toBe('manifests[1].spec.replicas: Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(errorOf('manifests:\n  - { apiVersion: v1, kind: Pod, metadata: { name: Bad_Name }, spec: { containers: [{ name: c, image: nginx }] } }\n')).toMatch(/^manifests\[0\]\.metadata\.name: Pod "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name"/);
  });

  it('bounds until at a day of sim time', () => {
    expect(parseScenario('until: 24h\n').until).toBe(86_400_000);
    expect(errorOf('until: 87600h\n')).toBe('until: expected at most 24h of sim time (a day keeps about a million trace events in memory), got 87600h');
  });
});
