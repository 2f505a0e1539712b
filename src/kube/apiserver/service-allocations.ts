// One apiserver's Service allocators: ClusterIPs (cluster-ips.ts) and NodePorts
// (node-ports.ts). Rebuilt from the watch cache after each list and following every
// committed Service change, so an address or port is free again once the Service that
// held it is gone or changed, as the real repair loops keep the allocator bitmaps.

import type { KubeObject, Service } from '../api/types';
import type { Change } from './cache';
import { ClusterIPs } from './cluster-ips';
import { NodePorts } from './node-ports';

export class ServiceAllocations {
  private readonly ips = new ClusterIPs();
  private readonly nodePorts = new NodePorts();

  /** `randomInt(n)`: a draw in [0, n) from the apiserver's seeded stream. */
  constructor(private readonly randomInt: (n: number) => number) {}

  reset(services: readonly KubeObject[]): void {
    this.ips.reset(services);
    this.nodePorts.reset(services);
  }

  note(c: Change): void {
    this.ips.note(c);
    this.nodePorts.note(c);
  }

  // Made once, as fields: the create path passes them on every Service create.
  readonly allocateClusterIP = (): string | undefined => this.ips.allocate(this.randomInt);
  readonly assignNodePorts = (svc: Service, old?: Service) => this.nodePorts.assign(svc, this.randomInt, old);
}
