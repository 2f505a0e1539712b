// The machines a cluster becomes: ClusterSetup (src/protocol/commands.ts; its defaults
// and checks are src/protocol/cluster-setup.ts, the URL parameters that set it
// src/ui/url-setup.ts) → one MachineSpec per machine with its processes.

import type { ClusterSetup } from '../protocol/commands';
import type { MachineSpec } from '../sim/process';
import { PORT } from '../sim/packet';
import { profileFor } from './profiles';
import type { ConsoleSpec, EtcdMemberSpec, KvWorkloadSpec, ProcessSpec, WorkloadSetup } from './process-specs';
import type { KubeletSpec } from '../kube/specs';
import { CLOUD_HOST, CLOUD_REGION } from '../protocol/cloud';
import type { SimCloudInstance, SimCloudSpec } from './sim-cloud';

export { DEFAULT_SETUP, DEFAULT_WORKER_LABELS, ETCD_SIZES, MAX_MASTERS, MAX_PODS, MAX_WORKERS, setupErrors } from '../protocol/cluster-setup';

/** The machine that runs the UI's console client and the workload clients. */
export const CLIENT_MACHINE = 'client';
/** The load balancer in front of the apiservers. */
export const LB_MACHINE = 'lb';

/** The Deployment `?pods=N` (ClusterSetup.pods) applies: N nginx pods, labelled app=web. */
export function webDeployment(replicas: number): unknown {
  const labels = { app: 'web' };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  };
}

/** The etcd members of a setup: etcd-N on master-N (stacked) or on its own host etcd-N. */
export function etcdMembersOf(setup: ClusterSetup): { id: number; name: string; host: string }[] {
  return range(setup.etcdMembers).map((n) => ({ id: n, name: `etcd-${n}`, host: setup.topology === 'stacked' ? `master-${n}` : `etcd-${n}` }));
}

/** Every machine name of a setup, in spec order. */
export function machineNames(setup: ClusterSetup): string[] {
  return machinesFor(setup).map((m) => m.name);
}

/** The machines of a setup, in a stable order: masters, etcd hosts, workers, the load
 * balancer, the client. `manifests` are applied through the apiserver at t=0. */
