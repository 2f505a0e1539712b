// POST serviceaccounts/<name>/token, the TokenRequest API: a bound token for one
// account, with an audience and an expiry. `kubectl create token` uses it, and the
// kubelet uses it for the projected token volume that ServiceAccount admission adds to
// every pod. Tokens are issued, not stored: nothing is written to etcd.

import { boundToken, DEFAULT_TOKEN_SECONDS, SA_ISSUER } from '../api/service-account-token';
import { timestamp, unixSeconds } from '../api/time';
import type { KubeObject, ServiceAccount } from '../api/types';
import { status, type KubeResult } from '../api/wire';

/** The apiserver refuses shorter tokens (ValidateTokenRequest). */
const MIN_SECONDS = 600;
const MAX_SECONDS = 2 ** 32;

export interface TokenRequestBody extends KubeObject {
  spec?: { audiences?: string[]; expirationSeconds?: number };
}

export function issueToken(sa: ServiceAccount, body: TokenRequestBody | undefined, nowMs: number, jti: string): KubeResult {
  const name = sa.metadata.name ?? '';
  const seconds = body?.spec?.expirationSeconds ?? DEFAULT_TOKEN_SECONDS;
  const invalid = (detail: string) => ({ ok: false as const, status: status('Invalid', `TokenRequest.authentication.k8s.io "${name}" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: ${detail}`) });
  if (seconds < MIN_SECONDS) return invalid('may not specify a duration less than 10 minutes');
  if (seconds > MAX_SECONDS) return invalid('may not specify a duration larger than 2^32 seconds');
  const token = boundToken({ namespace: sa.metadata.namespace ?? 'default', name, uid: sa.metadata.uid ?? '' }, unixSeconds(nowMs), seconds, jti);
  const object = {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    metadata: { name, namespace: sa.metadata.namespace, creationTimestamp: null },
    spec: { audiences: body?.spec?.audiences ?? [SA_ISSUER], boundObjectRef: null, expirationSeconds: seconds },
    status: { expirationTimestamp: timestamp(nowMs + seconds * 1000), token },
  } as unknown as KubeObject;
  return { ok: true, object };
}
