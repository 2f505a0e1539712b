// Packet kinds as the graph draws them: one class per kind of message, each with a
// colour from the Okabe–Ito palette (colour-blind safe) AND a shape, so no one has to
// tell two colours apart.

export type PacketClass = 'append' | 'heartbeat' | 'vote' | 'prevote' | 'response' | 'request' | 'reply' | 'kube' | 'watch' | 'other';

export interface PacketStyle {
  readonly label: string;
  readonly color: string;
  /** An SVG path centred on (0, 0). */
  readonly shape: string;
}

const circle = (r: number) => `M ${-r} 0 a ${r} ${r} 0 1 0 ${2 * r} 0 a ${r} ${r} 0 1 0 ${-2 * r} 0 Z`;
const square = (h: number) => `M ${-h} ${-h} H ${h} V ${h} H ${-h} Z`;
const diamond = (h: number) => `M 0 ${-h} L ${h} 0 L 0 ${h} L ${-h} 0 Z`;
const triangle = (h: number) => `M 0 ${-h} L ${h} ${h * 0.8} L ${-h} ${h * 0.8} Z`;
const triangleDown = (h: number) => `M 0 ${h} L ${h} ${-h * 0.8} L ${-h} ${-h * 0.8} Z`;

export const PACKET_STYLES: Readonly<Record<PacketClass, PacketStyle>> = {
  append: { label: 'append entries (MsgApp)', color: '#0072B2', shape: circle(8) },
  heartbeat: { label: 'heartbeat', color: '#56B4E9', shape: circle(5) },
  vote: { label: 'vote request', color: '#D55E00', shape: diamond(9) },
  prevote: { label: 'pre-vote request', color: '#CC79A7', shape: triangle(9) },
  response: { label: 'raft response', color: '#6b6b6b', shape: square(5) },
  request: { label: 'client request', color: '#E69F00', shape: square(8) },
  reply: { label: 'client response', color: '#009E73', shape: square(7) },
  kube: { label: 'Kubernetes API call or answer (kube.request / kube.response)', color: '#5B3F9E', shape: diamond(7) },
  watch: { label: 'watch event (etcd.watch apiserver ← etcd, kube.watch client ← apiserver)', color: '#1B7F5F', shape: triangleDown(7) },
  other: { label: 'other', color: '#999999', shape: circle(4) },
};

/** The class of a packet kind: "raft.MsgApp", "raft.MsgHeartbeat", "raft.MsgVoteResp",
 * "etcd.request" … (and the stand-in etcd's "raft.app", "raft.vote", "raft.appResp"). */
export function classifyPacket(kind: string): PacketClass {
  const k = kind.toLowerCase();
  if (k === 'etcd.request') return 'request';
  if (k === 'etcd.response') return 'reply';
  if (k === 'etcd.watch' || k === 'kube.watch') return 'watch';
  if (k.startsWith('kube.')) return 'kube';
  // The cloud-controller-manager's calls to the cloud's API (cloud: sim): not Raft's.
  if (k.startsWith('cloud.')) return 'other';
  if (k.includes('resp')) return 'response';
  if (k.includes('prevote')) return 'prevote';
  if (k.includes('vote')) return 'vote';
  if (k.includes('heartbeat')) return 'heartbeat';
  if (k.includes('app') || k.includes('snap')) return 'append';
  return 'other';
}
