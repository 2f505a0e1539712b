// Endpoints and EndpointSlice validation (pkg/apis/core/validation ValidateEndpoints,
// pkg/apis/discovery/validation), the parts a hand-written object meets, in the real texts.

import { fieldChecks as F, type FieldError } from './validation';

type Obj = Record<string, unknown>;

/** ValidateEndpointSlice: a known address type, at least one address per endpoint. */
export function validateEndpointSlice(obj: Obj, out: FieldError[]): void {
  if (obj.addressType === undefined || obj.addressType === null || obj.addressType === '') out.push(F.required('addressType'));
  else F.oneOf(out, 'addressType', obj.addressType, ['FQDN', 'IPv4', 'IPv6']);
  F.arr(obj.endpoints).forEach((raw, i) => {
    if (F.arr(F.rec(raw).addresses).length === 0) out.push(F.required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
  });
}

/** ValidateEndpoints: every address a valid IPv4 address, every port in 1–65535 with a
 * known protocol if one is given (the subset of the real checks a hand-written Endpoints meets). */
export function validateEndpoints(obj: Obj, out: FieldError[]): void {
  F.arr(obj.subsets).forEach((rawSs, i) => {
    const ss = F.rec(rawSs);
    for (const list of ['addresses', 'notReadyAddresses'] as const) {
      F.arr(ss[list]).forEach((a, j) => {
        const ip = F.rec(a).ip;
        const ok = typeof ip === 'string' && /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(ip);
        if (!ok) out.push(F.invalid(`subsets[${i}].${list}[${j}].ip`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
      });
    }
    F.arr(ss.ports).forEach((p, j) => {
      const port = F.rec(p).port;
      if (typeof port !== 'number' || port < 1 || port > 65535) out.push(F.invalid(`subsets[${i}].ports[${j}].port`, port, 'must be between 1 and 65535, inclusive'));
      const protocol = F.rec(p).protocol;
      // An empty protocol is defaulted to TCP (SetDefaults_EndpointPort).
      if (protocol !== undefined && protocol !== '') F.oneOf(out, `subsets[${i}].ports[${j}].protocol`, protocol, ['SCTP', 'TCP', 'UDP']);
    });
  });
}
