// The Service ClusterIP allocator (--service-cluster-ip-range=10.96.0.0/12, kubeadm's
// default): a free address drawn at random, as the real bitmap allocator does;
// 10.96.0.1 is the `kubernetes` Service's and 10.96.0.10 kube-dns's by convention.

import type { Service } from '../api/types';
import type { Change } from './cache';
import type { KubeObject } from '../api/types';

/** Addresses handed out: 10.96.0.0/12 has 2^20 of them; a small window is plenty. */
const SPAN = 4096;

function ipAt(i: number): string {
  return `10.${96 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
}

export class ClusterIPs {
  private readonly used = new Set<string>(['10.96.0.0', '10.96.0.1', '10.96.0.10']);

  reset(services: readonly KubeObject[]): void {
    for (const s of services) {
      const ip = (s as Service).spec.clusterIP;
      if (ip) this.used.add(ip);
    }
  }

  note(c: Change): void {
    const ip = (c.object as Service).spec?.clusterIP;
    if (!ip) return;
    if (c.type === 'DELETED') this.used.delete(ip);
    else this.used.add(ip);
  }

  allocate(randomInt: (n: number) => number): string | undefined {
    for (let tries = 0; tries < 64; tries++) {
      const ip = ipAt(2 + randomInt(SPAN - 2));
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return ip;
      }
    }
    return undefined;
  }
}
