// The credential controllers of kube-controller-manager:
// - serviceaccount-token-controller (tokens_controller.go): a Secret of type
//   kubernetes.io/service-account-token that names an account gets a token, the CA
//   bundle and the namespace in its data; one whose account is gone (or is another
//   account of the same name, by uid) is deleted. Since 1.24 nobody creates these
//   Secrets for you: pods get short-lived bound tokens through the TokenRequest API,
//   and a long-lived token is a Secret you write yourself (the Kubernetes docs'
//   build-robot-secret example).
// - root-ca-cert-publisher: ConfigMap kube-root-ca.crt in every namespace, which the
//   projected token volume of every pod mounts as ca.crt.

import { base64, CLUSTER_CA_PEM, legacyToken, ROOT_CA_CONFIGMAP, ROOT_CA_DESCRIPTION, SA_NAME_ANNOTATION, SA_TOKEN_SECRET_TYPE, SA_UID_ANNOTATION } from '../api/service-account-token';
import type { ConfigMap, Secret, ServiceAccount } from '../api/types';
import type { Controller, ControllerContext } from './context';

export class TokensController implements Controller {
  readonly name = 'serviceaccount-token-controller';

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    const { informers } = this.ctx;
    if (!informers.secrets.synced || !informers.serviceaccounts.synced) return;
    for (const secret of informers.secrets.store.values()) {
      if (secret.type !== SA_TOKEN_SECRET_TYPE || secret.metadata.deletionTimestamp) continue;
      const ns = secret.metadata.namespace ?? 'default';
      const saName = secret.metadata.annotations?.[SA_NAME_ANNOTATION] ?? '';
      const sa = informers.serviceaccounts.get(`${ns}/${saName}`);
      const wantUid = secret.metadata.annotations?.[SA_UID_ANNOTATION];
      if (!sa || (wantUid && sa.metadata.uid !== wantUid)) this.deleteIfOrphan(secret, saName, wantUid);
      else if (needsToken(secret, sa)) this.populate(secret, sa);
    }
  }

  /** The cache may simply not have seen a new account yet: ask the apiserver (as the
   * real controller's live lookup on a cache miss does) before deleting. */
  private deleteIfOrphan(secret: Secret, saName: string, wantUid: string | undefined): void {
    const ns = secret.metadata.namespace ?? 'default';
    const release = this.ctx.claim(`token/${secret.metadata.uid}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'get', resource: 'serviceaccounts', namespace: ns, name: saName }, (r) => {
      const live = r.ok ? (r.object as ServiceAccount | undefined) : undefined;
      const gone = (!r.ok && r.status.reason === 'NotFound') || (live !== undefined && wantUid !== undefined && live.metadata.uid !== wantUid);
      if (!gone) return release();
      this.ctx.client.request({ verb: 'delete', resource: 'secrets', namespace: ns, name: secret.metadata.name }, release);
    });
  }

  private populate(secret: Secret, sa: ServiceAccount): void {
    const release = this.ctx.claim(`token/${secret.metadata.uid}`);
    if (!release) return;
    const ns = secret.metadata.namespace ?? 'default';
    const account = { namespace: ns, name: sa.metadata.name ?? '', uid: sa.metadata.uid ?? '' };
    const body: Secret = {
      ...secret,
      metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, [SA_UID_ANNOTATION]: account.uid } },
      data: { ...secret.data, 'ca.crt': base64(CLUSTER_CA_PEM), namespace: base64(ns), token: base64(legacyToken(account, secret.metadata.name ?? '')) },
    };
    this.ctx.client.request({ verb: 'update', resource: 'secrets', namespace: ns, name: secret.metadata.name, body }, release);
  }
}

function needsToken(secret: Secret, sa: ServiceAccount): boolean {
  const d = secret.data ?? {};
  return !d['token'] || !d['ca.crt'] || !d['namespace'] || secret.metadata.annotations?.[SA_UID_ANNOTATION] !== sa.metadata.uid;
}

export class RootCACertPublisher implements Controller {
  readonly name = 'root-ca-cert-publisher';

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    const { informers } = this.ctx;
    if (!informers.configmaps.synced || !informers.namespaces.synced) return;
    for (const ns of informers.namespaces.store.values()) {
      const name = ns.metadata.name ?? '';
      if (ns.metadata.deletionTimestamp) continue;
      const cur = informers.configmaps.get(`${name}/${ROOT_CA_CONFIGMAP}`);
      if (cur && cur.data?.['ca.crt'] === CLUSTER_CA_PEM && cur.metadata.annotations?.['kubernetes.io/description'] === ROOT_CA_DESCRIPTION) continue;
      const release = this.ctx.claim(`rootca/${name}`);
      if (!release) continue;
      const body: ConfigMap = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { ...(cur?.metadata ?? { name: ROOT_CA_CONFIGMAP, namespace: name }), annotations: { ...cur?.metadata.annotations, 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
        data: { 'ca.crt': CLUSTER_CA_PEM },
      };
      this.ctx.client.request({ verb: cur ? 'update' : 'create', resource: 'configmaps', namespace: name, ...(cur ? { name: ROOT_CA_CONFIGMAP } : {}), body }, release);
    }
  }
}
