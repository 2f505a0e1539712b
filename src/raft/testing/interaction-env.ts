// The interaction environment of the transcript tests, after etcd-io/raft's
// rafttest/interaction_env*.go: RawNodes over in-memory storage, one queue of messages
// in flight, and the commands etcd's testdata/*.txt scripts use (add-nodes, campaign,
// propose, propose-conf-change, deliver-msgs, process-ready, stabilize, tick-election,
// tick-heartbeat, set-randomized-election-timeout, transfer-leadership, compact, send-snapshot,
// raft-log, raft-state, status, log-level). One command of our own: `read-index <id>
// <ctx>` (etcd's scripts have none, ReadIndex is tested in Go there).
//
// What reads differently from etcd's transcripts: the log lines are this core's
// narration events (RaftEvent), not etcd's logger, so fewer and worded after them; a
// message shows its ReadIndex context (Context:"…"). Messages, entries, Readies,
// HardStates, progress and raft state print exactly as etcd prints them.

import { Rng } from '../../sim/rng';
import { MemoryStorage } from '../memory-storage';
import type { Raft } from '../raft';
import { RawNode } from '../rawnode';
import type { ConfChange, ConfState, HardState, Message, MessageType, NodeId, RaftEvent, Snapshot } from '../types';
import type { Arg, Directive } from './datadriven';
import { dataString, describeEntries, describeMessage, describeProgress, describeReady, describeRole } from './describe';

const LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'NONE'] as const;

/** Storage whose snapshot is the state machine's latest (etcd's snapOverrideStorage). */
class HistoryStorage extends MemoryStorage {
  readonly history: Snapshot[] = [];
  override snapshot(): Snapshot | undefined {
    return this.history[this.history.length - 1];
  }
}

interface EnvNode {
  readonly id: NodeId;
  readonly rn: RawNode;
  readonly storage: HistoryStorage;
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  prevHard: HardState;
}

class UsageError extends Error {}

export class InteractionEnv {
  readonly nodes: EnvNode[] = [];
  messages: Message[] = [];
  private lines: string[] = [];
  private indent = '';
  private lvl = 0;
  private readonly rng = new Rng(0xe7cd);

  /** Runs one directive; returns its output ("ok" when it printed nothing). */
  handle(d: Directive): string {
    this.lines = [];
    this.indent = '';
    try {
      this.dispatch(d);
    } catch (e) {
      // Errors print even at log-level none, as etcd's env does.
      const text = e instanceof Error ? e.message : String(e);
      if (e instanceof UsageError) throw new Error(`line ${d.line}: ${d.cmdLine}: ${text}`, { cause: e });
      this.lines.push(text);
    }
    return this.lines.length === 0 ? 'ok' : this.lines.join('\n');
  }

  private dispatch(d: Directive): void {
    switch (d.cmd) {
      case 'add-nodes':
        return this.addNodes(d.args);
      case 'campaign':
        return this.node(first(d)).rn.campaign();
      case 'propose':
        if (!this.node(first(d)).rn.propose(d.args[1]?.key ?? '')) this.print('raft proposal dropped');
        return;
      case 'propose-conf-change':
        return this.proposeConfChange(first(d), d.input);
      case 'read-index':
        if (!this.node(first(d)).rn.readIndex(d.args[1]?.key ?? '')) this.print('raft read index dropped');
        return;
      case 'transfer-leadership':
        return this.node(num(d.args, 'from')).rn.transferLeader(num(d.args, 'to'));
      case 'process-ready':
        return this.processReadyCmd(ids(d.args));
      case 'deliver-msgs':
        return this.deliverMsgsCmd(d.args);
      case 'stabilize':
        return this.stabilizeCmd(d.args);
      case 'tick-election':
        return this.tick(first(d), this.node(first(d)).electionTicks);
      case 'tick-heartbeat':
        return this.tick(first(d), this.node(first(d)).heartbeatTicks);
      case 'set-randomized-election-timeout':
        raftOf(this.node(first(d))).randomizedElectionTimeout = num(d.args, 'timeout');
        return;
      case 'compact': {
        const n = this.node(first(d));
        n.storage.compact(Number(d.args[1]?.key));
        return this.raftLog(n);
      }
      case 'raft-log':
        return this.raftLog(this.node(first(d)));
      case 'raft-state':
        return this.raftState();
      case 'status':
        return this.status(this.node(first(d)));
      case 'log-level':
        return this.setLevel(d.args[0]?.key ?? '');
      case 'send-snapshot':
        return this.sendSnapshot(ids(d.args));
      case 'report-unreachable':
        return this.reportUnreachable(ids(d.args));
      case 'forget-leader':
      case 'process-append-thread':
      case 'process-apply-thread':
        throw new Error(`${d.cmd}: not modelled by src/raft (see src/raft/README.md)`);
      default:
        throw new UsageError(`unknown command "${d.cmd}"`);
    }
  }

