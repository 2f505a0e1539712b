// A cluster before it starts: ClusterSetup's defaults and limits, and the check that
// names every bad field. The page, the URL parser and scenario files share them.

import type { ClusterSetup } from './commands';

/** The page's default: one master and two workers (the common kubeadm lab), with
 * worker-1 labelled disk=ssd so a nodeSelector demo works out of the box. */
export const DEFAULT_SETUP: ClusterSetup = {
  topology: 'stacked',
  masters: 1,
  etcdMembers: 1,
  workers: 2,
  seed: 1,
  profile: 'classroom',
};

/** Labels the page gives workers when the URL sets up the cluster. */
export const DEFAULT_WORKER_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = { 'worker-1': { disk: 'ssd' } };

/** The page's first minute: `kubectl create deployment web --image=nginx:1.27 --replicas=3`,
 * as its manifest, applied by the coordinator at t=0 (`ClusterSetup.manifests`). */
export const DEFAULT_DEPLOYMENT = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
} as const;

/** etcd clusters of an odd size tolerate (n-1)/2 failures (etcd FAQ); 1 is a single node. */
export const ETCD_SIZES = [1, 3, 5, 7] as const;
export const MAX_MASTERS = 7;
/** The page draws up to 100 workers compactly (tiles and dots); kube-ops-view stops
 * drawing nodes at about that many. */
export const MAX_WORKERS = 100;
/** `?pods=N`: 3 000 pods fill 100 workers to about a third of their 110-pod capacity. */
export const MAX_PODS = 3000;

/** Checks a setup; returns one message per problem (empty when valid). */
export function setupErrors(s: ClusterSetup): string[] {
  const errors: string[] = [];
  if (s.topology !== 'stacked' && s.topology !== 'external') errors.push(`topology: expected stacked or external, got "${String(s.topology)}"`);
  if (!isInt(s.masters) || s.masters < 1 || s.masters > MAX_MASTERS) errors.push(`masters: expected an integer from 1 to ${MAX_MASTERS}, got ${String(s.masters)}`);
  if (!(ETCD_SIZES as readonly number[]).includes(s.etcdMembers)) {
    errors.push(`etcd: expected an etcd member count of ${ETCD_SIZES.join(', ')}, got ${String(s.etcdMembers)}`);
  }
  if (s.topology === 'stacked' && s.etcdMembers !== s.masters && errors.length === 0) {
    errors.push(`etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (${s.masters}), got ${s.etcdMembers}`);
  }
  if (!isInt(s.workers) || s.workers < 0 || s.workers > MAX_WORKERS) errors.push(`workers: expected an integer from 0 to ${MAX_WORKERS}, got ${String(s.workers)}`);
  if (s.pods !== undefined && (!isInt(s.pods) || s.pods < 0 || s.pods > MAX_PODS)) errors.push(`pods: expected an integer from 0 to ${MAX_PODS}, got ${String(s.pods)}`);
  if (!isInt(s.seed) || s.seed < 0 || s.seed > 0xffffffff) errors.push(`seed: expected a non-negative integer below 2^32, got ${String(s.seed)}`);
  if (s.cloud !== undefined && s.cloud !== 'sim' && s.cloud !== 'none') errors.push(`cloud: expected sim or none, got "${String(s.cloud)}"`);
  if (s.cloud === 'sim' && s.kubernetes === false) errors.push('cloud: sim needs Kubernetes (a cloud-controller-manager runs on each master)');
  if (s.dashboard !== undefined && typeof s.dashboard !== 'boolean') errors.push(`dashboard: expected true or false, got ${String(s.dashboard)}`);
  if (s.dashboard === true && s.kubernetes === false) errors.push('dashboard: needs Kubernetes (it reads the cluster through the apiserver)');
  if (s.profile !== 'classroom' && s.profile !== 'realistic') errors.push(`profile: expected classroom or realistic, got "${String(s.profile)}"`);
  return errors;
}

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}
