// ServiceAccounts and their credentials on a live cluster: the root CA ConfigMap in every
// namespace, the token controller filling (and cleaning up) a long-lived token Secret,
// `kubectl create token` through the TokenRequest API, and Secrets stored base64 under
// /registry/secrets/, as the Kubernetes docs' "Manually create a long-lived API token
// for a ServiceAccount" walks through.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import { base64, fromBase64, illegalBase64At } from './api/service-account-token';
import { etcdctl, kubeCluster, kubectl, output, runUntilTrue } from '../host/testing/cluster';

const TOKEN_SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: build-robot-secret
  annotations:
    kubernetes.io/service-account.name: build-robot
type: kubernetes.io/service-account-token
`;

/** The claims of a JWT (its middle part, base64url). */
function claims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(fromBase64(part + '='.repeat((4 - (part.length % 4)) % 4))!) as Record<string, unknown>;
}

describe('base64 as the API carries Secret data', () => {
  it('round-trips UTF-8 and finds the byte Go would stop at', () => {
    for (const s of ['', 'a', 'ab', 'abc', 's3cr3t!', 'grüße ✓']) expect(fromBase64(base64(s))).toBe(s);
    expect(base64('admin')).toBe('YWRtaW4=');
    expect(illegalBase64At('YWRtaW4=')).toBeUndefined();
    expect(illegalBase64At('admin')).toBe(4);
    expect(illegalBase64At('not base64!')).toBe(3);
  });
});

describe('ServiceAccount credentials on a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: credentials\nseed: 7\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n');
    c.runUntil(15_000);
  });

  it('every namespace gets the kube-root-ca.crt ConfigMap from the root-ca-cert-publisher', () => {
    expect(runUntilTrue(c, () => output(kubectl(c, 'kubectl get configmaps -A')).split('\n').filter((l) => l.includes('kube-root-ca.crt')).length === 4, 20_000)).toBe(true);
    const table = output(kubectl(c, 'kubectl get cm'));
    expect(table).toMatch(/^NAME\s+DATA\s+AGE\nkube-root-ca\.crt\s+1\s+\d+s$/);
    const described = output(kubectl(c, 'kubectl describe configmap kube-root-ca.crt'));
    // A value this long goes below its key, cut at 138 characters.
    expect(described).toMatch(/^Name:\s+kube-root-ca\.crt\nNamespace:\s+default\nLabels:\s+<none>\nAnnotations:\s+kubernetes\.io\/description:\n {16}Contains a CA bundle .{117}\.\.\.\n/);
    expect(described).toContain('\n\nData\n====\nca.crt:\n----\n-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgII');
    expect(described).toMatch(/-----END CERTIFICATE-----\n\n\nBinaryData\n====\n\nEvents:\s+<none>$/);
  });

  it('a token Secret for an account gets its token, CA and namespace; describe shows the token', () => {
    expect(output(kubectl(c, 'kubectl create serviceaccount build-robot'))).toBe('serviceaccount/build-robot created');
    expect(output(kubectl(c, 'kubectl apply -f -', TOKEN_SECRET))).toBe('secret/build-robot-secret created');
    expect(runUntilTrue(c, () => /build-robot-secret\s+kubernetes\.io\/service-account-token\s+3\s/.test(output(kubectl(c, 'kubectl get secrets'))), 20_000)).toBe(true);
    const d = output(kubectl(c, 'kubectl describe secrets/build-robot-secret'));
    const uid = /kubernetes\.io\/service-account\.uid: ([0-9a-f-]{36})/.exec(d)?.[1];
    expect(uid).toBeDefined();
    expect(d).toMatch(/^Name:\s+build-robot-secret\nNamespace:\s+default\nLabels:\s+<none>\nAnnotations:\s+kubernetes\.io\/service-account\.name: build-robot\n\s+kubernetes\.io\/service-account\.uid: /);
    expect(d).toMatch(/\n\nType: {2}kubernetes\.io\/service-account-token\n\nData\n====\nca\.crt:\s+\d{4} bytes\nnamespace:\s+7 bytes\ntoken:\s+eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = /token:\s+(\S+)$/.exec(d)![1]!;
    expect(claims(token)).toEqual({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'default',
      'kubernetes.io/serviceaccount/secret.name': 'build-robot-secret',
      'kubernetes.io/serviceaccount/service-account.name': 'build-robot',
      'kubernetes.io/serviceaccount/service-account.uid': uid,
      sub: 'system:serviceaccount:default:build-robot',
    });
    expect(output(kubectl(c, 'kubectl describe sa build-robot'))).toBe(
      ['Name:                build-robot', 'Namespace:           default', 'Labels:              <none>', 'Annotations:         <none>', 'Image pull secrets:  <none>', 'Mountable secrets:   <none>', 'Tokens:              build-robot-secret', 'Events:              <none>'].join('\n'),
    );
  });

  it('deleting the account makes the token controller delete its token Secret', () => {
    expect(output(kubectl(c, 'kubectl delete serviceaccount build-robot'))).toBe('serviceaccount "build-robot" deleted');
    expect(runUntilTrue(c, () => !output(kubectl(c, 'kubectl get secrets')).includes('build-robot-secret'), 20_000)).toBe(true);
  });

  it('kubectl create token: a bound token from the TokenRequest API, an hour by default; the errors', () => {
    const r = kubectl(c, 'kubectl create token default');
    expect(r.ok).toBe(true);
    const cl = claims(output(r));
    expect(cl['aud']).toEqual(['https://kubernetes.default.svc.cluster.local']);
    expect(cl['sub']).toBe('system:serviceaccount:default:default');
    expect((cl['exp'] as number) - (cl['iat'] as number)).toBe(3600);
    expect((cl['kubernetes.io'] as { serviceaccount: { name: string } }).serviceaccount.name).toBe('default');
    const day = claims(output(kubectl(c, 'kubectl create token default -n kube-system --duration=24h')));
    expect((day['exp'] as number) - (day['iat'] as number)).toBe(86_400);
    expect(day['sub']).toBe('system:serviceaccount:kube-system:default');
    expect(output(kubectl(c, 'kubectl create token nobody'))).toBe('error: failed to create token: serviceaccounts "nobody" not found');
    expect(output(kubectl(c, 'kubectl create token default --duration=1m'))).toBe('error: failed to create token: TokenRequest.authentication.k8s.io "default" is invalid: spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
    expect(output(kubectl(c, 'kubectl create token default --duration=soon'))).toBe('error: invalid argument "soon" for "--duration" flag: time: invalid duration "soon"');
  });

  it('Secrets from literals are stored in base64 under /registry/secrets/; bad data is refused when decoded', () => {
    expect(output(kubectl(c, 'kubectl create secret generic db --from-literal=user=admin --from-literal=password=s3cr3t'))).toBe('secret/db created');
    expect(output(kubectl(c, 'kubectl get secret db -o yaml'))).toMatch(/^apiVersion: v1\ndata:\n {2}password: czNjcjN0\n {2}user: YWRtaW4=\nkind: Secret\n/);
    expect(output(kubectl(c, 'kubectl describe secret db'))).toMatch(/\nType: {2}Opaque\n\nData\n====\npassword: {2}6 bytes\nuser: {6}5 bytes$/);
    expect(output(etcdctl(c, 'etcdctl get /registry/secrets/default/db --print-value-only'))).toContain('"user":"YWRtaW4="');
    expect(output(kubectl(c, 'kubectl create secret generic bad --from-literal=novalue'))).toBe('error: invalid literal source novalue, expected key=value');
    const bad = 'apiVersion: v1\nkind: Secret\nmetadata: { name: plain }\ndata: { password: admin }\n';
    expect(output(kubectl(c, 'kubectl apply -f -', bad))).toBe('Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    const plain = 'apiVersion: v1\nkind: Secret\nmetadata: { name: plain }\nstringData: { password: admin }\n';
    expect(output(kubectl(c, 'kubectl apply -f -', plain))).toBe('secret/plain created');
    expect(output(kubectl(c, 'kubectl get secret plain -o yaml'))).toMatch(/^apiVersion: v1\ndata:\n {2}password: YWRtaW4=\n/);
    const noAccount = 'apiVersion: v1\nkind: Secret\nmetadata: { name: tok }\ntype: kubernetes.io/service-account-token\n';
    expect(output(kubectl(c, 'kubectl apply -f -', noAccount))).toBe('The Secret "tok" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value');
    expect(output(kubectl(c, 'kubectl create configmap app --from-literal=mode=demo'))).toBe('configmap/app created');
    expect(output(kubectl(c, 'kubectl get configmap app -o yaml'))).toMatch(/^apiVersion: v1\ndata:\n {2}mode: demo\nkind: ConfigMap\n/);
  });
});