export function machinesFor(setup: ClusterSetup, workload?: WorkloadSetup, scenarioManifests: readonly unknown[] = []): MachineSpec[] {
  const manifests = setup.pods ? [...scenarioManifests, webDeployment(setup.pods)] : scenarioManifests;
  const profile = profileFor(setup.profile);
  const peers = etcdMembersOf(setup);
  const withKube = setup.kubernetes !== false;
  const cloud = withKube && setup.cloud === 'sim';
  const memberSpec = (p: { id: number; name: string }): EtcdMemberSpec => ({
    kind: 'etcd',
    member: p.name,
    id: p.id,
    peers,
    electionTicks: profile.etcd.electionTicks,
    heartbeatTicks: profile.etcd.heartbeatTicks,
    requestTimeoutMs: profile.etcd.requestTimeoutMs,
    snapshotCount: profile.etcd.snapshotCount,
    catchUpEntries: profile.etcd.catchUpEntries,
    // With Kubernetes, kube-apiserver compacts (every 5 min) and etcd's own is off.
    ...(withKube ? {} : { autoCompactionRetentionMs: profile.etcd.autoCompactionRetentionMs }),
  });
  const kube = profile.kube;
  const lb = { host: LB_MACHINE, port: PORT.apiserver };
  const out: MachineSpec[] = [];
  for (const n of range(setup.masters)) {
    const processes: ProcessSpec[] = [];
    const p = setup.topology === 'stacked' ? peers[n - 1] : undefined;
    if (p) processes.push(memberSpec(p));
    if (!withKube) {
      out.push({ name: `master-${n}`, kind: 'master', processes });
      continue;
    }
    // kubeadm stacked: --etcd-servers=https://127.0.0.1:2379; external: every member.
    const etcdEndpoints = p ? [p.host] : peers.map((x) => x.host);
    processes.push(
      { kind: 'kube-apiserver', etcdEndpoints, etcdTimeoutMs: profile.etcd.requestTimeoutMs + 1000, tolerationSeconds: kube.tolerationSeconds, bookmarkMs: profile.bookmarkMs, compactionIntervalMs: 5 * 60_000, advertiseAddress: `10.0.0.${10 + n}` },
      { kind: 'kube-scheduler', requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs, election: kube.election, timing: kube },
      { kind: 'kube-controller-manager', requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs, election: kube.election, timing: kube },
      {
        kind: 'kubelet',
        server: lb,
        controlPlane: true,
        labels: {},
        capacity: { cpu: '2', memory: '4Gi', pods: '110' },
        internalIP: `10.0.0.${10 + n}`,
        staticPods: [...(p ? ['etcd'] : []), 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'],
        timing: kube,
      },
      { kind: 'kube-proxy', server: lb, timing: kube },
    );
    if (cloud) {
      // kubeadm with an external cloud provider: the cloud-controller-manager is one more
      // static pod, and the kubelet runs with --cloud-provider=external.
      processes.push({ kind: 'cloud-controller-manager', requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs, election: kube.election, timing: kube });
      const kubelet = processes.findIndex((x) => x.kind === 'kubelet');
      const k = processes[kubelet] as KubeletSpec;
      processes[kubelet] = { ...k, cloudProvider: 'external', staticPods: [...k.staticPods, 'cloud-controller-manager'] };
    }
    out.push({ name: `master-${n}`, kind: 'master', processes });
  }
  if (setup.topology === 'external') for (const p of peers) out.push({ name: p.host, kind: 'etcd', processes: [memberSpec(p)] });
  for (const n of range(setup.workers)) {
    const name = `worker-${n}`;
    if (!withKube) {
      out.push({ name, kind: 'worker', processes: [] });
      continue;
    }
    out.push({
      name,
      kind: 'worker',
      processes: [
        { kind: 'kubelet', server: lb, controlPlane: false, labels: { ...setup.workerLabels?.[name] }, capacity: { cpu: '4', memory: '8Gi', pods: '110' }, internalIP: `10.0.0.${30 + n}`, staticPods: [], timing: kube, ...(cloud ? { cloudProvider: 'external' as const } : {}) },
        { kind: 'kube-proxy', server: lb, timing: kube },
      ],
    });
  }
  if (withKube) out.push({
    name: LB_MACHINE,
    kind: 'lb',
    processes: [{ kind: 'load-balancer', backends: range(setup.masters).map((n) => `master-${n}`), ...profile.lb }],
  });
  if (cloud) out.push({ name: CLOUD_HOST, kind: 'cloud', processes: [{ kind: 'sim-cloud', instances: cloudInstances(out) } satisfies SimCloudSpec] });

  const endpoints = peers.map((p) => p.host);
  const clients: ProcessSpec[] = [
    { kind: 'console', name: 'console', endpoints, requestTimeoutMs: profile.kvClient.requestTimeoutMs } satisfies ConsoleSpec,
  ];
  if (withKube) clients.push({ kind: 'kubectl', server: lb, requestTimeoutMs: kube.requestTimeoutMs, manifests });
  if (withKube && setup.dashboard) clients.push({ kind: 'dashboard', server: lb, requestTimeoutMs: kube.requestTimeoutMs, watchSilenceMs: kube.watchSilenceMs });
  if (workload) {
    for (const n of range(workload.clients)) {
      clients.push({
        kind: 'kv-workload',
        name: `kv-${n}`,
        endpoints,
        keys: workload.keys,
        ops: workload.ops,
        ratePerSec: workload.ratePerSec / workload.clients,
        requestTimeoutMs: profile.kvClient.requestTimeoutMs,
      } satisfies KvWorkloadSpec);
    }
  }
  out.push({ name: CLIENT_MACHINE, kind: 'client', processes: clients });
  return out;
}

/** Every master, etcd host and worker is a cloud instance: zones a, b, c in turn (per
 * kind, so the masters spread over zones as an HA control plane should), the kubelet's
 * node IP as InternalIP and the same host number in 203.0.113.0/24 (TEST-NET-3) as
 * ExternalIP. */
function cloudInstances(machines: readonly MachineSpec[]): SimCloudInstance[] {
  const types = { master: 'sim.medium', etcd: 'sim.small', worker: 'sim.large' } as const;
  const out: SimCloudInstance[] = [];
  for (const kind of ['master', 'etcd', 'worker'] as const) {
    machines.filter((m) => m.kind === kind).forEach((m, i) => {
      const kubelet = (m.processes as ProcessSpec[]).find((p): p is KubeletSpec => p.kind === 'kubelet');
      const n = Number(/\d+$/.exec(m.name)?.[0] ?? 0);
      const internalIP = kubelet?.internalIP ?? `10.0.0.${20 + n}`;
      out.push({ name: m.name, zone: `${CLOUD_REGION}${'abc'[i % 3]}`, instanceType: types[kind], internalIP, externalIP: `203.0.113.${internalIP.split('.')[3]}` });
    });
  }
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}
