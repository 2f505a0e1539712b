// What a Raft entry of a client write carries, and a cache of parsed entries.

import type { Entry, EntryData } from '../../raft/types';
import { BoundedMemo } from '../../sim/bounded-memo';
import { describeOp, type ProposedOp } from './entry-text';

/** What a Raft entry of a client write carries: the entry's data is this object itself
 * (immutable; a worker boundary copies it by structured clone), not its JSON. Encoding
 * every proposal (a Kubernetes object's JSON escaped inside it) was the largest
 * allocation of a 100-worker rollout, and in one thread no member ever read the text:
 * each found the proposer's object in a memo keyed by it. */
export interface Proposal {
  readonly id: string;
  readonly op: ProposedOp;
}

/** Parsed proposals by entry data. The proposer records its proposal, so in one thread
 * (where every member applies the very same object) nothing is described twice; an
 * entry that crossed a worker is a copy and is described once per member. A string is
 * a proposal's JSON (parsed). Bounded, and a cache of a pure function: it cannot change
 * what a run does. */
type Parsed = { readonly proposal: Proposal; readonly text: string };
const parsedByData = new BoundedMemo<EntryData, Parsed>(2048);

function parsed(data: EntryData, proposal: Proposal): Parsed {
  const hit = { proposal, text: `${describeOp(proposal.op)} #${proposal.id}` };
  parsedByData.set(data, hit);
  return hit;
}

/** Records a proposal about to be proposed (its entry's data is the proposal). */
export function remember(proposal: Proposal): Proposal {
  parsed(proposal, proposal);
  return proposal;
}

export function parseProposal(e: Entry): Parsed {
  return parsedByData.get(e.data) ?? parsed(e.data, (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as Proposal);
}
