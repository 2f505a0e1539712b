import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import { RESOURCES, type ResourceInfo } from './resources';
import type { KubeObject } from './types';
import { formatFieldError, invalidStatus, validate } from './validation';

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MISMATCH = '`selector` does not match template `labels`';

/** What the apiserver does: default, then validate; the 422 message, or undefined. */
function check(r: ResourceInfo, obj: KubeObject): string | undefined {
  const o = applyDefaults(obj);
  const errs = validate(o, r);
  return errs.length ? invalidStatus(o, r, errs).message : undefined;
}

const pod = (spec: unknown, name = 'web-1', labels?: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec });
const deploy = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } }, ...spec },
});
const svc = (spec: unknown, name = 'web'): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec });

describe('validation messages (real apiserver texts)', () => {
  it('accepts a plain pod, deployment and service', () => {
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'web', image: 'nginx', ports: [{ containerPort: 80 }], resources: { requests: { cpu: '100m' }, limits: { cpu: '1', memory: '128Mi' } } }] }))).toBeUndefined();
    expect(check(RESOURCES.deployments, deploy({}))).toBeUndefined();
    expect(check(RESOURCES.services, svc({ selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] }))).toBeUndefined();
  });

  it('requires a name', () => {
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'a', image: 'b' }] }, ''))).toBe('Pod "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it('checks names as DNS-1123 subdomains (labels for namespaces, DNS-1035 for services)', () => {
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'a', image: 'b' }] }, 'Web_1'))).toBe(`Pod "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${SUBDOMAIN_MSG}`);
    expect(check(RESOURCES.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team.a' } })).toBe('Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots');
    expect(check(RESOURCES.services, svc({ ports: [{ port: 80 }] }, '1web'))).toBe(
      `Service "1web" is invalid: metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
    expect(check(RESOURCES.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'x'.repeat(254) }, spec: {} })).toMatch(/metadata\.name: Invalid value: "x+": must be no more than 253 characters$/);
  });

  it('gives name checks only to leases, nodes, namespaces, events, endpointslices and serviceaccounts', () => {
    const plain = (r: ResourceInfo, extra: object = {}): KubeObject => ({ apiVersion: r.apiVersion, kind: r.kind, metadata: { name: 'kube-scheduler', ...(r.namespaced ? { namespace: 'kube-system' } : {}) }, ...extra });
    for (const r of [RESOURCES.leases, RESOURCES.nodes, RESOURCES.namespaces, RESOURCES.events, RESOURCES.endpointslices, RESOURCES.serviceaccounts]) expect(check(r, plain(r, { spec: { junk: -1 }, ...(r === RESOURCES.endpointslices ? { addressType: 'IPv4' } : {}) }))).toBeUndefined();
    // An EndpointSlice also needs its address type and an address per endpoint.
    expect(check(RESOURCES.endpointslices, plain(RESOURCES.endpointslices, { endpoints: [{}] }))).toBe('EndpointSlice.discovery.k8s.io "kube-scheduler" is invalid: [addressType: Required value, endpoints[0].addresses: Required value: must contain at least 1 address]');
    expect(check(RESOURCES.leases, { ...plain(RESOURCES.leases), metadata: { name: 'Bad', namespace: 'kube-system' } })).toBe(`Lease.coordination.k8s.io "Bad" is invalid: metadata.name: Invalid value: "Bad": ${SUBDOMAIN_MSG}`);
    expect(check(RESOURCES.endpointslices, { ...plain(RESOURCES.endpointslices), metadata: { name: '-x', namespace: 'default' } })).toMatch(/^EndpointSlice\.discovery\.k8s\.io "-x" is invalid: /);
  });

  it('checks label keys and values', () => {
    const msg = check(RESOURCES.pods, pod({ containers: [{ name: 'a', image: 'b' }] }, 'web', { '-bad': 'ok', app: 'bad value!' }));
    expect(msg).toBe(
      'Pod "web" is invalid: [' +
        `metadata.labels: Invalid value: "-bad": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), ` +
        `metadata.labels: Invalid value: "bad value!": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')]`,
    );
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'a', image: 'b' }] }, 'web', { 'Example.com/app': 'x' }))).toMatch(/metadata\.labels: Invalid value: "Example\.com\/app": prefix part a lowercase RFC 1123 subdomain/);
  });

  it('checks pod containers', () => {
    expect(check(RESOURCES.pods, pod({ containers: [] }))).toBe('Pod "web-1" is invalid: spec.containers: Required value');
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'web' }] }))).toBe('Pod "web-1" is invalid: spec.containers[0].image: Required value');
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'App', image: 'nginx' }] }))).toBe(`Pod "web-1" is invalid: spec.containers[0].name: Invalid value: "App": ${LABEL_MSG}`);
    expect(check(RESOURCES.pods, pod({ containers: [{ name: 'app', image: 'a' }, { name: 'app', image: 'b' }] }))).toBe('Pod "web-1" is invalid: spec.containers[1].name: Duplicate value: "app"');
    expect(check(RESOURCES.pods, pod({ restartPolicy: 'Sometimes', containers: [{ name: 'a', image: 'b' }] }))).toBe(
      'Pod "web-1" is invalid: spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    );
  });

  it('checks ports and resource quantities', () => {
    const c = (extra: object): unknown => ({ containers: [{ name: 'a', image: 'b', ...extra }] });
    expect(check(RESOURCES.pods, pod(c({ ports: [{ containerPort: 70000 }] })))).toBe('Pod "web-1" is invalid: spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
    expect(check(RESOURCES.pods, pod(c({ ports: [{ containerPort: 80, protocol: 'HTTP' }] })))).toBe(
      'Pod "web-1" is invalid: spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    );
    expect(check(RESOURCES.pods, pod(c({ ports: [{ containerPort: 80, name: 'http_port' }] })))).toBe(
      'Pod "web-1" is invalid: spec.containers[0].ports[0].name: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    expect(check(RESOURCES.pods, pod(c({ resources: { limits: { cpu: '-1' } } })))).toContain('spec.containers[0].resources.limits[cpu]: Invalid value: "-1": must be greater than or equal to 0');
    expect(check(RESOURCES.pods, pod(c({ resources: { requests: { memory: 'lots' } } })))).toBe(
      `Pod "web-1" is invalid: spec.containers[0].resources.requests[memory]: Invalid value: "lots": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
    );
    expect(check(RESOURCES.pods, pod(c({ resources: { requests: { cpu: '2' }, limits: { cpu: '500m' } } })))).toBe('Pod "web-1" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m');
    // The request is defaulted from the limit, so both are reported (as on a real cluster).
    expect(check(RESOURCES.pods, pod(c({ resources: { limits: { cpus: '1' } } })))).toBe(
      'Pod "web-1" is invalid: [spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers, spec.containers[0].resources.requests[cpus]: Invalid value: "cpus": must be a standard resource for containers]',
    );
  });

  it('checks deployments: replicas, selector, template', () => {
    expect(check(RESOURCES.deployments, deploy({ replicas: -1 }))).toBe('Deployment.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(check(RESOURCES.deployments, deploy({ selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'a', image: 'b' }] } } }))).toBe(
      `Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"x"}: ${MISMATCH}`,
    );
    // Several errors: joined with ", " inside [ ], in the order the apiserver checks them.
    expect(check(RESOURCES.deployments, deploy({ replicas: -1, template: { metadata: { labels: { app: 'x', tier: 'fe' } }, spec: { containers: [{ name: 'a', image: 'b' }] } } }))).toBe(
      `Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.metadata.labels: Invalid value: map[string]string{"app":"x", "tier":"fe"}: ${MISMATCH}]`,
    );
    expect(check(RESOURCES.deployments, deploy({ selector: undefined }))).toBe(`Deployment.apps "web" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${MISMATCH}]`);
    expect(check(RESOURCES.deployments, deploy({ template: { spec: { containers: [{ name: 'a', image: 'b' }] } } }))).toBe(`Deployment.apps "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string(nil): ${MISMATCH}`);
    expect(check(RESOURCES.deployments, deploy({ selector: {} }))).toBe(
      'Deployment.apps "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
    );
  });

  it('validates the pod template like a pod, under spec.template.spec', () => {
    const t = (spec: object): Record<string, unknown> => ({ template: { metadata: { labels: { app: 'web' } }, spec } });
    expect(check(RESOURCES.deployments, deploy(t({ containers: [{ name: 'web' }] })))).toBe('Deployment.apps "web" is invalid: spec.template.spec.containers[0].image: Required value');
    expect(check(RESOURCES.replicasets, { ...deploy(t({ restartPolicy: 'Never', containers: [{ name: 'a', image: 'b' }] })), kind: 'ReplicaSet' })).toBe(
      'ReplicaSet.apps "web" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
    expect(check(RESOURCES.replicasets, { ...deploy({ replicas: -2 }), kind: 'ReplicaSet' })).toBe('ReplicaSet.apps "web" is invalid: spec.replicas: Invalid value: -2: must be greater than or equal to 0');
  });

  it('checks services', () => {
    expect(check(RESOURCES.services, svc({ selector: { app: 'web' } }))).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(check(RESOURCES.services, svc({ clusterIP: 'None', selector: { app: 'web' } }))).toBeUndefined();
    expect(check(RESOURCES.services, svc({ ports: [{ port: 70000, targetPort: 80 }] }))).toBe('Service "web" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
    // targetPort defaults to port, so a bad port is reported twice.
    expect(check(RESOURCES.services, svc({ ports: [{ port: 0 }] }))).toBe(
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive]',
    );
    expect(check(RESOURCES.services, svc({ type: 'Bogus', ports: [{ port: 80 }] }))).toBe('Service "web" is invalid: spec.type: Unsupported value: "Bogus": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    expect(check(RESOURCES.services, svc({ ports: [{ port: 80 }, { port: 443, name: 'https' }] }))).toBe('Service "web" is invalid: spec.ports[0].name: Required value');
  });
});

describe('invalidStatus', () => {
  it('is a 422 Invalid Status with one cause per error', () => {
    const obj = applyDefaults(deploy({ replicas: -1 }));
    const s = invalidStatus(obj, RESOURCES.deployments, validate(obj, RESOURCES.deployments));
    expect(s).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Invalid', code: 422, details: { name: 'web', kind: 'Deployment' } });
    expect(s.details?.causes).toEqual([{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }]);
  });

  it('prints identical messages once, as the aggregate error does', () => {
    const e = { field: 'spec.ports', type: 'Required' as const, detail: '' };
    expect(formatFieldError(e)).toBe('spec.ports: Required value');
    expect(invalidStatus(svc({}), RESOURCES.services, [e, e]).message).toBe('Service "web" is invalid: spec.ports: Required value');
  });

  it('checks rollingUpdate values as ints or percents (ValidatePositiveIntOrPercent)', () => {
    const ru = (rollingUpdate: Record<string, unknown>) => check(RESOURCES.deployments, deploy({ strategy: { type: 'RollingUpdate', rollingUpdate } }));
    expect(ru({ maxSurge: 'abc' })).toBe(`Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxSurge: Invalid value: "abc": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`);
    expect(ru({ maxUnavailable: -1 })).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0');
    expect(ru({ maxUnavailable: '150%' })).toBe('Deployment.apps "web" is invalid: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: "150%": must not be greater than 100%');
    expect(ru({ maxSurge: '25%', maxUnavailable: 1 })).toBeUndefined();
  });
});
