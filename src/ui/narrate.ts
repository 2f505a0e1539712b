// Trace events as sentences a student understands, for the event log. Pure: the little
// it needs to know about the past (a member's previous role, whether an entry was
// already reported) comes in the context, which the store keeps.

import type { RaftRole, TraceEvent } from '../protocol/trace';

export type LineKind = 'election' | 'vote' | 'commit' | 'fault' | 'machine' | 'kv' | 'kube' | 'warning' | 'info';

export interface Narration {
  readonly text: string;
  readonly kind: LineKind;
}

export interface NarrationContext {
  /** The member's role before this event (undefined: it has just booted). */
  readonly prevRole?: RaftRole;
  /** For raft.apply: true when no member applied this index before (one line per entry). */
  readonly firstApply?: boolean;
}

/** Processes whose kv.* events the log tells: the UI's own client, not the workload. */
const NODE_CHATTER = new Set(['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'RegisteredNode', 'NodeReady']);

export function isUiClient(process: string): boolean {
  return process === 'console' || process.startsWith('console.') || process === 'ui';
}

/** "put k1=v3" from an entry's data: the JSON the stand-in etcd logs, or words already. */
export function entryText(data: string): string {
  if (data === '' || data === 'no-op') return 'no-op';
  // The member names each entry with its request id ("put k=v #2.17"): noise here.
  data = data.replace(/ #[\w.]+$/, '');
  if (data.startsWith('{')) {
    try {
      const parsed = JSON.parse(data) as { op?: { f?: string; key?: string; value?: string; expect?: string } };
      const op = parsed.op;
      if (op?.f) {
        if (op.f === 'put') return `put ${op.key}=${op.value}`;
        if (op.f === 'cas') return `cas ${op.key}: ${op.expect ?? '∅'}→${op.value}`;
        return `${op.f} ${op.key}`;
      }
    } catch {
      // not JSON after all: show the words
    }
  }
  return data.length > 48 ? `${data.slice(0, 47)}…` : data;
}

function percent(rate: number | undefined): string {
  return `${Math.round((rate ?? 0) * 100)}%`;
}

function narrateRole(ev: Extract<TraceEvent, { type: 'raft.role' }>, prev: RaftRole | undefined): Narration | null {
  const m = ev.member;
  switch (ev.role) {
    case 'candidate':
      // With PreVote a candidate first won a pre-vote; without it (or when the leader
      // handed over) the election starts straight from a timeout.
      return prev === 'precandidate'
        ? { text: `${m} won the pre-vote and started an election for term ${ev.term}`, kind: 'election' }
        : { text: `${m} timed out and started an election for term ${ev.term}`, kind: 'election' };
    case 'precandidate':
      return { text: `${m} timed out and asks whether it could win term ${ev.term + 1} (pre-vote)`, kind: 'election' };
    case 'leader':
      return { text: `${m} won the election and leads term ${ev.term}`, kind: 'election' };
    case 'follower': {
      if (prev === undefined) return { text: `${m} started as a follower in term ${ev.term}`, kind: 'election' };
      if (prev === 'leader') return { text: `${m} stepped down and is a follower in term ${ev.term}`, kind: 'election' };
      if (ev.lead) return { text: `${m} follows ${ev.lead} in term ${ev.term}`, kind: 'election' };
      if (prev === 'follower') return { text: `${m} moved to term ${ev.term} as a follower`, kind: 'election' };
      return { text: `${m} gave up its election and is a follower in term ${ev.term}`, kind: 'election' };
    }
  }
}

function narrateFault(ev: Extract<TraceEvent, { type: 'fault' }>): Narration {
  const who = ev.target ?? '';
  const via = ev.via === 'etcd-leader' ? ' (the etcd leader)' : ev.via === 'chaos' ? ' (chaos)' : '';
  const note = ev.note ? ` — nothing happened: ${ev.note}` : '';
  let text: string;
  switch (ev.action) {
    case 'kill':
      text = `fault: ${who}${via} was killed`;
      break;
    case 'restart':
      text = who === 'down' ? 'fault: every machine that is down reboots' : `fault: ${who}${via} restarts`;
      break;
    case 'isolate':
      text = `fault: ${who}${via} was cut off from the network`;
      break;
    case 'partition':
      text = `fault: the network split into ${(ev.groups ?? []).map((g) => `[${g.join(', ')}]`).join(' | ')}`;
      break;
    case 'heal':
      text = who && who !== 'all' ? `fault healed: ${who} is reachable again` : 'fault healed: the network is whole again';
      break;
    case 'loss':
      text = `fault: ${percent(ev.rate)} of messages are now lost`;
      break;
    default:
      text = `fault: ${ev.action}${who ? ` ${who}` : ''}${via}`;
  }
  return { text: text + note, kind: 'fault' };
}

export function narrate(ev: TraceEvent, ctx: NarrationContext = {}): Narration | null {
  switch (ev.type) {
    case 'raft.role':
      return narrateRole(ev, ctx.prevRole);
    case 'raft.vote':
      return ev.pre
        ? { text: `${ev.member} would vote for ${ev.for} in term ${ev.term} (pre-vote)`, kind: 'vote' }
        : { text: `${ev.member} voted for ${ev.for} in term ${ev.term}`, kind: 'vote' };
    case 'raft.note':
      if (ev.note === 'checkquorum') return { text: `${ev.member} stepped down: it lost contact with a quorum`, kind: 'election' };
      if (ev.note === 'higher-term') return { text: `${ev.member} saw a higher term (${ev.term}) and steps down`, kind: 'election' };
      if (ev.note === 'removed from the cluster') return { text: `${ev.member} applied its own removal and stopped`, kind: 'election' };
      return null;
    case 'raft.apply': {
      if (ctx.firstApply === false) return null;
      const what = entryText(ev.data);
      // The apiserver's writes are narrated as what they mean (events below), not as keys.
      if (what.includes('/registry/') || what.includes('compact_rev_key')) return null;
      const conf = /^conf (add|add-learner|promote|remove) (\S+)$/.exec(ev.data);
      if (conf) {
        const [, action, who] = conf;
        const sentence = action === 'add' ? `${who} joins as a voting member` : action === 'add-learner' ? `${who} joins as a learner (replicates, does not vote)` : action === 'promote' ? `learner ${who} is promoted to a voting member` : `${who} is removed from the cluster`;
        return { text: `entry ${ev.index} committed: membership change, ${sentence}`, kind: 'commit' };
      }
      if (what === 'no-op') return { text: `entry ${ev.index} committed: no-op (the leader of term ${ev.term} starts its term)`, kind: 'commit' };
      return { text: `entry ${ev.index} committed: ${what}`, kind: 'commit' };
    }
    case 'raft.commit':
      return null;
    case 'etcd.member':
      return null; // narrated once, from the committed entry (raft.apply)
    case 'etcdctl.snapshot':
      return ev.action === 'save'
        ? { text: `snapshot saved to ${ev.file}: ${ev.member ?? 'a member'}'s keyspace at revision ${ev.revision}`, kind: 'commit' }
        : { text: `restore from ${ev.file} requested (revision ${ev.revision}, data dir ${ev.dataDir ?? '?'})`, kind: 'fault' };
    case 'etcd.restore':
      return { text: `etcd restored from ${ev.file}: ${ev.members.join(', ')} restart as a new cluster at revision ${ev.revision}, log from entry ${ev.index + 1}, term 1`, kind: 'fault' };
    case 'raft.snapshot':
      return { text: `${ev.member} installed a snapshot up to entry ${ev.index}`, kind: 'commit' };
    case 'fault':
      return narrateFault(ev);
    case 'machine.down':
      return { text: `${ev.machine} is down`, kind: 'machine' };
    case 'machine.up':
      return { text: `${ev.machine} booted`, kind: 'machine' };
    case 'process.crash':
      return { text: `${ev.process} on ${ev.machine} crashed: ${ev.error} (the rest of the cluster runs on; restart ${ev.machine} to start it again)`, kind: 'fault' };
    case 'kv.invoke':
      if (!isUiClient(ev.process)) return null;
      return { text: `you asked: ${ev.f} ${ev.key}${ev.value !== undefined ? `=${ev.value}` : ''}`, kind: 'kv' };
    case 'kv.ok':
      if (!isUiClient(ev.process)) return null;
      return { text: ev.value === undefined ? 'your request succeeded' : `your read returned ${ev.value === null ? '(no such key)' : ev.value}`, kind: 'kv' };
    case 'kv.fail':
      if (!isUiClient(ev.process)) return null;
      return { text: `your request failed: ${ev.error}`, kind: 'kv' };
    case 'kv.info':
      if (!isUiClient(ev.process)) return null;
      return { text: `your request's outcome is unknown: ${ev.error}`, kind: 'kv' };
    case 'lease.holder':
      if (ev.lease.startsWith('kube-node-lease/')) return null;
      return { text: `LeaderElection: ${ev.holder} now holds the lease ${ev.lease}`, kind: 'kube' };
    case 'k8s.event':
      // "Created container" is always followed at once by "Started container".
      if (ev.reason === 'Created' && ev.object.startsWith('pod/')) return null;
      // A node's boot chatter stays in `kubectl describe node`; NodeReady is
      // already told by node.ready.
      if (ev.object.startsWith('node/') && NODE_CHATTER.has(ev.reason)) return null;
      return { text: `${ev.reason} (${ev.object}): ${ev.message}${ev.count ? ` (x${ev.count})` : ''}`, kind: ev.eventType === 'Warning' ? 'warning' : 'kube' };
    case 'console.line':
    case 'console.reply':
      return null; // the console panel shows them
    case 'client.throttled':
      // client-go's own log line, with who logged it: the requests wait in the client,
      // the apiserver never saw them (not API Priority and Fairness).
      return { text: `${ev.process} on ${ev.machine}, ${ev.client} client: ${ev.message}`, kind: 'kube' };
    case 'apiserver.ready':
      return { text: `kube-apiserver on ${ev.machine} is ${ev.ready ? 'ready' : 'not ready (its etcd is unreachable)'}`, kind: 'kube' };
    case 'node.ready':
      return { text: `node ${ev.node} is ${ev.ready ? 'Ready' : 'NotReady'}`, kind: 'kube' };
    case 'pod.bound':
      return { text: `pod ${ev.pod} was scheduled to ${ev.node}`, kind: 'kube' };
    case 'pod.phase':
      return { text: `pod ${ev.pod} is ${ev.phase} on ${ev.node}`, kind: 'kube' };
    case 'pod.deleted':
      return { text: `pod ${ev.pod} was deleted`, kind: 'kube' };
    case 'job.complete':
      return { text: `job ${ev.job} completed`, kind: 'kube' };
    case 'job.failed':
      return { text: `job ${ev.job} failed: ${ev.reason}`, kind: 'kube' };
    case 'node.deleted':
      return { text: `node ${ev.node} was deleted`, kind: 'kube' };
    case 'service.lb':
      return { text: `service ${ev.service} got a cloud load balancer: ${ev.ip}`, kind: 'kube' };
  }
}
