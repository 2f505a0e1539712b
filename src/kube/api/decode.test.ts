// The decoder as kube-apiserver's: encoding/json's type errors with Go's struct and
// field path, strict decoding's unknown fields, and objects handed on as Go re-encodes
// them (nulls as zero values, value structs present).

import { describe, expect, it } from 'vitest';
import { asDecoded, decodeFailure, decodeFailureOfField, decodeTypeError, unknownFields } from './decode';

const pod = (container: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx', ...container }], ...spec } });
const deploy = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec });

describe('decoding against the kind schemas', () => {
  it('names a wrong JSON type as encoding/json does: innermost Go struct, JSON path, Go type', () => {
    expect(decodeFailure(pod({ image: 42 }), false)).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string');
    expect(decodeTypeError('Pod', pod({}, { tolerations: 5 }))).toBe('json: cannot unmarshal number into Go struct field PodSpec.spec.tolerations of type []v1.Toleration');
    expect(decodeTypeError('Pod', pod({ resources: { requests: 5 } }))).toBe('json: cannot unmarshal number into Go struct field ResourceRequirements.spec.containers.resources.requests of type v1.ResourceList');
    expect(decodeTypeError('Lease', { kind: 'Lease', metadata: { name: 'l' }, spec: 'x' })).toBe('json: cannot unmarshal string into Go struct field Lease.spec of type v1.LeaseSpec');
    expect(decodeTypeError('Node', { kind: 'Node', metadata: { name: 'n' }, spec: { taints: 42 } })).toBe('json: cannot unmarshal number into Go struct field NodeSpec.spec.taints of type []v1.Taint');
    expect(decodeTypeError('EndpointSlice', { kind: 'EndpointSlice', metadata: { name: 'e' }, addressType: 'IPv4', endpoints: 7 })).toBe('json: cannot unmarshal number into Go struct field EndpointSlice.endpoints of type []v1.Endpoint');
    expect(decodeTypeError('ConfigMap', { kind: 'ConfigMap', metadata: { name: 'c', labels: { a: 1 } } })).toBe('json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string');
  });

  it('IntOrString decodes a string or an int32; anything else is the int32 error', () => {
    expect(decodeTypeError('Deployment', deploy({ strategy: { rollingUpdate: { maxSurge: [] } } }))).toBe('json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32');
    expect(decodeTypeError('Deployment', deploy({ strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }))).toBeUndefined();
  });

  it('replicas are int32: out of range or not whole is the number error, with the number', () => {
    expect(decodeTypeError('Deployment', deploy({ replicas: 3e9 }))).toBe('json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(decodeTypeError('Deployment', deploy({ replicas: 1.5 }))).toBe('json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32');
    // 1e9 fits in an int32 (max 2147483647): a real apiserver stores it too.
    expect(decodeTypeError('Deployment', deploy({ replicas: 1e9 }))).toBeUndefined();
    expect(decodeTypeError('Deployment', deploy({ replicas: 2147483647 }))).toBeUndefined();
  });

  it('null is every type\'s zero value; quantities take strings and numbers', () => {
    expect(decodeTypeError('Pod', pod({ image: null, resources: { limits: { cpu: 1 } } }, { tolerations: [null], nodeSelector: null }))).toBeUndefined();
    expect(decodeTypeError('Pod', pod({ resources: { limits: { cpu: [] } } }))).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  it('strict decoding lists unknown fields with indexes and map keys', () => {
    expect(unknownFields(pod({ imagee: 'x' }, { containerz: [] }))).toEqual(['spec.containers[0].imagee', 'spec.containerz']);
    expect(decodeFailure(deploy({ replica: 3 }), true)).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    expect(decodeFailure(deploy({ replica: 3 }), false)).toBeUndefined();
  });

  it('hands objects on as Go re-encodes them: value structs filled, nulls dropped, times kept null', () => {
    expect(asDecoded({ kind: 'Node', metadata: { name: 'n' } }, 'Node')).toEqual({ kind: 'Node', metadata: { name: 'n' }, spec: {}, status: {} });
    expect(asDecoded({ kind: 'Lease', metadata: { name: 'l' }, spec: null }, 'Lease')).toEqual({ kind: 'Lease', metadata: { name: 'l' }, spec: {} });
    expect(asDecoded({ kind: 'Event', metadata: { name: 'e' } }, 'Event')).toEqual({ kind: 'Event', metadata: { name: 'e' }, involvedObject: {}, source: {} });
    const p = asDecoded(pod({ image: null }, { tolerations: [null], nodeSelector: { a: null } }), 'Pod');
    expect(p.spec).toEqual({ containers: [{ name: 'c' }], tolerations: [{}], nodeSelector: { a: '' } });
    expect(asDecoded({ kind: 'Pod', metadata: { name: 'p', creationTimestamp: null }, spec: { containers: [] } }, 'Pod').metadata).toEqual({ name: 'p', creationTimestamp: null });
  });
});

describe('decodeFailureOfField (a status update: only the new status is walked)', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
  it('says what the whole object would', () => {
    const statuses: unknown[] = [{ phase: 3 }, { conditions: [{ type: 'Ready', status: true }] }, { containerStatuses: [{ restartCount: 1.5 }] }, 'Running', [], { phase: 'Running', podIP: '10.0.0.1' }, null, undefined];
    for (const st of statuses) {
      expect(decodeFailureOfField(pod, 'status', st)).toBe(decodeFailure({ ...pod, status: st } as { kind: string }, false));
    }
    expect(decodeFailureOfField(pod, 'status', { phase: 3 })).toBe('Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field PodStatus.status.phase of type string');
  });
});
