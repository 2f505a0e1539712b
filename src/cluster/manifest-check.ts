// A scenario's manifests are checked before the run as `kubectl apply` would have them
// checked (contracts.md §2): strict decoding (an unknown field such as `replica: 3` is
// refused), then the apiserver's defaults and validation. The checks are the
// apiserver's own (src/kube/api): this file only calls them and names the document,
// so what the apiserver refuses and what a scenario file refuses stay the same.

import { applyDefaults } from '../kube/api/defaults';
import type { ResourceInfo } from '../kube/api/resources';
import { decodeTypeError, unknownFields } from '../kube/api/decode';
import type { KubeObject } from '../kube/api/types';
import { invalidStatus, validate } from '../kube/api/validation';

export interface ManifestProblem {
  /** The field's path inside the document ("spec.replica"), "" for the whole object. */
  readonly field: string;
  /** What kubectl would print. */
  readonly message: string;
}

/** The first problem kubectl apply would report for this object, or undefined. The
 * object must already have apiVersion, kind and metadata.name (scenario.ts checks). */
export function manifestProblem(obj: Record<string, unknown>, r: ResourceInfo): ManifestProblem | undefined {
  const kind = r.kind;
  const apiVersion = String(obj.apiVersion);
  const head = `${kind} in version "${apiVersion.slice(apiVersion.indexOf('/') + 1)}" cannot be handled as a ${kind}`;
  // The apiserver's order (decodeFailure in src/kube/api/decode.ts): a type error, then
  // strict decoding's unknown fields.
  const typed = decodeTypeError(kind, obj);
  if (typed) return { field: '', message: `${head}: ${typed}` };
  const unknown = unknownFields(obj);
  if (unknown.length > 0) return { field: unknown[0]!, message: `${head}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}` };
  const meta = obj.metadata as Record<string, unknown>;
  // As the apiserver does on create: a namespaced object lands in `default`.
  const withNs = r.namespaced && meta.namespace === undefined ? { ...obj, metadata: { ...meta, namespace: 'default' } } : obj;
  let defaulted: KubeObject;
  let errors: ReturnType<typeof validate>;
  try {
    defaulted = applyDefaults(withNs as unknown as KubeObject);
    errors = validate(defaulted, r);
  } catch (e) {
    // A shape the checks did not expect: the apiserver could not decode it either.
    return { field: '', message: `${kind} "${String(meta.name)}" cannot be decoded: ${(e as Error).message}` };
  }
  if (errors.length === 0) return undefined;
  return { field: errors[0]!.field, message: invalidStatus(defaulted, r, errors).message };
}
