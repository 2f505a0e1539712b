import { describe, expect, it } from 'vitest';
import { admitPod, KUBE_RAND_ALPHABET, SERVICE_ACCOUNT_MOUNT_PATH } from './admission';
import type { Pod, PodSpec } from './types';

const pod = (spec: Partial<PodSpec>, annotations?: Record<string, string>): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop', ...(annotations ? { annotations } : {}) },
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
});
const opts = { tolerationSeconds: 300, randomChars: (n: number) => 'x7b9k'.slice(0, n) };

describe('DefaultTolerationSeconds', () => {
  it('adds 300 s NoExecute tolerations for not-ready and unreachable', () => {
    expect(admitPod(pod({}), opts).spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('takes the seconds from its options (the classroom profile shortens them), 300 by default', () => {
    expect(admitPod(pod({}), { ...opts, tolerationSeconds: 30 }).spec.tolerations!.map((t) => t.tolerationSeconds)).toEqual([30, 30]);
    expect(admitPod(pod({}), { randomChars: opts.randomChars }).spec.tolerations!.map((t) => t.tolerationSeconds)).toEqual([300, 300]);
  });

  it('keeps a toleration the pod already has for the taint', () => {
    const own = { key: 'node.kubernetes.io/unreachable', operator: 'Exists' as const, effect: 'NoExecute' as const, tolerationSeconds: 6000 };
    expect(admitPod(pod({ tolerations: [own] }), opts).spec.tolerations).toEqual([own, { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    // An empty key with Exists tolerates every taint; so does an empty effect for its key.
    expect(admitPod(pod({ tolerations: [{ operator: 'Exists' }] }), opts).spec.tolerations).toEqual([{ operator: 'Exists' }]);
    const noEffect = { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const };
    expect(admitPod(pod({ tolerations: [noEffect] }), opts).spec.tolerations!.map((t) => t.key)).toEqual(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
    // A NoSchedule toleration does not count.
    const noSchedule = { key: 'node.kubernetes.io/not-ready', operator: 'Exists' as const, effect: 'NoSchedule' as const };
    expect(admitPod(pod({ tolerations: [noSchedule] }), opts).spec.tolerations).toHaveLength(3);
  });
});

describe('ServiceAccount admission', () => {
  it('uses the default account and mounts the projected token volume in every container', () => {
    const out = admitPod(pod({ containers: [{ name: 'web', image: 'nginx' }, { name: 'log', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] }), opts);
    expect(out.spec.serviceAccountName).toBe('default');
    expect(out.spec.serviceAccount).toBe('default');
    expect(out.spec.volumes).toEqual([
      {
        name: 'kube-api-access-x7b9k',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ]);
    const mount = { name: 'kube-api-access-x7b9k', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(out.spec.containers[0]!.volumeMounts).toEqual([mount]);
    expect(out.spec.containers[1]!.volumeMounts).toEqual([{ name: 'data', mountPath: '/data' }, mount]);
  });

  it('keeps a named account (also from the deprecated field)', () => {
    expect(admitPod(pod({ serviceAccountName: 'builder' }), opts).spec).toMatchObject({ serviceAccountName: 'builder', serviceAccount: 'builder' });
    expect(admitPod(pod({ serviceAccount: 'old' }), opts).spec).toMatchObject({ serviceAccountName: 'old', serviceAccount: 'old' });
  });

  it('asks for exactly 5 random characters, from the injected source', () => {
    const asked: number[] = [];
    const out = admitPod(pod({}), { ...opts, randomChars: (n) => (asked.push(n), KUBE_RAND_ALPHABET.slice(0, n)) });
    expect(asked).toEqual([5]);
    expect(out.spec.volumes![0]!.name).toBe('kube-api-access-bcdfg');
  });

  it('leaves containers that already mount something at the token path, and opted-out and mirror pods', () => {
    const own = { name: 'mine', mountPath: SERVICE_ACCOUNT_MOUNT_PATH };
    const out = admitPod(pod({ containers: [{ name: 'a', image: 'b', volumeMounts: [own] }] }), opts);
    expect(out.spec.containers[0]!.volumeMounts).toEqual([own]);
    expect(out.spec.volumes).toBeUndefined();
    const optOut = admitPod(pod({ automountServiceAccountToken: false } as Partial<PodSpec>), opts);
    expect(optOut.spec.volumes).toBeUndefined();
    expect(optOut.spec.serviceAccountName).toBe('default');
    const mirror = admitPod(pod({}, { 'kubernetes.io/config.mirror': 'abc' }), opts);
    expect(mirror.spec.serviceAccountName).toBeUndefined();
    expect(mirror.spec.volumes).toBeUndefined();
    expect(mirror.spec.tolerations).toHaveLength(2);
  });

  it('is pure: the input pod is unchanged', () => {
    const input = pod({ tolerations: [] });
    const before = JSON.stringify(input);
    admitPod(input, opts);
    expect(JSON.stringify(input)).toBe(before);
  });
});
