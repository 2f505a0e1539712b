// What a Raft entry of a client write carries.

import type { Entry } from '../../raft/types';
import { BoundedMemo } from '../../sim/bounded-memo';
import { describeOp, type ProposedOp } from './entry-text';

/** What a member proposes for a client write (or one of its own). */
export interface Proposal {
  readonly id: string;
  readonly op: ProposedOp;
}

/** A Raft entry's data for a proposal: the proposal itself with its words for the trace
 * (raft.apply's `data`), an immutable plain object (a worker boundary copies it by
 * structured clone), not its JSON. Encoding every proposal (a Kubernetes object's JSON
 * escaped inside it) was the largest allocation of a 100-worker rollout, and every
 * member then looked the proposal and its words up in a memo keyed by that text; now
 * each member reads them off the entry. */
export interface ProposalData extends Proposal {
  readonly text: string;
}

/** The entry data proposing `proposal`. */
export function proposalData(proposal: Proposal): ProposalData {
  return { id: proposal.id, op: proposal.op, text: `${describeOp(proposal.op)} #${proposal.id}` };
}

/** A proposal given as JSON (kept readable: an entry's data may be a string), parsed
 * once. A cache of a pure function: it cannot change what a run does. */
const parsedJson = new BoundedMemo<string, ProposalData>(256);

/** The proposal an applied entry carries, with its words. */
export function parseProposal(e: Entry): ProposalData {
  const data = e.data;
  if (typeof data !== 'string') return data as ProposalData;
  let p = parsedJson.get(data);
  if (p === undefined) parsedJson.set(data, (p = proposalData(JSON.parse(data) as Proposal)));
  return p;
}
