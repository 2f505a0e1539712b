// Mutating admission for Pod creates, as two of kube-apiserver's default plugins do it,
// and for Node creates, as a third does:
//
// - DefaultTolerationSeconds: every pod tolerates the node-lifecycle NoExecute taints
//   (not-ready, unreachable) for a while, which is why pods on a dead node are evicted
//   about 5 minutes after it goes silent, not at once (realism.md).
// - ServiceAccount: every pod runs as a service account ("default" unless named) and gets
//   its token, the cluster CA and its namespace mounted as a projected volume.
// - TaintNodesByCondition: a new Node gets node.kubernetes.io/not-ready:NoSchedule, so
//   no pod lands on it before it is Ready (the node lifecycle controller lifts the taint
//   then); without it a node was schedulable from its registration until the controller
//   first tainted it.
//
// Pure: the pod comes back as a new object; randomness (the volume-name suffix) is injected.

import type { Container, Node, Pod, PodSpec, Toleration, Volume } from './types';

/** k8s.io/apimachinery utilrand's alphabet: no vowels (no words by accident) and no
 * look-alikes (0/o, 1/l, 3/e). Used for generateName suffixes and these volume names. */
export const KUBE_RAND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The plugin's --default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

export const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
export const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';
export const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const TOKEN_VOLUME_PREFIX = 'kube-api-access-';
/** An hour and 7 s: the 7 s mark the token as one this plugin asked for, which the
 * apiserver then issues for longer and only warns about when used past the hour. */
const TOKEN_EXPIRATION_SECONDS = 3607;
/** 0644 in decimal, as the API stores file modes. */
const DEFAULT_MODE = 420;
/** Set on the kubelet's mirror pods of static pods: they get no service account. */
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export interface AdmissionOptions {
  /** How long pods stay on a not-ready / unreachable node (300 s; shorter in the classroom profile). */
  readonly tolerationSeconds?: number;
  /** n characters from KUBE_RAND_ALPHABET. */
  readonly randomChars: (n: number) => string;
}

/** Whether one of the pod's tolerations already covers `key:NoExecute`: an empty key
 * tolerates every taint, an empty effect every effect. */
function toleratesNoExecute(tolerations: readonly Toleration[], key: string): boolean {
  return tolerations.some((t) => (!t.key || t.key === key) && (!t.effect || t.effect === 'NoExecute'));
}

/** DefaultTolerationSeconds: the tolerations with the not-ready and unreachable ones added
 * where the pod does not already tolerate those taints. */
export function addDefaultTolerations(tolerations: readonly Toleration[] | undefined, seconds: number = DEFAULT_TOLERATION_SECONDS): Toleration[] {
  const out = [...(tolerations ?? [])];
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!toleratesNoExecute(tolerations ?? [], key)) out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds });
  }
  return out;
}

/** The projected volume that carries the service account token, the cluster CA bundle
 * (ConfigMap kube-root-ca.crt, which every namespace has) and the pod's namespace. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: DEFAULT_MODE,
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

/** ServiceAccount admission on a pod spec: the account name (and its deprecated alias),
 * and unless the pod opts out, the token volume mounted read-only in every container
 * that has nothing at the mount path yet. */
/** The container has something mounted at the service account's path. (A module
 * function: a closure bound to a name per call is wrapped by tsx/esbuild's `__name`.) */
function hasMount(c: Container): boolean {
  return (c.volumeMounts ?? []).some((m) => m.mountPath === SERVICE_ACCOUNT_MOUNT_PATH);
}

export function admitServiceAccount(spec: PodSpec, randomChars: (n: number) => string): PodSpec {
  const account = spec.serviceAccountName || spec.serviceAccount || 'default';
  const out: PodSpec = { ...spec, serviceAccountName: account, serviceAccount: account };
  if ((spec as { automountServiceAccountToken?: boolean }).automountServiceAccountToken === false) return out;
  // A pod that already has a token volume (e.g. re-admitted) keeps it and its name.
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(TOKEN_VOLUME_PREFIX));
  const volumeName = existing?.name ?? TOKEN_VOLUME_PREFIX + randomChars(5);
  const containers = spec.containers ?? [];
  out.containers = containers.map((c) => (hasMount(c) ? c : { ...c, volumeMounts: [...(c.volumeMounts ?? []), { name: volumeName, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }] }));
  if (!existing && containers.some((c) => !hasMount(c))) out.volumes = [...(spec.volumes ?? []), tokenVolume(volumeName)];
  return out;
}

/** Both plugins, in the apiserver's order (ServiceAccount runs before DefaultTolerationSeconds). */
export function admitPod(pod: Pod, opts: AdmissionOptions): Pod {
  const mirror = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
  const spec = mirror ? { ...pod.spec } : admitServiceAccount(pod.spec, opts.randomChars);
  spec.tolerations = addDefaultTolerations(pod.spec.tolerations, opts.tolerationSeconds ?? DEFAULT_TOLERATION_SECONDS);
  return { ...pod, spec };
}

/** TaintNodesByCondition (plugin/pkg/admission/nodetaint): a Node is created with the
 * not-ready NoSchedule taint unless it has it already. */
export function admitNode(node: Node): Node {
  const taints = node.spec?.taints ?? [];
  if (taints.some((t) => t.key === NOT_READY_TAINT && t.effect === 'NoSchedule')) return node;
  return { ...node, spec: { ...node.spec, taints: [...taints, { key: NOT_READY_TAINT, effect: 'NoSchedule' }] } };
}