  // ---- output ----

  private print(text: string): void {
    if (this.lvl === LEVELS.length - 1) return; // NONE silences the handlers too
    for (const l of text.replace(/\n$/, '').split('\n')) this.lines.push(this.indent + l);
  }

  private log(level: 'DEBUG' | 'INFO' | 'WARN', text: string): void {
    if (this.lvl <= LEVELS.indexOf(level)) this.print(`${level} ${text}`);
  }

  private withIndent(fn: () => void): void {
    const old = this.indent;
    this.indent += '  ';
    try {
      fn();
    } finally {
      this.indent = old;
    }
  }

  private setLevel(name: string): void {
    const at = LEVELS.indexOf(name.toUpperCase() as (typeof LEVELS)[number]);
    if (at < 0) throw new UsageError(`unknown log level ${name}`);
    this.lvl = at;
  }

  private narrate(id: NodeId, e: RaftEvent): void {
    switch (e.kind) {
      case 'became':
        this.log('INFO', `${id} became ${e.role === 'precandidate' ? 'pre-candidate' : e.role} at term ${e.term}`);
        return;
      case 'election-timeout':
        this.log('INFO', `${id} is starting a new election at term ${e.term}`);
        return;
      case 'vote':
        this.log('INFO', `${id} ${e.granted ? 'cast' : 'rejected'} ${e.pre ? 'MsgPreVote' : 'MsgVote'} ${e.granted ? 'for' : 'from'} ${e.to} at term ${e.term}`);
        return;
      case 'checkquorum-stepdown':
        this.log('WARN', `${id} stepped down to follower since quorum is not active`);
        return;
      case 'higher-term':
        this.log('INFO', `${id} received a ${e.msgType} message with higher term from ${e.from} [term: ${e.term}]`);
        return;
      case 'transfer-aborted':
        this.log('INFO', `${id} aborted the leadership transfer to ${e.to} at term ${e.term}`);
        return;
    }
  }

  // ---- nodes ----

  node(id: NodeId): EnvNode {
    const n = this.nodes[id - 1];
    if (!n) throw new UsageError(`no node ${id}`);
    return n;
  }

  private addNodes(args: readonly Arg[]): void {
    const count = Number(args[0]?.key);
    const opt = (key: string): readonly string[] | undefined => args.find((a) => a.key === key)?.vals;
    const confState: ConfState = { voters: (opt('voters') ?? []).map(Number), learners: (opt('learners') ?? []).map(Number) };
    const index = Number(opt('index')?.[0] ?? 0);
    const content = opt('content')?.[0] ?? '';
    const flag = (key: string): boolean => opt(key)?.[0] === 'true';
    const inflight = Number(opt('inflight')?.[0] ?? Infinity);
    for (let i = 0; i < count; i++) {
      const id = this.nodes.length + 1;
      const storage = new HistoryStorage();
      let snap: Snapshot = { meta: { index: 0, term: 0, confState: { voters: [], learners: [] } }, data: '' };
      if (index > 0 || confState.voters.length > 0) {
        if (index <= 1) throw new Error('index must be specified as > 1 due to bootstrap');
        snap = { meta: { index, term: 1, confState }, data: content };
        storage.applySnapshot(snap);
      }
      storage.history.push(snap);
      const rng = this.rng.fork(`node-${id}`);
      const rn = new RawNode(
        {
          id,
          peers: [],
          electionTicks: 3,
          heartbeatTicks: 1,
          preVote: flag('prevote'),
          checkQuorum: flag('checkquorum'),
          maxInflightMsgs: inflight,
          maxEntriesPerMsg: Infinity,
          applied: snap.meta.index,
          randomInt: (lo, hi) => rng.int(lo, hi),
          onEvent: (e) => this.narrate(id, e),
        },
        storage,
      );
      this.nodes.push({ id, rn, storage, electionTicks: 3, heartbeatTicks: 1, prevHard: storage.initialState().hardState });
    }
  }

