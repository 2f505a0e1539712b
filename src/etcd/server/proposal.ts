// What a Raft entry of a client write carries, and a cache of parsed entries.

import type { Entry } from '../../raft/types';
import { BoundedMemo } from '../../sim/bounded-memo';
import { describeOp, type ProposedOp } from './entry-text';

/** What a Raft entry of a client write carries. */
export interface Proposal {
  readonly id: string;
  readonly op: ProposedOp;
}

/** Parsed proposals by entry data. The proposer records what it serialized, so in
 * Node (where every member applies the very same string) no member parses JSON at all;
 * in a worker a member parses the entries others proposed. Bounded, and a cache of a
 * pure function: it cannot change what a run does. */
type Parsed = { readonly proposal: Proposal; readonly text: string };
const parsedByData = new BoundedMemo<string, Parsed>(2048);

export function remember(data: string, proposal: Proposal): Parsed {
  const hit = { proposal, text: `${describeOp(proposal.op)} #${proposal.id}` };
  parsedByData.set(data, hit);
  return hit;
}

export function parseProposal(e: Entry): Parsed {
  return parsedByData.get(e.data) ?? remember(e.data, JSON.parse(e.data) as Proposal);
}
