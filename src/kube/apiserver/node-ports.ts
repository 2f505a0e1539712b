// The Service NodePort allocator (--service-node-port-range=30000-32767, the default): a
// NodePort or LoadBalancer Service gets a node port for each of its ports, a free one
// drawn at random as the real bitmap allocator does, or the one it asks for if that is
// free. An update keeps the ports the Service had (the real registry's
// patchAllocatedValues); a Service that turns ClusterIP drops them
// (dropTypeDependentFields).

import type { KubeObject, Service, ServicePort, ServiceSpec } from '../api/types';
import type { FieldError } from '../api/validation';
import type { Change } from './cache';

export const NODE_PORT_MIN = 30000;
export const NODE_PORT_MAX = 32767;

const usesNodePorts = (type: ServiceSpec['type']): boolean => type === 'NodePort' || type === 'LoadBalancer';

function portsOf(o: KubeObject | undefined): number[] {
  return ((o as Service | undefined)?.spec?.ports ?? []).flatMap((p) => (p.nodePort ? [p.nodePort] : []));
}

export class NodePorts {
  private readonly used = new Set<number>();

  reset(services: readonly KubeObject[]): void {
    this.used.clear();
    for (const s of services) for (const p of portsOf(s)) this.used.add(p);
  }

  note(c: Change): void {
    for (const p of portsOf(c.prev)) this.used.delete(p);
    if (c.type !== 'DELETED') for (const p of portsOf(c.object)) this.used.add(p);
  }

  /** Gives `svc` a node port for every port that needs one and has none; takes the ones
   * it names. Errors as the registry words them, with nothing taken. */
  assign(svc: Service, randomInt: (n: number) => number, old?: Service): Service | FieldError[] {
    if (!usesNodePorts(svc.spec.type)) return svc;
    const mine = new Set(portsOf(old));
    const errors: FieldError[] = [];
    const taken: number[] = [];
    const ports = svc.spec.ports ?? [];
    ports.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const at = `spec.ports[${i}].nodePort`;
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) errors.push({ field: at, type: 'Invalid', value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` });
      else if ((this.used.has(p.nodePort) && !mine.has(p.nodePort)) || taken.includes(p.nodePort)) errors.push({ field: at, type: 'Invalid', value: p.nodePort, detail: 'provided port is already allocated' });
      else taken.push(p.nodePort);
    });
    if (errors.length > 0) return errors;
    const filled = ports.map((p): ServicePort => {
      if (p.nodePort !== undefined) return p;
      const free = this.draw(randomInt, taken);
      if (free === undefined) return p;
      taken.push(free);
      return { ...p, nodePort: free };
    });
    if (filled.some((p) => p.nodePort === undefined)) return [{ field: 'spec.ports[0].nodePort', type: 'Invalid', value: 0, detail: 'range is full' }];
    for (const p of taken) this.used.add(p);
    return { ...svc, spec: { ...svc.spec, ports: filled } };
  }

  private draw(randomInt: (n: number) => number, taken: readonly number[]): number | undefined {
    const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    for (let tries = 0; tries < 64; tries++) {
      const p = NODE_PORT_MIN + randomInt(span);
      if (!this.used.has(p) && !taken.includes(p)) return p;
    }
    return undefined;
  }
}

/** An update's node ports: the ones the Service had, for the same port and protocol,
 * when the new spec names none; none once its type no longer uses them. */
export function carryNodePorts(old: Service, next: Service): Service {
  const ports = next.spec.ports;
  if (!ports) return next;
  if (!usesNodePorts(next.spec.type)) {
    if (!usesNodePorts(old.spec.type)) return next;
    const had = new Set(portsOf(old));
    return { ...next, spec: { ...next.spec, ports: ports.map((p) => (p.nodePort !== undefined && had.has(p.nodePort) ? withoutNodePort(p) : p)) } };
  }
  const before = old.spec.ports ?? [];
  return {
    ...next,
    spec: {
      ...next.spec,
      ports: ports.map((p) => {
        if (p.nodePort !== undefined) return p;
        const was = before.find((b) => b.port === p.port && (b.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
        return was?.nodePort !== undefined ? { ...p, nodePort: was.nodePort } : p;
      }),
    },
  };
}

function withoutNodePort(p: ServicePort): ServicePort {
  const { nodePort: _drop, ...rest } = p;
  return rest;
}
