// What a ServiceAccount's credentials look like: JSON Web Tokens with the claims the
// real apiserver puts in them, and the cluster CA bundle kube-controller-manager
// publishes in every namespace as ConfigMap kube-root-ca.crt.
//
// Nothing here is cryptography. The signature and the certificate body are a
// deterministic hash of their input, so the same seed prints the same token in Node
// and in the browser, and a student sees the real shape (three base64url parts, the
// `kubernetes.io` claims) without a key pair the simulation has no use for.

/** Where a ServiceAccount token may be used (`--service-account-issuer` of kubeadm). */
export const SA_ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** The issuer of the legacy, Secret-based tokens. */
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';
export const SA_TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token';
export const SA_NAME_ANNOTATION = 'kubernetes.io/service-account.name';
export const SA_UID_ANNOTATION = 'kubernetes.io/service-account.uid';
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
export const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
/** kubectl create token's default --duration, and the TokenRequest's. */
export const DEFAULT_TOKEN_SECONDS = 3600;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 of a string's UTF-8 bytes: how Secret `data` travels in the API. */
export function base64(text: string): string {
  return encode(utf8(text), false);
}

/** Where Go's base64 decoder gives up on a value ("illegal base64 data at input byte
 * N"), or undefined when the value is valid base64. */
export function illegalBase64At(value: string): number | undefined {
  const bad = value.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = value.indexOf('=');
  if (pad >= 0 && (!/^=*$/.test(value.slice(pad)) || value.length - pad > 2)) return pad;
  if (value.length % 4 !== 0) return value.length - (value.length % 4);
  return undefined;
}

/** The decoded text of a base64 value, or undefined when it is not base64. */
export function fromBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (value[i + k] === '=' ? 0 : B64.indexOf(value[i + k]!)));
    const v = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    bytes.push((v >> 16) & 255);
    if (value[i + 2] !== '=') bytes.push((v >> 8) & 255);
    if (value[i + 3] !== '=') bytes.push(v & 255);
  }
  return utf8Decode(bytes);
}

// Hand-written UTF-8, since the core's lint allows only ES globals (no TextEncoder).
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

function utf8Decode(bytes: readonly number[]): string {
  let s = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    let c = len === 1 ? b : b & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) c = (c << 6) | ((bytes[i + k] ?? 0) & 63);
    s += String.fromCodePoint(c);
    i += len;
  }
  return s;
}

function encode(bytes: Uint8Array, url: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const v = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const n = Math.min(3, bytes.length - i);
    for (let k = 0; k <= n; k++) out += B64[(v >> (18 - 6 * k)) & 63];
    if (!url) out += '='.repeat(3 - n);
  }
  return url ? out.replace(/\+/g, '-').replace(/\//g, '_') : out;
}

function base64url(text: string): string {
  return encode(utf8(text), true);
}

/** `n` bytes that depend only on `seed` (FNV-1a, then xorshift32). */
function hashBytes(seed: string, n: number): Uint8Array {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    h >>>= 0;
    out[i] = h & 255;
  }
  return out;
}

/** The key id in the token header: the apiserver's signing key, the same for every
 * token of the cluster (kid is a hash of the public key). */
const KEY_ID = encode(hashBytes('sa.pub', 32), true);

function jwt(claims: Record<string, unknown>): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', kid: KEY_ID }));
  const body = base64url(JSON.stringify(claims));
  // An RS256 signature of a 2048-bit key is 256 bytes.
  return `${head}.${body}.${encode(hashBytes(`${head}.${body}`, 256), true)}`;
}

export interface AccountRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
}

/** A bound token, as the TokenRequest API (`kubectl create token`, the kubelet's
 * projected volume) returns it: audience, expiry, and who it speaks for. */
export function boundToken(sa: AccountRef, nowSeconds: number, seconds: number, jti: string): string {
  return jwt({
    aud: [SA_ISSUER],
    exp: nowSeconds + seconds,
    iat: nowSeconds,
    iss: SA_ISSUER,
    jti,
    'kubernetes.io': { namespace: sa.namespace, serviceaccount: { name: sa.name, uid: sa.uid } },
    nbf: nowSeconds,
    sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
  });
}

/** A legacy token, as the token controller writes it into a Secret of type
 * kubernetes.io/service-account-token: no expiry, tied to the Secret's existence. */
export function legacyToken(sa: AccountRef, secretName: string): string {
  return jwt({
    iss: LEGACY_ISSUER,
    'kubernetes.io/serviceaccount/namespace': sa.namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': sa.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.uid,
    sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
  });
}

/** The cluster CA, PEM: kubeadm's is a 2048-bit RSA certificate of about 1.1 KB. */
export const CLUSTER_CA_PEM = (() => {
  const body = 'MIIDBTCCAe2gAwIBAgII' + encode(hashBytes('kubernetes-ca', 761), false);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
})();