  private proposeConfChange(id: NodeId, input: readonly string[]): void {
    const tokens = input.join(' ').split(/\s+/).filter((t) => t !== '');
    if (tokens.length !== 1) throw new Error(`propose-conf-change: ${tokens.length} changes at once is joint consensus, not modelled (one of vN, lN, rN)`);
    const m = /^([vlr])(\d+)$/.exec(tokens[0]!);
    if (!m) throw new UsageError(`bad conf change "${tokens[0]}"`);
    const type: ConfChange['type'] = m[1] === 'v' ? 'addNode' : m[1] === 'l' ? 'addLearner' : 'removeNode';
    if (!this.node(id).rn.proposeConfChange({ type, nodeId: Number(m[2]) })) this.print('raft proposal dropped');
  }

  /** Queues a MsgSnap of `from`'s latest snapshot to `to`, as if its host sent it. */
  private sendSnapshot([from, to]: NodeId[]): void {
    const n = this.node(from ?? 0);
    const snapshot = n.storage.snapshot();
    if (!snapshot || to === undefined) throw new UsageError('expected send-snapshot <from> <to>');
    const m: Message = { type: 'MsgSnap', from: n.id, to, term: n.rn.term, snapshot };
    this.messages.push(m);
    this.print(describeMessage(m));
  }

  /** etcd's ReportUnreachable. The core has no event for it, so the env narrates it as
   * etcd's leader logs it (a log line, not compared). */
  private reportUnreachable([id, peer]: NodeId[]): void {
    if (id === undefined || peer === undefined) throw new UsageError('expected report-unreachable <id> <peer>');
    const n = this.node(id);
    n.rn.reportUnreachable(peer);
    const pr = raftOf(n).prs.get(peer);
    if (pr) this.log('DEBUG', `${id} failed to send message to ${peer} because it is unreachable [${describeProgress(pr)}]`);
  }

  private tick(id: NodeId, n: number): void {
    for (let i = 0; i < n; i++) this.node(id).rn.tick();
  }

  // ---- Ready, delivery, stabilize ----

  private processReadyCmd(list: NodeId[]): void {
    for (const id of list) {
      if (list.length > 1) {
        this.print(`> ${id} handling Ready`);
        this.withIndent(() => this.processReady(id));
      } else this.processReady(id);
    }
  }

  /** Persist, apply, queue the messages, advance (etcd's ProcessReady, synchronous storage). */
  processReady(id: NodeId): void {
    const n = this.node(id);
    const rd = n.rn.ready();
    const hs = rd.hardState;
    const mustSync = rd.entries.length > 0 || (hs !== undefined && (hs.term !== n.prevHard.term || hs.vote !== n.prevHard.vote));
    this.print(describeReady(rd, mustSync));
    if (rd.snapshot) {
      n.storage.applySnapshot(rd.snapshot);
      n.storage.history.push(rd.snapshot);
    }
    n.storage.append(rd.entries);
    if (hs) {
      n.storage.setHardState(hs);
      n.prevHard = hs;
    }
    for (const e of rd.committedEntries) {
      const last = n.storage.history[n.storage.history.length - 1]!;
      let confState = last.meta.confState;
      let update = dataString(e);
      if (e.type === 'confchange') {
        confState = n.rn.applyConfChange(JSON.parse(update) as ConfChange);
        n.storage.setConfState(confState);
        update = '';
      }
      // An "appender" state machine, as etcd's env: the snapshot data is every entry's data.
      n.storage.history.push({ meta: { index: e.index, term: e.term, confState }, data: last.data + update });
    }
    this.messages.push(...rd.messages);
    n.rn.advance();
  }

