// Ids as etcd and etcdctl print them: member ids and lease ids in hex. Shared by the
// server, etcdctl and the coordinator (which names members in faults).

import { hashString } from '../sim/rng';

/** A lease id as etcdctl prints it: 16 hex digits. */
export function leaseHex(id: number): string {
  return id.toString(16).padStart(16, '0');
}

/** A stable 16-hex-digit member id, as etcdctl prints them (e.g. 8e9e05c52164694d). */
export function memberHexId(name: string): string {
  const hi = hashString(`member/${name}`).toString(16).padStart(8, '0');
  const lo = hashString(`${name}/member`).toString(16).padStart(8, '0');
  return hi + lo;
}
