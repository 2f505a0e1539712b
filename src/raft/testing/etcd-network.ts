// etcd-io/raft raft_test.go's `network`: rafts (or black holes) wired together, where
// send() steps a message into its recipient and keeps delivering whatever that causes
// until nothing is left. Links can drop a share of their messages (drop, cut, isolate),
// message types can be ignored, and a hook may inspect or drop each message.

import { Rng } from '../../sim/rng';
import type { MemoryStorage } from '../memory-storage';
import type { Raft } from '../raft';
import type { Message, MessageType, NodeId } from '../types';
import { idsBySize, internals, newRaft, newTestConfig, newTestMemoryStorage, readMessages, type TestConfig } from './etcd-harness';

/** A peer that swallows every message (etcd's nopStepper). */
export class BlackHole {
  readonly blackHole = true;
}

export const nopStepper = new BlackHole();

export type Peer = Raft | BlackHole;

export class Network {
  readonly peers = new Map<NodeId, Peer>();
  readonly storage = new Map<NodeId, MemoryStorage>();
  private dropm = new Map<string, number>();
  private ignorem = new Set<MessageType>();
  /** Called for each message sent: return false to drop it. */
  msgHook: ((m: Message) => boolean) | undefined;
  private readonly rng = new Rng(0xd20b);

  constructor(configFunc: ((c: TestConfig) => void) | undefined, peers: readonly (Peer | null)[]) {
    const ids = idsBySize(peers.length);
    peers.forEach((p, j) => {
      const id = ids[j]!;
      if (p === null) {
        const st = newTestMemoryStorage(ids);
        this.storage.set(id, st);
        const cfg = newTestConfig(id, 10, 1, st);
        configFunc?.(cfg);
        this.peers.set(id, newRaft(cfg));
      } else if (p instanceof BlackHole) {
        this.peers.set(id, p);
      } else {
        // A raft built by the test joins as `id`, with every peer a voter except its
        // own learners, and its progress reset (etcd's newNetworkWithConfig).
        const learners = [...p.learners].filter((l) => ids.includes(l));
        internals(p).id = id;
        p.applyConfState({ voters: ids.filter((i) => !learners.includes(i)), learners });
        internals(p).reset(p.term);
        this.peers.set(id, p);
      }
    });
  }

  raft(id: NodeId): Raft {
    const p = this.peers.get(id);
    if (!p || p instanceof BlackHole) throw new Error(`peer ${id} is not a raft`);
    return p;
  }

  send(...msgs: Message[]): void {
    const queue = [...msgs];
    while (queue.length > 0) {
      const m = queue.shift()!;
      const p = this.peers.get(m.to);
      if (!p || p instanceof BlackHole) continue;
      p.step(m);
      queue.push(...this.filter(readMessages(p)));
    }
  }

  drop(from: NodeId, to: NodeId, perc: number): void {
    this.dropm.set(`${from}>${to}`, perc);
  }

  cut(one: NodeId, other: NodeId): void {
    this.drop(one, other, 2.0); // always drop
    this.drop(other, one, 2.0);
  }

  isolate(id: NodeId): void {
    for (let i = 1; i <= this.peers.size; i++) {
      if (i === id) continue;
      this.drop(id, i, 1.0);
      this.drop(i, id, 1.0);
    }
  }

  ignore(t: MessageType): void {
    this.ignorem.add(t);
  }

  recover(): void {
    this.dropm = new Map();
    this.ignorem = new Set();
  }

  filter(msgs: readonly Message[]): Message[] {
    const out: Message[] = [];
    for (const m of msgs) {
      if (this.ignorem.has(m.type)) continue;
      if (m.type === 'MsgHup') throw new Error('unexpected msgHup'); // hups never go over the network
      const perc = this.dropm.get(`${m.from}>${m.to}`) ?? 0;
      if (this.rng.float() < perc) continue;
      if (this.msgHook && !this.msgHook(m)) continue;
      out.push(m);
    }
    return out;
  }
}

export function newNetwork(...peers: (Peer | null)[]): Network {
  return new Network(undefined, peers);
}

export function newNetworkWithConfig(configFunc: ((c: TestConfig) => void) | undefined, ...peers: (Peer | null)[]): Network {
  return new Network(configFunc, peers);
}

export function preVoteConfig(c: TestConfig): void {
  c.preVote = true;
}