  private deliverMsgsCmd(args: readonly Arg[]): void {
    let type: MessageType | undefined;
    const recipients: { id: NodeId; drop: boolean }[] = [];
    for (const a of args) {
      if (a.vals.length === 0) recipients.push({ id: Number(a.key), drop: false });
      else if (a.key === 'drop') for (const v of a.vals) recipients.push({ id: Number(v), drop: true });
      else if (a.key === 'type') type = a.vals[0] as MessageType;
    }
    if (this.deliverMsgs(type, recipients) === 0) this.print('no messages');
  }

  private deliverMsgs(type: MessageType | undefined, recipients: readonly { id: NodeId; drop: boolean }[]): number {
    let count = 0;
    for (const r of recipients) {
      const mine = this.messages.filter((m) => m.to === r.id && (type === undefined || m.type === type));
      this.messages = this.messages.filter((m) => !mine.includes(m));
      count += mine.length;
      for (const m of mine) {
        this.print(`${r.drop ? 'dropped: ' : ''}${describeMessage(m)}`);
        if (!r.drop) this.node(m.to).rn.step(m);
      }
    }
    return count;
  }

  private stabilizeCmd(args: readonly Arg[]): void {
    const level = args.find((a) => a.key === 'log-level')?.vals[0];
    const old = this.lvl;
    if (level) this.setLevel(level);
    try {
      this.stabilize(ids(args));
    } finally {
      this.lvl = old;
    }
  }

  /** Ready and deliver on the given nodes (all when none) until nothing is left to do. */
  stabilize(list: NodeId[]): void {
    const nodes = list.length > 0 ? list.map((id) => this.node(id)) : this.nodes;
    for (let round = 0; round < 10_000; round++) {
      let done = true;
      for (const n of nodes) {
        if (!n.rn.hasReady()) continue;
        this.print(`> ${n.id} handling Ready`);
        this.withIndent(() => this.processReady(n.id));
        done = false;
      }
      for (const n of nodes) {
        if (!this.messages.some((m) => m.to === n.id)) continue;
        this.print(`> ${n.id} receiving messages`);
        this.withIndent(() => this.deliverMsgs(undefined, [{ id: n.id, drop: false }]));
        done = false;
      }
      if (done) return;
    }
    throw new Error('stabilize: no quiescence after 10000 rounds');
  }

  // ---- inspection ----

  private raftLog(n: EnvNode): void {
    const first = n.storage.firstIndex();
    const last = n.storage.lastIndex();
    if (last < first) this.print(`log is empty: first index=${first}, last index=${last}`);
    else this.print(describeEntries(n.storage.entries(first, last + 1)));
  }

  private raftState(): void {
    for (const n of this.nodes) {
      const st = n.rn.status();
      const voter = st.confState.voters.includes(st.id) ? '(Voter)' : '(Non-Voter)';
      this.print(`${st.id}: ${describeRole(st.role)} ${voter} Term:${st.term} Lead:${st.lead}`);
    }
  }

  private status(n: EnvNode): void {
    const r = raftOf(n);
    if (r.role !== 'leader') return;
    for (const id of [...r.prs.keys()].sort((a, b) => a - b)) this.print(`${id}: ${describeProgress(r.prs.get(id)!)}`);
  }
}

function raftOf(n: EnvNode): Raft {
  return (n.rn as unknown as { raft: Raft }).raft;
}

function first(d: Directive): NodeId {
  const id = Number(d.args[0]?.key);
  if (!Number.isInteger(id) || id < 1) throw new UsageError('expected a node id first');
  return id;
}

function num(args: readonly Arg[], key: string): number {
  const v = Number(args.find((a) => a.key === key)?.vals[0]);
  if (!Number.isFinite(v)) throw new UsageError(`expected ${key}=<number>`);
  return v;
}

/** The bare numeric arguments (node ids); key=value arguments are skipped. */
function ids(args: readonly Arg[]): NodeId[] {
  return args.filter((a) => a.vals.length === 0).map((a) => Number(a.key));
}
