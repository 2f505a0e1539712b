// What kube clients (kubelet, scheduler, controllers, kubectl) and kube-apiserver say to
// each other on :6443, as plain data: one request packet ("kube.request"), one answer
// ("kube.response"), and for watches a stream of "kube.watch" packets. Errors are
// metav1.Status objects with the real reasons and codes, so kubectl can print
// `Error from server (NotFound): pods "web-1" not found` exactly as the real one does.

import type { KubeObject } from './types';
import type { ResourceName } from './resources';

/** `token`: POST serviceaccounts/<name>/token (the TokenRequest API). `patch`: a JSON
 * merge patch (application/merge-patch+json, RFC 7386) of the object, applied to the
 * current one with no resourceVersion precondition: what controllers that set one
 * field send (node IPAM's podCIDR), so they never meet a 409 from a concurrent writer. */
export type Verb = 'get' | 'list' | 'create' | 'update' | 'updateStatus' | 'patch' | 'delete' | 'watch' | 'bind' | 'unwatch' | 'healthz' | 'token';

export interface ListOptions {
  /** "0": any version is fine (served from the watch cache); absent: a consistent read
   * from etcd. For watch: resume after this version. */
  readonly resourceVersion?: string;
  /** Only `spec.nodeName=<node>` (what the kubelet uses for its pods). */
  readonly nodeName?: string;
  /** Only `metadata.name=<name>` (the kubelet's informer of its own Node). */
  readonly name?: string;
  readonly labelSelector?: Readonly<Record<string, string>>;
}

export interface KubeRequest {
  readonly reqId: number;
  /** Set by the load balancer: which client connection this came through. It stays on
   * what comes back to the client, which so tells when the balancer's side of its
   * connection changed (a restarted balancer: the watches on the old one are gone). */
  readonly conn?: number;
  readonly verb: Verb;
  readonly resource?: ResourceName;
  readonly namespace?: string;
  readonly name?: string;
  readonly body?: KubeObject;
  readonly options?: ListOptions;
  /** delete: grace period (0 = immediately, as --force --grace-period=0). */
  readonly gracePeriodSeconds?: number;
  /** bind: the node. */
  readonly node?: string;
  /** Who is asking (the user agent), for events and the UI: "kubelet/worker-1". */
  readonly agent?: string;
}

export type StatusReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Gone'
  /** 410 as well: what an etcd-served watch (no watch cache) ends with when its start was compacted. */
  | 'Expired'
  | 'ServiceUnavailable'
  | 'InternalError'
  | 'Timeout'
  | 'MethodNotAllowed'
  | 'Forbidden'
  /** No reason: kubectl prints `Error from server: <message>` (how etcd errors reach users). */
  | '';

/** metav1.Status for a failure. */
export interface Status {
  readonly kind: 'Status';
  readonly apiVersion: 'v1';
  readonly status: 'Failure';
  readonly message: string;
  readonly reason: StatusReason;
  readonly code: number;
  readonly details?: { readonly name?: string; readonly kind?: string; readonly causes?: readonly { field: string; message: string; reason?: string }[] };
  /** Client-side only, never on the wire: the request failed in the client's transport
   * and no Status came back (src/kube/clientset/transport-errors.ts). kubectl prints
   * `message` alone; `error` is the *url.Error's text (`Get "https://…": EOF`). */
  readonly transport?: { readonly error: string };
}

export interface ObjectList {
  readonly items: readonly KubeObject[];
  readonly resourceVersion: string;
}

export type KubeResult =
  | { readonly ok: true; readonly object?: KubeObject; readonly list?: ObjectList; readonly watchId?: number }
  | { readonly ok: false; readonly status: Status };

export type KubeResponse = { readonly reqId: number; readonly conn?: number } & KubeResult;

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One watch event ("kube.watch" packet). ERROR carries a Status (e.g. 410 Gone) and
 * ends the watch. */
export interface KubeWatchEvent {
  readonly watchId: number;
  /** 1, 2, 3… per watch: the HTTP stream is ordered, the simulated network is not, so
   * the client restores the order by this number. */
  readonly seq: number;
  readonly conn?: number;
  readonly type: WatchEventType;
  readonly object?: KubeObject;
  readonly status?: Status;
  /** For BOOKMARK: the version the watcher has seen up to. */
  readonly resourceVersion?: string;
}

/** The load balancer closed a client connection (its backend went away). */
export interface KubeReset {
  readonly conn?: number;
}

const CODES: Record<StatusReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Gone: 410,
  Expired: 410,
  ServiceUnavailable: 503,
  InternalError: 500,
  Timeout: 504,
  MethodNotAllowed: 405,
  Forbidden: 403,
  '': 500,
};

export function status(reason: StatusReason, message: string, details?: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code: CODES[reason], ...(details ? { details } : {}) };
}

/** `deployments.apps "web" not found`: the group-qualified resource as errors print it. */
export function notFound(qualified: string, name: string): Status {
  return status('NotFound', `${qualified} "${name}" not found`, { name, kind: qualified.split('.')[0] });
}

export function alreadyExists(qualified: string, name: string): Status {
  return status('AlreadyExists', `${qualified} "${name}" already exists`, { name, kind: qualified.split('.')[0] });
}

export function conflict(qualified: string, name: string): Status {
  return status('Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`, {
    name,
    kind: qualified.split('.')[0],
  });
}

export function gone(message = 'too old resource version'): Status {
  return status('Gone', message);
}

/** What kubectl prints for a failed request: `Error from server (NotFound): …`, or for
 * one that never reached a server `Unable to connect to the server: EOF`. */
export function formatStatus(s: Status): string {
  // Not from a server: StandardErrorMessage prints a *url.Error without the prefix.
  if (s.transport) return s.message;
  return s.reason === '' ? `Error from server: ${s.message}` : `Error from server (${s.reason}): ${s.message}`;
}
