// What travels on the simulated network between machines.

/** host is a machine name ("master-1"); port a well-known port (etcd peer 2380, etcd
 * client 2379, kube-apiserver 6443) or a client's own. */
export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

/** What the UI animates and the legend names: one word per kind of message, e.g.
 * "raft.MsgApp", "raft.MsgHeartbeat", "etcd.request", "etcd.response". */
export type PacketKind = string;

export interface Packet {
  readonly id: number;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly kind: PacketKind;
  readonly body: unknown;
  readonly sentAt: number;
  readonly deliverAt: number;
}

/** A packet as a process emits it; the network assigns id and delivery time. */
export interface OutPacket {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly kind: PacketKind;
  readonly body: unknown;
  readonly sentAt: number;
}

/** An OutPacket made with a Packet's shape, id 0 and deliverAt 0 (what a Machine
 * sends): the network stamps its first delivery on it instead of copying it into a new
 * object (every packet of a run, 2 % of a rollout's allocation). */
export function unroutedPacket(src: Endpoint, dst: Endpoint, kind: PacketKind, body: unknown, sentAt: number): OutPacket {
  return { id: 0, src, dst, kind, body, sentAt, deliverAt: 0 } as Packet;
}

/** A notice from the sender's own network stack, not a packet on the wire: the packet
 * it carries (as body, addressed as sent) did not get through — the link is cut, it was
 * lost, or the machine it went to is down. Only the etcd peer transport asks for it
 * (src/cluster/simulation.ts); the UI does not draw it. */
export const SEND_FAILED = 'net.send-failed';

export const PORT = {
  etcdClient: 2379,
  etcdPeer: 2380,
  apiserver: 6443,
  kubelet: 10250,
} as const;
