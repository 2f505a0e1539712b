// What kube-apiserver fills in before an object is validated and stored: the v1 / apps/v1
// defaulting functions (SetDefaults_*), plus the few values the real registry or the
// Priority admission plugin always set, so that `kubectl get -o yaml` shows the same
// fields a real cluster would. Only absent (or "") fields are set; nothing a client
// wrote is overridden.

import { defaultCronJob, defaultJob } from './batch-defaults';
import type { CronJob, Job } from './batch-types';
import { jsonCopy } from './json-copy';
import { base64 } from './service-account-token';
import type { Container, Deployment, KubeObject, Namespace, Pod, PodSpec, PodTemplateSpec, ReplicaSet, Secret, Service } from './types';

/** The tag the image names, as the container runtime would resolve it: none (and no
 * digest) means "latest"; a pinned digest without a tag has no tag. */
export function imageTag(image: string): string | undefined {
  const at = image.indexOf('@');
  const ref = at >= 0 ? image.slice(0, at) : image;
  const last = ref.slice(ref.lastIndexOf('/') + 1); // a registry's ":5000" is not a tag
  const colon = last.lastIndexOf(':');
  if (colon >= 0) return last.slice(colon + 1);
  return at >= 0 ? undefined : 'latest';
}

/** `:latest` may change under the same name, so it is always pulled; pinned tags are not. */
export function defaultPullPolicy(image: string | undefined): 'Always' | 'IfNotPresent' {
  return image && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function defaultContainer(c: Container): void {
  if (!isObj(c)) return;
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= '/dev/termination-log';
  c.terminationMessagePolicy ||= 'File';
  c.resources ??= {};
  for (const p of Array.isArray(c.ports) ? c.ports : []) if (isObj(p)) p.protocol ||= 'TCP';
}

/** SetDefaults_PodSpec and SetDefaults_Container: applied to pods and pod templates alike. */
function defaultPodSpec(spec: PodSpec): void {
  spec.restartPolicy ||= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.schedulerName ||= 'default-scheduler';
  spec.securityContext ??= {};
  if (Array.isArray(spec.containers)) spec.containers.forEach(defaultContainer);
}

/** Defaults only a Pod gets, not a template: SetDefaults_Pod (service links, requests
 * copied from limits) and the Priority admission plugin's priority and preemptionPolicy. */
function defaultPod(pod: Pod): void {
  pod.spec = isObj(pod.spec) ? pod.spec : ({} as PodSpec);
  defaultPodSpec(pod.spec);
  pod.spec.enableServiceLinks ??= true;
  pod.spec.priority ??= 0;
  pod.spec.preemptionPolicy ||= 'PreemptLowerPriority';
  for (const c of Array.isArray(pod.spec.containers) ? pod.spec.containers : []) {
    const limits = isObj(c) ? c.resources?.limits : undefined;
    if (!limits) continue;
    // A limit without a request: the request is the limit (so the scheduler reserves it).
    const requests = (c.resources!.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (requests[k] === undefined) requests[k] = v;
  }
}

/** Templates are value structs in Go, so their spec is defaulted even when absent. */
export function defaultTemplate(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const template = isObj(t) ? t : ({} as PodTemplateSpec);
  template.spec = isObj(template.spec) ? template.spec : ({} as PodSpec);
  defaultPodSpec(template.spec);
  return template;
}

function defaultDeployment(d: Deployment): void {
  d.spec = isObj(d.spec) ? d.spec : ({} as Deployment['spec']);
  const s = d.spec;
  s.replicas ??= 1;
  s.strategy = isObj(s.strategy) ? s.strategy : {};
  s.strategy.type ||= 'RollingUpdate';
  if (s.strategy.type === 'RollingUpdate') {
    const ru = (s.strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= '25%';
    ru.maxSurge ??= '25%';
  }
  s.revisionHistoryLimit ??= 10;
  s.progressDeadlineSeconds ??= 600;
  s.template = defaultTemplate(s.template);
}

function defaultReplicaSet(rs: ReplicaSet): void {
  rs.spec = isObj(rs.spec) ? rs.spec : ({} as ReplicaSet['spec']);
  rs.spec.replicas ??= 1;
  rs.spec.template = defaultTemplate(rs.spec.template);
}

function defaultService(svc: Service): void {
  svc.spec = isObj(svc.spec) ? svc.spec : {};
  const s = svc.spec as Service['spec'] & Record<string, unknown>;
  s.type ||= 'ClusterIP';
  s.sessionAffinity ||= 'None';
  for (const p of Array.isArray(s.ports) ? s.ports : []) {
    if (!isObj(p)) continue;
    p.protocol ||= 'TCP';
    // An unset targetPort means "the same number as port".
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  // ExternalName services are only a DNS CNAME: no cluster IP, so no IP families and no
  // traffic policies.
  if (s.type === 'ExternalName') return;
  s.ipFamilies ??= ['IPv4'];
  s.ipFamilyPolicy ||= 'SingleStack';
  s.internalTrafficPolicy ||= 'Cluster';
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') s.externalTrafficPolicy ||= 'Cluster';
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
}

/** v1 → internal conversion merges the write-only stringData into data (its keys win),
 * so stringData is never stored or returned. */
function defaultSecret(s: Secret): void {
  s.type ||= 'Opaque';
  if (isObj(s.stringData)) {
    const data: Record<string, string> = isObj(s.data) ? { ...(s.data as Record<string, string>) } : {};
    for (const [k, v] of Object.entries(s.stringData)) data[k] = base64(String(v));
    s.data = data;
  }
  delete s.stringData;
}

function defaultNamespace(ns: Namespace): void {
  ns.spec = isObj(ns.spec) ? ns.spec : {};
  // The "kubernetes" finalizer lets the namespace controller empty it before it goes.
  ns.spec.finalizers ??= ['kubernetes'];
  ns.status = isObj(ns.status) ? ns.status : {};
  ns.status.phase ||= 'Active';
  // Since 1.21 every namespace carries its own name as a label, so selectors can pick it.
  if (ns.metadata.name) ns.metadata.labels = { ...ns.metadata.labels, 'kubernetes.io/metadata.name': ns.metadata.name };
}

/** A copy of the object with the apiserver's defaults filled in; the input is untouched.
 * Kinds without defaults (Node, Lease, Event, …) come back as plain copies. */
export function applyDefaults(obj: KubeObject): KubeObject {
  // Objects are plain JSON data (they are stored as JSON in etcd), so a JSON round trip
  // is a faithful deep copy, and everything below may mutate it freely (jsonCopy: the
  // same result without the text).
  const o = jsonCopy(obj);
  o.metadata = isObj(o.metadata) ? o.metadata : {};
  switch (o.kind) {
    case 'Pod':
      defaultPod(o as Pod);
      break;
    case 'Deployment':
      defaultDeployment(o as Deployment);
      break;
    case 'ReplicaSet':
      defaultReplicaSet(o as ReplicaSet);
      break;
    case 'Service':
      defaultService(o as Service);
      break;
    case 'Namespace':
      defaultNamespace(o as Namespace);
      break;
    case 'Secret':
      defaultSecret(o as Secret);
      break;
    case 'Job':
      defaultJob(o as Job);
      break;
    case 'CronJob':
      defaultCronJob(o as CronJob);
      break;
  }
  return o;
}
