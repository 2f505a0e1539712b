// A deterministic in-memory cluster of RawNodes for the Raft tests (after raft_test.go's
// `network`): messages wait in a queue until delivered; links can be cut; nodes can
// crash and restart from their MemoryStorage (term, vote and log survive).

import { Rng } from '../../sim/rng';
import { MemoryStorage } from '../memory-storage';
import { RawNode } from '../rawnode';
import type { ReadOnlyTracker } from '../read-only';
import { dataString } from './describe';
import type { Entry, Message, MessageType, NodeId, RaftStatus, ReadState } from '../types';

export interface NetOptions {
  readonly preVote?: boolean;
  readonly checkQuorum?: boolean;
  readonly electionTicks?: number;
  readonly seed?: number;
  readonly maxEntriesPerMsg?: number;
  /** Replaces the leader's ReadIndex bookkeeping (bug injection). */
  readonly readOnly?: () => ReadOnlyTracker;
}

export class TestNetwork {
  readonly ids: NodeId[];
  readonly storage = new Map<NodeId, MemoryStorage>();
  readonly nodes = new Map<NodeId, RawNode>();
  readonly applied = new Map<NodeId, Entry[]>();
  readonly readStates = new Map<NodeId, ReadState[]>();
  /** Every (term → leader id) ever observed, for election safety. */
  readonly leaders = new Map<number, NodeId>();
  queue: Message[] = [];
  readonly down = new Set<NodeId>();
  private readonly cut = new Set<string>();
  /** Drop every message for which this returns true (e.g. by type). */
  filter: ((m: Message) => boolean) | undefined;
  /** Changes a message on the wire (e.g. strips some entries) before delivery. */
  rewrite: ((m: Message) => Message) | undefined;
  private readonly rng: Rng;

  constructor(
    n: number,
    private readonly opts: NetOptions = {},
  ) {
    this.rng = new Rng(opts.seed ?? 1);
    this.ids = Array.from({ length: n }, (_, i) => i + 1);
    for (const id of this.ids) {
      this.storage.set(id, new MemoryStorage());
      this.applied.set(id, []);
      this.readStates.set(id, []);
      this.boot(id);
    }
  }

  private boot(id: NodeId): void {
    const rng = this.rng.fork(`node-${id}-${this.rng.nextU32()}`);
    const node = new RawNode(
      {
        id,
        peers: this.ids,
        electionTicks: this.opts.electionTicks ?? 10,
        heartbeatTicks: 1,
        preVote: this.opts.preVote ?? true,
        checkQuorum: this.opts.checkQuorum ?? true,
        maxInflightMsgs: 256,
        maxEntriesPerMsg: this.opts.maxEntriesPerMsg ?? 16,
        // The state machine is rebuilt by re-applying (tests keep `applied` as history).
        applied: 0,
        randomInt: (lo, hi) => rng.int(lo, hi),
        ...(this.opts.readOnly ? { readOnly: this.opts.readOnly } : {}),
      },
      this.storage.get(id)!,
    );
    this.nodes.set(id, node);
    this.applied.set(id, []);
  }

  node(id: NodeId): RawNode {
    return this.nodes.get(id)!;
  }

  status(id: NodeId): RaftStatus {
    return this.node(id).status();
  }

  /** Runs each live node's Ready loop: persist, queue messages, apply. */
  drain(): void {
    for (const id of this.ids) {
      if (this.down.has(id)) continue;
      const node = this.node(id);
      while (node.hasReady()) {
        const rd = node.ready();
        const st = this.storage.get(id)!;
        if (rd.snapshot) st.applySnapshot(rd.snapshot);
        st.append(rd.entries);
        if (rd.hardState) st.setHardState(rd.hardState);
        this.queue.push(...rd.messages);
        this.applied.get(id)!.push(...rd.committedEntries);
        this.readStates.get(id)!.push(...rd.readStates);
        node.advance();
      }
      const s = node.status();
      if (s.role === 'leader') {
        const prev = this.leaders.get(s.term);
        if (prev !== undefined && prev !== id) throw new Error(`election safety: ${prev} and ${id} both lead term ${s.term}`);
        this.leaders.set(s.term, id);
      }
    }
  }

