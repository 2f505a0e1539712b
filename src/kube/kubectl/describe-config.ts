// kubectl describe for the kinds that carry configuration and identity: Service (with
// its endpoints, from the EndpointSlices), Secret (values shown as sizes, except a
// service-account token), ConfigMap (values in full) and ServiceAccount (its token
// Secrets). Texts follow kubectl 1.31's describe.go.

import { fromBase64, SA_NAME_ANNOTATION, SA_TOKEN_SECRET_TYPE, SA_UID_ANNOTATION } from '../api/service-account-token';
import type { ConfigMap, EndpointSlice, Secret, Service, ServiceAccount } from '../api/types';
import { annotationsMultiline, labelsMultiline } from './describe-meta';
import type { W } from './describe-unstructured';

function head(w: W, o: { metadata: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> } }): void {
  w(0, `Name:\t${o.metadata.name ?? ''}\n`);
  w(0, `Namespace:\t${o.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', o.metadata.labels);
  annotationsMultiline(w, 'Annotations', o.metadata.annotations);
}

/** "10.244.1.2:80,10.244.2.3:80 + 2 more...": ready endpoints of the port's name, as
 * formatEndpoints prints them (at most three). */
function endpointsFor(slices: readonly EndpointSlice[], portName: string | undefined): string {
  const out: string[] = [];
  for (const s of slices) {
    const port = (s.ports ?? []).find((p) => (p.name ?? '') === (portName ?? ''));
    if (!port) continue;
    for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) out.push(`${a}:${port.port ?? ''}`);
  }
  if (out.length === 0) return '<none>';
  return out.length > 3 ? `${out.slice(0, 3).join(',')} + ${out.length - 3} more...` : out.join(',');
}

export function describeService(w: W, svc: Service, slices: readonly EndpointSlice[]): void {
  const s = svc.spec as Service['spec'] & { externalIPs?: string[]; externalTrafficPolicy?: string; ipFamilyPolicy?: string; ipFamilies?: string[]; clusterIPs?: string[] };
  head(w, svc);
  const sel = Object.entries(s.selector ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`).join(',');
  w(0, `Selector:\t${sel || '<none>'}\n`);
  w(0, `Type:\t${s.type ?? 'ClusterIP'}\n`);
  if (s.ipFamilyPolicy) w(0, `IP Family Policy:\t${s.ipFamilyPolicy}\n`);
  w(0, `IP Families:\t${s.ipFamilies?.length ? s.ipFamilies.join(',') : '<none>'}\n`);
  w(0, `IP:\t${s.clusterIP ?? ''}\n`);
  if (s.clusterIPs?.length) w(0, `IPs:\t${s.clusterIPs.join(',')}\n`);
  if (s.externalIPs?.length) w(0, `External IPs:\t${s.externalIPs.join(',')}\n`);
  // kubectl's buildIngressString: each IP (or hostname), with its ipMode in brackets.
  const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string; hostname?: string; ipMode?: string }[];
  if (ingress.length > 0) w(0, `LoadBalancer Ingress:\t${ingress.map((i) => `${i.ip ?? i.hostname ?? ''}${i.ipMode ? ` (${i.ipMode})` : ''}`).join(', ')}\n`);
  for (const p of s.ports ?? []) {
    w(0, `Port:\t${p.name || '<unset>'}\t${p.port}/${p.protocol ?? 'TCP'}\n`);
    w(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}\n`);
    if (p.nodePort) w(0, `NodePort:\t${p.name || '<unset>'}\t${p.nodePort}/${p.protocol ?? 'TCP'}\n`);
    w(0, `Endpoints:\t${endpointsFor(slices, p.name)}\n`);
  }
  w(0, `Session Affinity:\t${s.sessionAffinity ?? 'None'}\n`);
  if (s.externalTrafficPolicy) w(0, `External Traffic Policy:\t${s.externalTrafficPolicy}\n`);
  if (s.internalTrafficPolicy) w(0, `Internal Traffic Policy:\t${s.internalTrafficPolicy}\n`);
}

/** Values as byte counts, never the secret itself; a service-account token is the
 * exception kubectl makes (it is what people describe the Secret for). */
export function describeSecret(w: W, secret: Secret): void {
  head(w, secret);
  w(0, `\nType:\t${secret.type ?? 'Opaque'}\n`);
  w(0, '\nData\n====\n');
  for (const k of Object.keys(secret.data ?? {}).sort()) {
    const text = fromBase64(secret.data![k]!) ?? '';
    if (k === 'token' && secret.type === SA_TOKEN_SECRET_TYPE) w(0, `${k}:\t${text}\n`);
    else w(0, `${k}:\t${utf8Length(text)} bytes\n`);
  }
}

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

export function describeConfigMap(w: W, cm: ConfigMap): void {
  head(w, cm);
  w(0, '\nData\n====\n');
  for (const k of Object.keys(cm.data ?? {}).sort()) w(0, `${k}:\n----\n${cm.data![k]}\n`);
  w(0, '\nBinaryData\n====\n');
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) w(0, `${k}: ${(fromBase64(cm.binaryData![k]!) ?? '').length} bytes\n`);
  w(0, '\n');
}

/** The three lists under fixed-width headers, as describeServiceAccount pads them. */
export function describeServiceAccount(w: W, sa: ServiceAccount, secrets: readonly Secret[]): void {
  head(w, sa);
  const tokens = secrets
    .filter((s) => s.type === SA_TOKEN_SECRET_TYPE && s.metadata.annotations?.[SA_NAME_ANNOTATION] === sa.metadata.name && s.metadata.annotations?.[SA_UID_ANNOTATION] === sa.metadata.uid)
    .map((s) => s.metadata.name ?? '')
    .sort();
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const mountable = (sa.secrets ?? []).map((r) => r.name);
  const pulls = ((sa as { imagePullSecrets?: { name: string }[] }).imagePullSecrets ?? []).map((r) => r.name);
  const lists: [string, string[]][] = [['Image pull secrets:', pulls], ['Mountable secrets: ', mountable], ['Tokens:            ', tokens]];
  for (const [header, names] of lists) {
    if (names.length === 0) {
      w(0, `${header}\t<none>\n`);
      continue;
    }
    names.forEach((n, i) => w(0, `${i === 0 ? header : ' '.repeat(19)}\t${n}${existing.has(n) ? '' : ' (not found)'}\n`));
  }
}
