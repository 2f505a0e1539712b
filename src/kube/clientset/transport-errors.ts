// What a client sees when a request fails in its own transport and no Status comes
// back from a server. client-go returns a *url.Error (`Get "https://lb:6443/api/v1/…":
// EOF`), and kubectl prints it through cmdutil.StandardErrorMessage
// (staging/src/k8s.io/kubectl/pkg/cmd/util/helpers.go):
//   connection refused → The connection to the server lb:6443 was refused - did you specify the right host or port?
//   anything else      → Unable to connect to the server: <the error inside the url.Error>
// never `Error from server: …`, which is for a Status the server returned. With a
// file (`apply -f`), AddSourceToErr wraps the url.Error itself, which CheckErr prints as
// `error: error when creating "STDIN": Post "https://lb:6443/…": EOF`.
//
// The causes this simulation produces:
// - EOF: the load balancer closed the connection (its backend died, or it had none up:
//   HAProxy in tcp mode, as kubeadm's HA guide sets it up, accepts and then closes).
// - a timeout: nothing answered. kubectl sets no request timeout by default, so what
//   ends its wait is the TLS handshake's (10 s): the TCP connection to the load balancer
//   opened, the apiserver behind it never answered. (A load balancer that is itself
//   down would give `dial tcp …: i/o timeout` after 30 s; the client cannot tell the two
//   apart here.) In-cluster clients keep client-go's request timeout text.

import type { Endpoint } from '../../sim/packet';
import { RESOURCES } from '../api/resources';
import { status, type KubeRequest, type Status } from '../api/wire';

export const EOF = 'EOF';
/** client-go with a request timeout (the components' clients). */
export const CLIENT_TIMEOUT = 'net/http: request canceled (Client.Timeout exceeded while awaiting headers)';
/** kubectl, which sets none: the TLS handshake's timeout ends the wait. */
export const TLS_HANDSHAKE_TIMEOUT = 'net/http: TLS handshake timeout';
/** Nothing listens at the address (the host answered with a reset). */
export const CONNECTION_REFUSED = (server: Endpoint) => `dial tcp ${server.host}:${server.port}: connect: connection refused`;

type Call = Pick<KubeRequest, 'verb' | 'resource' | 'namespace' | 'name'>;

const METHOD: Readonly<Record<KubeRequest['verb'], string>> = {
  get: 'Get', list: 'Get', watch: 'Get', healthz: 'Get', unwatch: 'Get',
  create: 'Post', bind: 'Post', token: 'Post',
  update: 'Put', updateStatus: 'Put', patch: 'Patch',
  delete: 'Delete',
};

/** The HTTP method of a verb, as Go spells it ("Post"). */
export function requestMethod(verb: KubeRequest['verb']): string {
  return METHOD[verb];
}

/** The request's URL as client-go builds it (without its query string). */
export function requestUrl(server: Endpoint, call: Call): string {
  const base = `https://${server.host}:${server.port}`;
  if (call.verb === 'healthz' || !call.resource) return `${base}/healthz`;
  const r = RESOURCES[call.resource];
  const group = r.apiVersion === 'v1' ? '/api/v1' : `/apis/${r.apiVersion}`;
  const ns = r.namespaced && call.namespace ? `/namespaces/${call.namespace}` : '';
  const name = call.name && call.verb !== 'create' && call.verb !== 'list' ? `/${call.name}` : '';
  const sub = call.verb === 'updateStatus' ? '/status' : call.verb === 'bind' ? '/binding' : call.verb === 'token' ? '/token' : '';
  return `${base}${group}${ns}/${r.name}${name}${sub}`;
}

/** The Status a client hands its caller for a transport failure: `message` is what
 * kubectl prints, `transport.error` the url.Error's own text. */
export function transportStatus(cause: string, server: Endpoint, call?: Call): Status {
  const message = cause.endsWith('connection refused')
    ? `The connection to the server ${server.host}:${server.port} was refused - did you specify the right host or port?`
    : `Unable to connect to the server: ${cause}`;
  const error = call ? `${METHOD[call.verb]} "${requestUrl(server, call)}": ${cause}` : cause;
  return { ...status('', message), transport: { error } };
}
