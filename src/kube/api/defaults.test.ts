import { describe, expect, it } from 'vitest';
import { applyDefaults, defaultPullPolicy } from './defaults';
import type { Deployment, KubeObject, Namespace, Pod, ReplicaSet, Service } from './types';

const pod = (spec: object): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', namespace: 'default' }, spec }) as Pod;

describe('applyDefaults', () => {
  it('fills the pod spec and its containers as SetDefaults_Pod does', () => {
    const p = applyDefaults(pod({ containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] })) as Pod;
    expect(p.spec).toEqual({
      containers: [
        { name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
      ],
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      schedulerName: 'default-scheduler',
      securityContext: {},
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
    });
  });

  it('pulls :latest (or untagged) images always, pinned ones if not present', () => {
    expect(defaultPullPolicy('nginx')).toBe('Always');
    expect(defaultPullPolicy('nginx:latest')).toBe('Always');
    expect(defaultPullPolicy('registry.local:5000/team/app')).toBe('Always');
    expect(defaultPullPolicy('registry.local:5000/team/app:v2')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx@sha256:abcd')).toBe('IfNotPresent');
    expect(defaultPullPolicy('nginx:1.27')).toBe('IfNotPresent');
  });

  it('keeps what the client set and copies limits into missing requests', () => {
    const p = applyDefaults(
      pod({ restartPolicy: 'Never', terminationGracePeriodSeconds: 0, containers: [{ name: 'a', image: 'b', imagePullPolicy: 'Never', resources: { limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '200m' } } }] }),
    ) as Pod;
    expect(p.spec.restartPolicy).toBe('Never');
    expect(p.spec.terminationGracePeriodSeconds).toBe(0);
    expect(p.spec.containers[0]!.imagePullPolicy).toBe('Never');
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '1', memory: '64Mi' }, requests: { cpu: '200m', memory: '64Mi' } });
  });

  it('does not mutate its input', () => {
    const input = pod({ containers: [{ name: 'a', image: 'b' }] });
    const copy = JSON.parse(JSON.stringify(input)) as Pod;
    const out = applyDefaults(input);
    expect(input).toEqual(copy);
    expect(out).not.toBe(input);
  });

  it('defaults deployments and their pod template (without the pod-only fields)', () => {
    const d = applyDefaults({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    } as Deployment) as Deployment;
    expect(d.spec).toMatchObject({ replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } }, revisionHistoryLimit: 10, progressDeadlineSeconds: 600 });
    expect(d.spec.template.spec).toMatchObject({ restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler', securityContext: {} });
    expect(d.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: 'Always', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', resources: {} });
    expect(d.spec.template.spec.enableServiceLinks).toBeUndefined();
    const recreate = applyDefaults({ ...d, spec: { ...d.spec, strategy: { type: 'Recreate' } } } as Deployment) as Deployment;
    expect(recreate.spec.strategy).toEqual({ type: 'Recreate' });
  });

  it('defaults replicasets', () => {
    const rs = applyDefaults({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'a', image: 'b:1' }] } } } } as ReplicaSet) as ReplicaSet;
    expect(rs.spec.replicas).toBe(1);
    expect(rs.spec.template.spec).toMatchObject({ restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' });
    expect(rs.spec.template.spec.containers[0]!.imagePullPolicy).toBe('IfNotPresent');
  });

  it('defaults services', () => {
    const s = applyDefaults({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 443, targetPort: 'https', protocol: 'TCP' }] } } as Service) as Service;
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [
        { port: 80, protocol: 'TCP', targetPort: 80 },
        { port: 443, targetPort: 'https', protocol: 'TCP' },
      ],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      internalTrafficPolicy: 'Cluster',
    });
    const np = applyDefaults({ ...s, spec: { type: 'NodePort', ports: [{ port: 80 }] } } as Service) as Service;
    expect(np.spec).toMatchObject({ type: 'NodePort', externalTrafficPolicy: 'Cluster' });
  });

  it('defaults namespaces: the kubernetes finalizer, phase Active, the name label', () => {
    const ns = applyDefaults({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } } as Namespace) as Namespace;
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    const terminating = applyDefaults({ ...ns, status: { phase: 'Terminating' } } as Namespace) as Namespace;
    expect(terminating.status?.phase).toBe('Terminating');
  });

  it('leaves nodes and other kinds as they are', () => {
    const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1' }, spec: { podCIDR: '10.244.1.0/24' } };
    expect(applyDefaults(node)).toEqual(node);
  });
});
