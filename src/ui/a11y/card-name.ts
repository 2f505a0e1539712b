// A machine card's accessible name: what a sighted student reads off the card, in one
// sentence a screen reader speaks ("master-2, down; etcd member etcd-2, was follower in
// term 3"). Pure, so the wording is tested.

import type { EtcdMemberView } from '../../protocol/frames';

export interface CardFacts {
  readonly name: string;
  readonly kindLabel: string;
  readonly status: 'up' | 'down';
  readonly cutOff: boolean;
  /** During a network split, the name of a smaller side it is on (B, C…; src/ui/graph/partition.ts);
   * the largest side, like the card, says just "up". */
  readonly side?: string;
  /** The etcd member on it: the live view when up, the last one seen when down. */
  readonly member?: Pick<EtcdMemberView, 'member' | 'role' | 'term'> & { readonly removed?: boolean };
  /** The node's Ready condition as the API says ("True", "False", "Unknown"). */
  readonly nodeReady?: string;
  readonly cordoned?: boolean;
}

function roleWords(role: EtcdMemberView['role']): string {
  return role === 'precandidate' ? 'pre-candidate' : role;
}

export function cardName(f: CardFacts): string {
  const parts = [`${f.name}, ${f.kindLabel}, ${f.status === 'down' ? 'down' : f.cutOff ? 'up but cut off from the network' : f.side !== undefined ? `up, on side ${f.side} of a network split` : 'up'}`];
  if (f.nodeReady !== undefined) {
    const ready = f.nodeReady === 'True' ? 'Ready' : f.nodeReady === 'False' ? 'NotReady' : 'readiness Unknown';
    parts.push(`node ${ready}${f.cordoned ? ', cordoned' : ''}`);
  }
  if (f.member) {
    const m = f.member;
    parts.push(m.removed
      ? `etcd member ${m.member}, removed from the cluster`
      : `etcd member ${m.member}, ${f.status === 'down' ? 'was ' : ''}${roleWords(m.role)} in term ${m.term}`);
  }
  return `${parts.join('; ')}. Enter for actions.`;
}
