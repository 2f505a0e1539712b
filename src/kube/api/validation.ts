// Field validation on create and update, as kube-apiserver's registry strategies run it
// (k8s.io/kubernetes pkg/apis/*/validation, v1.30), and the 422 Status built from the
// errors. Messages are the real ones word for word — kubectl prints them verbatim and
// people paste them into search engines, so a paraphrase would teach the wrong text.
//
// Validation runs after defaulting (defaults.ts), so a defaulted field that is absent
// here was simply not defaulted yet and is accepted; an explicit "" is "Required", as in
// Go where "" is the unset value.

import { validateCronJob, validateJob } from './validation-batch';
import { validateEndpoints, validateEndpointSlice } from './validation-endpoints';
import { matchesSelector } from './labels';
import { base64Bytes, MAX_ANNOTATION_BYTES, MAX_CONFIG_BYTES, utf8Length } from './sizes';
import { isQuantity, parseMilli } from './quantity';
import type { ResourceInfo, ResourceName } from './resources';
import type { KubeObject } from './types';
import { status, type Status } from './wire';

export type FieldErrorType = 'Required' | 'Invalid' | 'Unsupported' | 'Duplicate' | 'Forbidden' | 'TooLong';

export interface FieldError {
  field: string;
  type: FieldErrorType;
  value?: unknown;
  detail: string;
}

// Bodies come from user YAML, so nothing below trusts the declared types.
type Obj = Record<string, unknown>;
const rec = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

const required = (field: string, detail = ''): FieldError => ({ field, type: 'Required', detail });
const invalid = (field: string, value: unknown, detail: string): FieldError => ({ field, type: 'Invalid', value, detail });
const duplicate = (field: string, value: unknown): FieldError => ({ field, type: 'Duplicate', value, detail: '' });
const forbidden = (field: string, detail: string): FieldError => ({ field, type: 'Forbidden', detail });
const tooLong = (field: string, maxBytes: number): FieldError => ({ field, type: 'TooLong', detail: `must have at most ${maxBytes} bytes` });
const unsupported = (field: string, value: unknown, valid: readonly string[]): FieldError =>
  ({ field, type: 'Unsupported', value, detail: `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` });

// ---- string formats (k8s.io/apimachinery/pkg/util/validation) ----

