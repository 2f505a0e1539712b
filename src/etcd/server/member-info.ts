// What `member list` and `endpoint status` report about members (etcd's Member and
// StatusResponse), from the member's names, hosts and Raft status.

import type { RaftStatus } from '../../raft/types';
import { memberHexId } from '../ids';
import { ETCD_VERSION, type MemberInfo, type StatusInfo } from '../types';
import type { MvccStore } from './mvcc';

export interface MemberNames {
  readonly nameOf: ReadonlyMap<number, string>;
  readonly hostOf: ReadonlyMap<number, string>;
  readonly mvcc: MvccStore;
}

export function memberInfo(id: number, isLearner: boolean, x: MemberNames): MemberInfo {
  const name = x.nameOf.get(id) ?? `etcd-${id}`;
  const host = x.hostOf.get(id) ?? name;
  // Added but not yet published: etcd knows only its peer URL (`member add` does not
  // send the name), so `member list` prints it as unstarted with no name.
  const meta = x.mvcc.members.get(id);
  const unstarted = meta !== undefined && !meta.published;
  return { id: memberHexId(name), name: unstarted ? '' : name, peerURLs: [`https://${host}:2380`], clientURLs: unstarted ? [] : [`https://${host}:2379`], isLearner };
}

export function statusInfo(s: RaftStatus, host: string, self: { readonly member: string; readonly id: number }, x: MemberNames): StatusInfo {
  return {
    endpoint: `${host}:2379`,
    id: memberHexId(self.member),
    version: ETCD_VERSION,
    dbSize: x.mvcc.dbSizeBytes(),
    leader: s.lead ? memberHexId(x.nameOf.get(s.lead) ?? '') : '0',
    isLearner: s.confState.learners.includes(self.id),
    raftTerm: s.term,
    raftIndex: s.commit,
    raftAppliedIndex: s.applied,
    errors: [],
  };
}