  private blocked(m: Message): boolean {
    return this.down.has(m.to) || this.down.has(m.from) || this.cut.has(`${m.from}>${m.to}`) || (this.filter?.(m) ?? false);
  }

  /** Delivers queued messages (and what they cause) until the queue is empty. */
  deliverAll(maxRounds = 1000): void {
    this.drain();
    for (let round = 0; round < maxRounds && this.queue.length > 0; round++) {
      const batch = this.queue;
      this.queue = [];
      for (const m of batch) if (!this.blocked(m)) this.node(m.to).step(this.rewrite ? this.rewrite(m) : m);
      this.drain();
    }
  }

  /** Delivers only the first queued message (if not blocked). */
  deliverOne(): Message | undefined {
    const m = this.queue.shift();
    if (m && !this.blocked(m)) this.node(m.to).step(m);
    this.drain();
    return m;
  }

  tick(id: NodeId, n = 1): void {
    for (let i = 0; i < n; i++) {
      this.node(id).tick();
      this.drain();
    }
  }

  /** Ticks every live node n times, delivering everything after each tick. */
  tickAll(n = 1): void {
    for (let i = 0; i < n; i++) {
      for (const id of this.ids) if (!this.down.has(id)) this.node(id).tick();
      this.deliverAll();
    }
  }

  /** Ticks until some node leads (or gives up). Returns the leader. */
  elect(maxTicks = 100): NodeId {
    for (let i = 0; i < maxTicks; i++) {
      this.tickAll(1);
      const l = this.leader();
      if (l !== undefined) return l;
    }
    throw new Error('no leader elected');
  }

  leader(): NodeId | undefined {
    const live = this.ids.filter((id) => !this.down.has(id) && this.status(id).role === 'leader');
    return live.sort((a, b) => this.status(b).term - this.status(a).term)[0];
  }

  campaign(id: NodeId): void {
    this.node(id).campaign();
    this.drain();
  }

  propose(id: NodeId, data: string): boolean {
    const ok = this.node(id).propose(data);
    this.drain();
    return ok;
  }

  readIndex(id: NodeId, context: string): void {
    this.node(id).readIndex(context);
    this.drain();
  }

  cutLink(a: NodeId, b: NodeId): void {
    this.cut.add(`${a}>${b}`);
    this.cut.add(`${b}>${a}`);
  }

  isolate(id: NodeId): void {
    for (const other of this.ids) if (other !== id) this.cutLink(id, other);
  }

  partition(...groups: NodeId[][]): void {
    for (const g of groups) for (const h of groups) if (g !== h) for (const a of g) for (const b of h) this.cut.add(`${a}>${b}`);
  }

  heal(): void {
    this.cut.clear();
  }

  crash(id: NodeId): void {
    this.down.add(id);
    this.queue = this.queue.filter((m) => m.to !== id && m.from !== id);
  }

  restart(id: NodeId): void {
    this.down.delete(id);
    this.boot(id);
    this.drain();
  }

  /** Data of the applied normal entries of a node, no-ops left out. */
  appliedData(id: NodeId): string[] {
    return this.applied.get(id)!.filter((e) => e.data !== '').map(dataString);
  }

  /** The node's whole log (index, term) from its storage and unstable part. */
  log(id: NodeId): Entry[] {
    const s = this.status(id);
    return this.node(id).entries(s.firstIndex, s.lastIndex + 1) ?? [];
  }

  /** The durable log in the node's storage (also readable while it is down). */
  storageLog(id: NodeId): Entry[] {
    const st = this.storage.get(id)!;
    return st.lastIndex() >= st.firstIndex() ? st.entries(st.firstIndex(), st.lastIndex() + 1) : [];
  }

  /** Drops messages of these types from now on. */
  dropTypes(...types: MessageType[]): void {
    const set = new Set(types);
    this.filter = (m) => set.has(m.type);
  }
}