/** Go's RegexError, including the doubled space it leaves between examples. */
function regexError(msg: string, fmt: string, ...examples: string[]): string {
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
const maxLen = (n: number): string => `must be no more than ${n} characters`;
const anchored = (fmt: string): RegExp => new RegExp(`^${fmt}$`);

const LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN_FMT = `${LABEL_FMT}(\\.${LABEL_FMT})*`;
const DNS1035_FMT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const QNAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const LABEL_VALUE_FMT = `(${QNAME_FMT})?`;
const QNAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const [LABEL_RE, SUBDOMAIN_RE, DNS1035_RE, QNAME_RE, LABEL_VALUE_RE] = [LABEL_FMT, SUBDOMAIN_FMT, DNS1035_FMT, QNAME_FMT, LABEL_VALUE_FMT].map(anchored) as [RegExp, RegExp, RegExp, RegExp, RegExp];

type Check = (v: string) => string[];
/** The common shape of these checks: a length limit, then a pattern. */
const shaped = (max: number, re: RegExp, msg: string): Check => (v) => [...(v.length > max ? [maxLen(max)] : []), ...(re.test(v) ? [] : [msg])];

export const dns1123Subdomain = shaped(253, SUBDOMAIN_RE, regexError("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character", SUBDOMAIN_FMT, 'example.com'));
const LABEL_REGEX_MSG = regexError("a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character", LABEL_FMT, 'my-name', '123-abc');
/** A valid subdomain that is not a valid label (within the length) can only have dots. */
export const dns1123Label: Check = (v) => shaped(63, LABEL_RE, SUBDOMAIN_RE.test(v) ? 'must not contain dots' : LABEL_REGEX_MSG)(v);
export const dns1035Label = shaped(63, DNS1035_RE, regexError("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character", DNS1035_FMT, 'my-name', 'abc-123'));

/** A label key: an optional DNS-subdomain prefix and "/", then a name of ≤ 63 characters. */
export const qualifiedName: Check = (v) => {
  const parts = v.split('/');
  const nameMsg = regexError(QNAME_MSG, QNAME_FMT, 'MyName', 'my.name', '123-abc');
  if (parts.length > 2) return [`a qualified name ${nameMsg} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  const errs: string[] = [];
  if (parts.length === 2) {
    if (parts[0] === '') errs.push('prefix part must be non-empty');
    else errs.push(...dns1123Subdomain(parts[0]!).map((m) => `prefix part ${m}`));
  }
  const name = parts[parts.length - 1]!;
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push(`name part ${maxLen(63)}`);
  if (!QNAME_RE.test(name)) errs.push(`name part ${nameMsg}`);
  return errs;
};

export const labelValue = shaped(63, LABEL_VALUE_RE, regexError(`a valid label must be an empty string or ${QNAME_MSG.slice('must '.length)}`, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));

/** An IANA_SVC_NAME: what a named port may be called. */
const portName: Check = (v) => [
  ...(v.length > 15 ? [maxLen(15)] : []),
  ...(/^[-a-z0-9]+$/.test(v) ? [] : ['must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)']),
  ...(/[a-z]/.test(v) ? [] : ['must contain at least one letter (a-z)']),
  ...(v.includes('--') ? ['must not contain consecutive hyphens'] : []),
  ...(v.startsWith('-') || v.endsWith('-') ? ['must not begin or end with a hyphen'] : []),
];

const portRange = (p: unknown): string[] => (typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 65535 ? [] : ['must be between 1 and 65535, inclusive']);
const each = (out: FieldError[], field: string, value: unknown, msgs: string[]): void => msgs.forEach((m) => out.push(invalid(field, value, m)));
const nonNegative = (out: FieldError[], field: string, v: unknown): void => {
  if (typeof v === 'number' && v < 0) out.push(invalid(field, v, 'must be greater than or equal to 0'));
};
/** A defaulted enum: absent is fine (not defaulted yet), "" is Required, others must be listed. */
const oneOf = (out: FieldError[], field: string, v: unknown, valid: readonly string[]): void => {
  if (v === undefined) return;
  if (v === '' || v === null) out.push(required(field));
  else if (!valid.includes(str(v))) out.push(unsupported(field, v, valid));
};

// ---- metadata ----

/** Services are DNS-1035 labels (they become DNS names and env var prefixes), namespaces
 * DNS-1123 labels; everything else here is a DNS-1123 subdomain. */
const NAME_CHECKS: Partial<Record<ResourceName, Check>> = { services: dns1035Label, namespaces: dns1123Label };

function validateLabels(labels: unknown, field: string, out: FieldError[]): void {
  for (const [k, v] of Object.entries(rec(labels))) {
    each(out, field, k, qualifiedName(k));
    each(out, field, str(v), labelValue(str(v)));
  }
}

function validateMeta(meta: Obj, r: ResourceInfo, out: FieldError[]): void {
  const check = NAME_CHECKS[r.name] ?? dns1123Subdomain;
  const gen = str(meta.generateName);
  // A prefix may end in '-'; Go masks that (drops two characters, adds "a") before checking.
  if (gen) each(out, 'metadata.generateName', gen, check(gen.length > 1 && gen.endsWith('-') ? `${gen.slice(0, -2)}a` : gen));
  const name = str(meta.name);
  if (!name) out.push(required('metadata.name', 'name or generateName is required'));
  else each(out, 'metadata.name', name, check(name));
  const ns = str(meta.namespace);
  if (r.namespaced) {
    if (!ns) out.push(required('metadata.namespace'));
    else each(out, 'metadata.namespace', ns, dns1123Label(ns));
  } else if (ns) out.push(forbidden('metadata.namespace', 'not allowed on this type'));
  validateLabels(meta.labels, 'metadata.labels', out);
  // ValidateAnnotations: all of them together (kubectl apply's last-applied copy counts).
  let annotationBytes = 0;
  for (const [k, v] of Object.entries(rec(meta.annotations))) annotationBytes += utf8Length(k) + utf8Length(str(v));
  if (annotationBytes > MAX_ANNOTATION_BYTES) out.push(tooLong('metadata.annotations', MAX_ANNOTATION_BYTES));
}



// ---- pods ----

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
/** Resources whose request may be below the limit; others (hugepages, extended) must be equal. */
const OVERCOMMITTABLE = new Set(STANDARD_CONTAINER_RESOURCES);
const QUANTITY_REGEX_MSG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

function validateResources(res: Obj, path: string, out: FieldError[]): void {
  const limits = rec(res.limits);
  for (const kind of ['limits', 'requests'] as const) {
    for (const [name, q] of Object.entries(rec(res[kind]))) {
      const field = `${path}.${kind}[${name}]`;
      if (!name.includes('/') && !STANDARD_CONTAINER_RESOURCES.includes(name) && !name.startsWith('hugepages-')) out.push(invalid(field, name, 'must be a standard resource for containers'));
      const text = str(q);
      // Real apiservers reject a malformed quantity while decoding; we report it on its field.
      if (text.startsWith('-') && isQuantity(text.slice(1))) out.push(invalid(field, text, 'must be greater than or equal to 0'));
      else if (!isQuantity(q)) out.push(invalid(field, q, QUANTITY_REGEX_MSG));
      else if (kind === 'requests' && limits[name] !== undefined && isQuantity(limits[name])) {
        const [req, lim] = [parseMilli(text), parseMilli(str(limits[name]))];
        if (!OVERCOMMITTABLE.has(name) && req !== lim) out.push(invalid(`${path}.requests`, text, `must be equal to ${name} limit of ${str(limits[name])}`));
        else if (req > lim) out.push(invalid(`${path}.requests`, text, `must be less than or equal to ${name} limit of ${str(limits[name])}`));
      }
    }
  }
}

function validateContainer(c: Obj, path: string, out: FieldError[]): void {
  const name = str(c.name);
  if (!name) out.push(required(`${path}.name`));
  else each(out, `${path}.name`, name, dns1123Label(name));
  if (!str(c.image)) out.push(required(`${path}.image`));
  oneOf(out, `${path}.terminationMessagePolicy`, c.terminationMessagePolicy, ['File', 'FallbackToLogsOnError']);
  const portNames = new Set<string>();
  arr(c.ports).forEach((raw, i) => {
    const p = rec(raw);
    const at = `${path}.ports[${i}]`;
    const pn = str(p.name);
    if (pn && portName(pn).length > 0) each(out, `${at}.name`, pn, portName(pn));
    else if (pn && portNames.has(pn)) out.push(duplicate(`${at}.name`, pn));
    else if (pn) portNames.add(pn);
    if (p.containerPort === undefined || p.containerPort === 0) out.push(required(`${at}.containerPort`));
    else each(out, `${at}.containerPort`, p.containerPort, portRange(p.containerPort));
    oneOf(out, `${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']);
  });
  oneOf(out, `${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']);
  validateResources(rec(c.resources), `${path}.resources`, out);
}

function validatePodSpec(spec: unknown, path: string, out: FieldError[]): void {
  const s = rec(spec);
  const containers = arr(s.containers);
  if (containers.length === 0) out.push(required(`${path}.containers`));
  const names = new Set<string>();
  containers.forEach((raw, i) => {
    const c = rec(raw);
    validateContainer(c, `${path}.containers[${i}]`, out);
    const name = str(c.name);
    if (name && names.has(name)) out.push(duplicate(`${path}.containers[${i}].name`, name));
    names.add(name);
  });
  oneOf(out, `${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']);
  oneOf(out, `${path}.dnsPolicy`, s.dnsPolicy, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']);
  validateLabels(s.nodeSelector, `${path}.nodeSelector`, out);
  const sa = str(s.serviceAccountName);
  if (sa) each(out, `${path}.serviceAccountName`, sa, dns1123Subdomain(sa));
  const node = str(s.nodeName);
  if (node) each(out, `${path}.nodeName`, node, dns1123Subdomain(node));
}

// ---- deployments and replicasets ----

function validateSelector(sel: Obj, path: string, out: FieldError[]): void {
  validateLabels(sel.matchLabels, `${path}.matchLabels`, out);
  arr(sel.matchExpressions).forEach((raw, i) => {
    const e = rec(raw);
    const at = `${path}.matchExpressions[${i}]`;
    const values = arr(e.values);
    if (e.operator === 'In' || e.operator === 'NotIn') {
      if (values.length === 0) out.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
      if (values.length > 0) out.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else out.push(invalid(`${at}.operator`, e.operator, 'not a valid selector operator'));
    each(out, `${at}.key`, e.key, qualifiedName(str(e.key)));
  });
  if (Object.keys(rec(sel.matchLabels)).length + arr(sel.matchExpressions).length === 0) out.push(invalid(path, sel, 'empty selector is invalid for deployment'));
}

function validateWorkload(spec: unknown, deployment: boolean, out: FieldError[]): void {
  const s = rec(spec);
  nonNegative(out, 'spec.replicas', s.replicas);
  if (!deployment) nonNegative(out, 'spec.minReadySeconds', s.minReadySeconds);
  if (s.selector === undefined || s.selector === null) out.push(required('spec.selector'));
  else validateSelector(rec(s.selector), 'spec.selector', out);
  const template = rec(s.template);
  const labels = rec(template.metadata).labels as Record<string, string> | undefined;
  // A missing selector selects nothing (so it cannot match); an empty one selects
  // everything (and was reported above).
  const sel = s.selector === undefined || s.selector === null ? undefined : rec(s.selector);
  const empty = sel !== undefined && Object.keys(rec(sel.matchLabels)).length + arr(sel.matchExpressions).length === 0;
  if (!empty && (sel === undefined || !matchesSelector(sel, labels))) out.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  validateLabels(labels, 'spec.template.labels', out);
  validatePodSpec(template.spec, 'spec.template.spec', out);
  const rp = rec(template.spec).restartPolicy;
  if (rp !== undefined && rp !== 'Always') out.push(unsupported('spec.template.spec.restartPolicy', rp, ['Always']));
  if (!deployment) return;
  const strategy = rec(s.strategy);
  oneOf(out, 'spec.strategy.type', strategy.type, ['Recreate', 'RollingUpdate']);
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined) out.push(forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  const ru = rec(strategy.rollingUpdate);
  // ValidatePositiveIntOrPercent (and at most 100% unavailable).
  for (const f of ['maxSurge', 'maxUnavailable'] as const) {
    const v = ru[f];
    const at = `spec.strategy.rollingUpdate.${f}`;
    if (typeof v === 'string') {
      if (!/^[0-9]+%$/.test(v)) out.push(invalid(at, v, regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%')));
      else if (f === 'maxUnavailable' && Number(v.slice(0, -1)) > 100) out.push(invalid(at, v, 'must not be greater than 100%'));
    } else nonNegative(out, at, v);
  }
  const zero = (v: unknown): boolean => v === 0 || v === '0%';
  if (zero(ru.maxSurge) && zero(ru.maxUnavailable)) out.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', ru.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
  for (const f of ['minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds']) nonNegative(out, `spec.${f}`, s[f]);
}

// ---- services ----

function validateService(spec: unknown, out: FieldError[]): void {
  const s = rec(spec);
  const ports = arr(s.ports);
  if (ports.length === 0 && s.clusterIP !== 'None' && s.type !== 'ExternalName') out.push(required('spec.ports'));
  if (s.type === 'ExternalName') {
    const en = str(s.externalName);
    if (!en) out.push(required('spec.externalName'));
    else each(out, 'spec.externalName', en, dns1123Subdomain(en));
  }
  const names = new Set<string>();
  ports.forEach((raw, i) => {
    const p = rec(raw);
    const at = `spec.ports[${i}]`;
    const name = str(p.name);
    // With several ports each needs a name: endpoints and env vars are keyed by it.
    if (ports.length > 1 && !name) out.push(required(`${at}.name`));
    else if (name) {
      each(out, `${at}.name`, name, dns1123Label(name));
      if (names.has(name)) out.push(duplicate(`${at}.name`, name));
      names.add(name);
    }
    each(out, `${at}.port`, p.port, portRange(p.port));
    oneOf(out, `${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']);
    if (typeof p.targetPort === 'string') each(out, `${at}.targetPort`, p.targetPort, portName(p.targetPort));
    else if (p.targetPort !== undefined) each(out, `${at}.targetPort`, p.targetPort, portRange(p.targetPort));
    if (p.nodePort !== undefined && (s.type === undefined || s.type === 'ClusterIP')) out.push(forbidden(`${at}.nodePort`, "may not be used when `type` is 'ClusterIP'"));
  });
  validateLabels(s.selector, 'spec.selector', out);
  oneOf(out, 'spec.sessionAffinity', s.sessionAffinity, ['ClientIP', 'None']);
  oneOf(out, 'spec.type', s.type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']);
}

// ---- secrets and configmaps ----

const CONFIG_KEY_FMT = '[-._a-zA-Z0-9]+';
const configKey: Check = (v) => [
  ...(v.length > 253 ? [maxLen(253)] : []),
  ...(anchored(CONFIG_KEY_FMT).test(v) ? [] : [regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'", CONFIG_KEY_FMT, 'key.name', 'KEY_NAME', 'key-name')]),
  ...(v === '.' ? ["must not be '.'"] : v === '..' ? ["must not be '..'"] : v.startsWith('..') ? ["must not start with '..'"] : []),
];

function validateKeys(data: unknown, field: string, out: FieldError[]): void {
  for (const k of Object.keys(rec(data))) each(out, `${field}[${k}]`, k, configKey(k));
}

/** ValidateSecret: keys like file names; a token Secret must name its account. */
function validateSecret(obj: Obj, out: FieldError[]): void {
  validateKeys(obj.data, 'data', out);
  let bytes = 0;
  for (const [k, v] of Object.entries(rec(obj.data))) bytes += utf8Length(k) + base64Bytes(str(v));
  if (bytes > MAX_CONFIG_BYTES) out.push(tooLong('data', MAX_CONFIG_BYTES));
  if (str(obj.type) === 'kubernetes.io/service-account-token' && !str(rec(rec(obj.metadata).annotations)['kubernetes.io/service-account.name'])) {
    out.push(required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
}

/** Every field error in the object; empty when it may be stored. Lease, Node, Namespace,
 * Event, EndpointSlice and ServiceAccount get metadata checks only. */
export function validate(obj: KubeObject, resource: ResourceInfo): FieldError[] {
  const out: FieldError[] = [];
  validateMeta(rec(obj.metadata), resource, out);
  if (resource.name === 'pods') validatePodSpec(obj.spec, 'spec', out);
  else if (resource.name === 'deployments' || resource.name === 'replicasets') validateWorkload(obj.spec, resource.name === 'deployments', out);
  else if (resource.name === 'services') validateService(obj.spec, out);
  else if (resource.name === 'secrets') validateSecret(rec(obj), out);
  else if (resource.name === 'endpointslices') validateEndpointSlice(rec(obj), out);
  else if (resource.name === 'endpoints') validateEndpoints(rec(obj), out);
  else if (resource.name === 'jobs') validateJob(rec(obj), out);
  else if (resource.name === 'cronjobs') validateCronJob(rec(obj), out);
  else if (resource.name === 'configmaps') {
    validateKeys((obj as { data?: unknown }).data, 'data', out);
    validateKeys((obj as { binaryData?: unknown }).binaryData, 'binaryData', out);
    let bytes = 0;
    for (const [k, v] of Object.entries(rec((obj as { data?: unknown }).data))) bytes += utf8Length(k) + utf8Length(str(v));
    for (const [k, v] of Object.entries(rec((obj as { binaryData?: unknown }).binaryData))) bytes += utf8Length(k) + base64Bytes(str(v));
    // The real field path is the empty one: kubectl prints "[]: Too long: …".
    if (bytes > MAX_CONFIG_BYTES) out.push(tooLong('[]', MAX_CONFIG_BYTES));
  }
  return out;
}

/** For the batch kinds' checks (validation-batch.ts). */
export const fieldChecks = { rec, arr, str, required, invalid, forbidden, unsupported, nonNegative, oneOf, validateLabels, validatePodSpec };

// ---- the error text ----

const TYPE_TEXT: Record<FieldErrorType, string> = { Required: 'Required value', Invalid: 'Invalid value', Unsupported: 'Unsupported value', Duplicate: 'Duplicate value', Forbidden: 'Forbidden', TooLong: 'Too long' };
const CAUSE: Record<FieldErrorType, string> = { Required: 'FieldValueRequired', Invalid: 'FieldValueInvalid', Unsupported: 'FieldValueNotSupported', Duplicate: 'FieldValueDuplicate', Forbidden: 'FieldValueForbidden', TooLong: 'FieldValueTooLong' };

/** Go prints maps with sorted keys; an absent map is a nil one. */
function goMap(m: unknown): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const entries = Object.keys(rec(m)).sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(str(rec(m)[k]))}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** A bad value as Go's `%#v`/`%q` prints it; label maps and LabelSelectors as Go types. */
function goValue(v: unknown, field: string): string {
  if (field.endsWith('labels') || field.endsWith('matchLabels')) return typeof v === 'string' ? JSON.stringify(v) : goMap(v);
  if (field === 'spec.selector' && typeof v === 'object' && v !== null) {
    const exprs = (v as Obj).matchExpressions;
    return `v1.LabelSelector{MatchLabels:${goMap((v as Obj).matchLabels)}, MatchExpressions:[]v1.LabelSelectorRequirement${exprs === undefined ? '(nil)' : '{}'}}`;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === undefined || v === null) return 'null';
  return JSON.stringify(v);
}

/** `Invalid value: -1: must be greater than or equal to 0` (field.Error.ErrorBody). */
export function errorBody(e: FieldError): string {
  const head = e.type === 'Required' || e.type === 'Forbidden' || e.type === 'TooLong' ? TYPE_TEXT[e.type] : `${TYPE_TEXT[e.type]}: ${goValue(e.value, e.field)}`;
  return e.detail ? `${head}: ${e.detail}` : head;
}

export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** The 422 answer: `Deployment.apps "web" is invalid: …`, several errors joined inside
 * [ ] with identical texts printed once (as utilerrors.Aggregate does). */
export function invalidStatus(obj: KubeObject, resource: ResourceInfo, errors: readonly FieldError[]): Status {
  const name = obj.metadata?.name ?? '';
  const group = resource.apiVersion.includes('/') ? resource.apiVersion.slice(0, resource.apiVersion.indexOf('/')) : '';
  const kind = group ? `${resource.kind}.${group}` : resource.kind;
  const texts = [...new Set(errors.map(formatFieldError))];
  const agg = texts.length === 0 ? '' : texts.length === 1 ? `: ${texts[0]}` : `: [${texts.join(', ')}]`;
  return status('Invalid', `${kind} ${JSON.stringify(name)} is invalid${agg}`, {
    name,
    kind: resource.kind,
    causes: errors.map((e) => ({ reason: CAUSE[e.type], message: errorBody(e), field: e.field })),
  });
}
