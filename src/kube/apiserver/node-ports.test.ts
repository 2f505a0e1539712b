// The NodePort allocator: a port per Service port in 30000-32767, drawn at random and
// never one in use; a named one if free; kept on update, dropped when the Service turns
// ClusterIP, free again once the Service is gone.

import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../api/resources';
import type { Service, ServicePort } from '../api/types';
import type { FieldError } from '../api/validation';
import { carryNodePorts, NodePorts, NODE_PORT_MAX, NODE_PORT_MIN } from './node-ports';

const svc = (type: Service['spec']['type'], ports: ServicePort[], name = 'web'): Service =>
  ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type, ports } }) as Service;

/** A "random" source that walks 0, 1, 2… so draws are predictable. */
const counting = () => {
  let i = 0;
  return () => i++;
};

const nodePorts = (r: Service | FieldError[]) => (Array.isArray(r) ? r : (r.spec.ports ?? []).map((p) => p.nodePort));

describe('node ports for NodePort and LoadBalancer Services', () => {
  it('one per port, in range, each different; none for a ClusterIP Service', () => {
    const a = new NodePorts();
    const got = nodePorts(a.assign(svc('NodePort', [{ name: 'a', port: 80 }, { name: 'b', port: 443 }]), counting()));
    expect(got).toEqual([30000, 30001]);
    expect(nodePorts(a.assign(svc('LoadBalancer', [{ port: 80 }], 'lb'), counting()))).toEqual([30002]);
    expect(nodePorts(a.assign(svc('ClusterIP', [{ port: 80 }], 'c'), counting()))).toEqual([undefined]);
    // Real randomness stays inside the range.
    const b = new NodePorts();
    for (let i = 0; i < 50; i++) {
      const p = nodePorts(b.assign(svc('NodePort', [{ port: 80 }], `s${i}`), (n) => Math.floor(Math.random() * n)))[0] as number;
      expect(p).toBeGreaterThanOrEqual(NODE_PORT_MIN);
      expect(p).toBeLessThanOrEqual(NODE_PORT_MAX);
    }
  });

  it('a named port if free; taken or out of range is refused in the registry\'s words, with nothing taken', () => {
    const a = new NodePorts();
    expect(nodePorts(a.assign(svc('NodePort', [{ port: 80, nodePort: 30080 }]), counting()))).toEqual([30080]);
    expect(a.assign(svc('NodePort', [{ port: 80, nodePort: 30080 }], 'other'), counting())).toEqual([{ field: 'spec.ports[0].nodePort', type: 'Invalid', value: 30080, detail: 'provided port is already allocated' }]);
    expect(a.assign(svc('NodePort', [{ port: 80, nodePort: 80 }], 'low'), counting())).toEqual([{ field: 'spec.ports[0].nodePort', type: 'Invalid', value: 80, detail: 'provided port is not in the valid range. The range of valid ports is 30000-32767' }]);
    // The refused Service took nothing: 30000 is still free.
    expect(nodePorts(a.assign(svc('NodePort', [{ port: 81 }], 'next'), counting()))).toEqual([30000]);
  });

  it('an update keeps the ports it had; turning ClusterIP drops them; a deleted Service frees its port', () => {
    const old = svc('NodePort', [{ port: 80, protocol: 'TCP', nodePort: 31000 }]);
    expect(carryNodePorts(old, svc('NodePort', [{ port: 80 }, { name: 'x', port: 81 }])).spec.ports).toEqual([{ port: 80, nodePort: 31000 }, { name: 'x', port: 81 }]);
    expect(carryNodePorts(old, svc('ClusterIP', [{ port: 80, nodePort: 31000 }])).spec.ports).toEqual([{ port: 80 }]);
    const a = new NodePorts();
    a.reset([old]);
    expect(a.assign(svc('NodePort', [{ port: 80, nodePort: 31000 }], 'b'), counting())).toHaveLength(1);
    // Its own port is not "taken" from itself on update.
    expect(nodePorts(a.assign(svc('NodePort', [{ port: 80, nodePort: 31000 }]), counting(), old))).toEqual([31000]);
    a.note({ rev: 9, type: 'DELETED', resource: RESOURCES.services, object: old, prev: old });
    expect(nodePorts(a.assign(svc('NodePort', [{ port: 80, nodePort: 31000 }], 'b'), counting()))).toEqual([31000]);
  });
});
