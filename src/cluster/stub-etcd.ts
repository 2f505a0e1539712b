// A STAND-IN for src/etcd until the real etcd member (RawNode, MVCC, clientv3-like
// clients) lands: a small but honest Raft (elections with persisted term and vote, log
// replication, commit of own-term entries, a register KV applied from the log; reads go
// through the log, so they are linearizable) so the cluster layer, the hosts and the
// scenario tests run end to end. processes.ts switches to src/etcd when it exports the
// real processes; nothing else depends on this file.

import type { KvOp, RaftRole } from '../protocol/trace';
import type { Packet } from '../sim/packet';
import { PORT } from '../sim/packet';
import type { Process, Runtime } from '../sim/process';
import type { ConsoleSpec, EtcdMemberSpec, KvWorkloadSpec } from './specs';

interface Entry {
  readonly term: number;
  readonly index: number;
  readonly data: string;
}

type Op = { readonly f: KvOp; readonly key: string; readonly value?: string; readonly expect?: string };
type ClientRequest = { readonly id: number; readonly op: Op };
type ClientResponse = { readonly id: number; readonly ok: true; readonly value?: string | null; readonly succeeded?: boolean } | { readonly id: number; readonly ok: false; readonly error: string; readonly leader?: string; readonly definite: boolean };

type RaftMsg =
  | { type: 'vote'; term: number; from: number; lastIndex: number; lastTerm: number }
  | { type: 'voteResp'; term: number; from: number; granted: boolean }
  | { type: 'app'; term: number; from: number; prevIndex: number; prevTerm: number; entries: Entry[]; commit: number }
  | { type: 'appResp'; term: number; from: number; ok: boolean; match: number };

const pad = (n: number) => String(n).padStart(10, '0');

export class StubEtcdMember implements Process {
  readonly name = 'etcd';
  readonly ports = [PORT.etcdClient, PORT.etcdPeer];
  private term: number;
  private vote: number;
  private role: RaftRole = 'follower';
  private leader = 0;
  private log: Entry[] = [];
  private commit = 0;
  private applied = 0;
  private elapsed = 0;
  private timeout = 0;
  private votes = new Set<number>();
  private readonly next = new Map<number, number>();
  private readonly match = new Map<number, number>();
  private readonly kv = new Map<string, string>();
  private readonly pending = new Map<number, { reqKey: string; dst: Packet['src']; id: number }>();

  constructor(
    private readonly spec: EtcdMemberSpec,
    private readonly rt: Runtime,
  ) {
    const hs = rt.disk.get<{ term: number; vote: number }>('raft/hardstate');
    this.term = hs?.term ?? 1;
    this.vote = hs?.vote ?? 0;
    for (const k of rt.disk.keys('raft/log/')) this.log.push(rt.disk.get<Entry>(k)!);
    this.resetTimeout();
    rt.emit({ type: 'raft.role', member: spec.member, role: 'follower', term: this.term });
  }

  private get lastIndex(): number {
    return this.log.length;
  }
  private termAt(i: number): number {
    return i === 0 ? 0 : (this.log[i - 1]?.term ?? 0);
  }
  private persistHard(): void {
    this.rt.disk.put('raft/hardstate', { term: this.term, vote: this.vote });
  }
  private append(e: Entry): void {
    this.log.push(e);
    this.rt.disk.put(`raft/log/${pad(e.index)}`, e);
  }
  private truncate(from: number): void {
    while (this.log.length >= from) this.rt.disk.delete(`raft/log/${pad(this.log.pop()!.index)}`);
  }
  private resetTimeout(): void {
    this.elapsed = 0;
    this.timeout = this.rt.rng.int(this.spec.electionTicks, 2 * this.spec.electionTicks);
  }
  private become(role: RaftRole, term: number, leader: number): void {
    const changed = role !== this.role || term !== this.term;
    if (term !== this.term) {
      this.term = term;
      this.vote = 0;
      this.persistHard();
    }
    this.role = role;
    this.leader = leader;
    this.resetTimeout();
    if (role !== 'leader') this.failPending('etcdserver: leader changed');
    if (changed) this.rt.emit({ type: 'raft.role', member: this.spec.member, role, term });
  }
  private peers() {
    return this.spec.peers.filter((p) => p.id !== this.spec.id);
  }
  private send(to: number, m: RaftMsg): void {
    const p = this.spec.peers.find((x) => x.id === to)!;
    this.rt.send({ host: p.host, port: PORT.etcdPeer }, `raft.${m.type}`, m, PORT.etcdPeer);
  }
  private quorum(): number {
    return Math.floor(this.spec.peers.length / 2) + 1;
  }

  tick(): void {
    this.elapsed++;
    if (this.role === 'leader') {
      if (this.elapsed >= this.spec.heartbeatTicks) {
        this.elapsed = 0;
        this.broadcast();
      }
      return;
    }
    if (this.elapsed >= this.timeout) this.campaign();
  }

  private campaign(): void {
    this.become('candidate', this.term + 1, 0);
    this.vote = this.spec.id;
    this.persistHard();
    this.votes = new Set([this.spec.id]);
    if (this.votes.size >= this.quorum()) return this.becomeLeader();
    for (const p of this.peers()) this.send(p.id, { type: 'vote', term: this.term, from: this.spec.id, lastIndex: this.lastIndex, lastTerm: this.termAt(this.lastIndex) });
  }

  private becomeLeader(): void {
    this.become('leader', this.term, this.spec.id);
    for (const p of this.peers()) {
      this.next.set(p.id, this.lastIndex + 1);
      this.match.set(p.id, 0);
    }
    this.append({ term: this.term, index: this.lastIndex + 1, data: '' });
    this.maybeCommit();
    this.broadcast();
  }

  private broadcast(): void {
    for (const p of this.peers()) this.sendApp(p.id);
  }

  private sendApp(to: number): void {
    const next = this.next.get(to) ?? this.lastIndex + 1;
    const prevIndex = next - 1;
    const entries = this.log.slice(prevIndex, prevIndex + 64);
    this.send(to, { type: 'app', term: this.term, from: this.spec.id, prevIndex, prevTerm: this.termAt(prevIndex), entries, commit: this.commit });
  }

  receive(packet: Packet): void {
    if (packet.dst.port === PORT.etcdClient) return this.clientRequest(packet);
    const m = packet.body as RaftMsg;
    if (m.term > this.term) this.become('follower', m.term, m.type === 'app' ? m.from : 0);
    if (m.term < this.term) {
      if (m.type === 'vote') this.send(m.from, { type: 'voteResp', term: this.term, from: this.spec.id, granted: false });
      if (m.type === 'app') this.send(m.from, { type: 'appResp', term: this.term, from: this.spec.id, ok: false, match: 0 });
      return;
    }
    switch (m.type) {
      case 'vote': {
        const upToDate = m.lastTerm > this.termAt(this.lastIndex) || (m.lastTerm === this.termAt(this.lastIndex) && m.lastIndex >= this.lastIndex);
        const granted = (this.vote === 0 || this.vote === m.from) && upToDate && this.role !== 'leader';
        if (granted) {
          this.vote = m.from;
          this.persistHard();
          this.resetTimeout();
        }
        this.send(m.from, { type: 'voteResp', term: this.term, from: this.spec.id, granted });
        return;
      }
      case 'voteResp':
        if (this.role !== 'candidate' || !m.granted) return;
        this.votes.add(m.from);
        if (this.votes.size >= this.quorum()) this.becomeLeader();
        return;
      case 'app': {
        if (this.role !== 'follower' || this.leader !== m.from) this.become('follower', this.term, m.from);
        this.resetTimeout();
        if (m.prevIndex > this.lastIndex || this.termAt(m.prevIndex) !== m.prevTerm) {
          this.send(m.from, { type: 'appResp', term: this.term, from: this.spec.id, ok: false, match: Math.min(this.lastIndex, m.prevIndex - 1) });
          return;
        }
        for (const e of m.entries) {
          if (e.index <= this.lastIndex && this.termAt(e.index) === e.term) continue;
          if (e.index <= this.lastIndex) this.truncate(e.index);
          this.append(e);
        }
        const matched = m.prevIndex + m.entries.length;
        const commit = Math.min(m.commit, matched);
        if (commit > this.commit) this.commit = commit;
        this.applyCommitted();
        this.send(m.from, { type: 'appResp', term: this.term, from: this.spec.id, ok: true, match: matched });
        return;
      }
      case 'appResp':
        if (this.role !== 'leader') return;
        if (m.ok) {
          if (m.match > (this.match.get(m.from) ?? 0)) this.match.set(m.from, m.match);
          this.next.set(m.from, Math.max(this.next.get(m.from) ?? 1, m.match + 1));
          this.maybeCommit();
          if ((this.next.get(m.from) ?? 1) <= this.lastIndex) this.sendApp(m.from);
        } else {
          this.next.set(m.from, Math.max(1, m.match + 1));
          this.sendApp(m.from);
        }
        return;
    }
  }

  private maybeCommit(): void {
    const matches = [this.lastIndex, ...this.peers().map((p) => this.match.get(p.id) ?? 0)].sort((a, b) => b - a);
    const n = matches[this.quorum() - 1]!;
    // Raft §5.4.2: only entries of the leader's own term are committed by counting replicas.
    if (n > this.commit && this.termAt(n) === this.term) {
      this.commit = n;
      this.applyCommitted();
    }
  }

  private applyCommitted(): void {
    while (this.applied < this.commit) {
      const e = this.log[this.applied]!;
      this.applied++;
      this.rt.emit({ type: 'raft.apply', member: this.spec.member, index: e.index, term: e.term, data: e.data === '' ? 'no-op' : e.data });
      if (e.data === '') continue;
      const { op } = JSON.parse(e.data) as { op: Op };
      const result = this.applyOp(op);
      const p = this.pending.get(e.index);
      if (p) {
        this.pending.delete(e.index);
        if (p.reqKey === e.data) this.respond(p.dst, { id: p.id, ok: true, ...result });
        else this.respond(p.dst, { id: p.id, ok: false, error: 'etcdserver: leader changed', definite: false });
      }
    }
  }

  private applyOp(op: Op): { value?: string | null; succeeded?: boolean } {
    switch (op.f) {
      case 'get':
        return { value: this.kv.get(op.key) ?? null };
      case 'put':
        this.kv.set(op.key, op.value!);
        return {};
      case 'delete':
        this.kv.delete(op.key);
        return {};
      case 'cas': {
        const cur = this.kv.get(op.key);
        if (cur !== op.expect) return { succeeded: false };
        this.kv.set(op.key, op.value!);
        return { succeeded: true };
      }
    }
  }

  private clientRequest(packet: Packet): void {
    const req = packet.body as ClientRequest;
    if (this.role !== 'leader') {
      const leader = this.spec.peers.find((p) => p.id === this.leader)?.host;
      return this.respond(packet.src, { id: req.id, ok: false, error: 'etcdserver: not leader', ...(leader ? { leader } : {}), definite: true });
    }
    const data = JSON.stringify({ op: req.op, from: `${packet.src.host}:${packet.src.port}`, id: req.id });
    this.append({ term: this.term, index: this.lastIndex + 1, data });
    this.pending.set(this.lastIndex, { reqKey: data, dst: packet.src, id: req.id });
    this.maybeCommit();
    this.broadcast();
  }

  private failPending(error: string): void {
    for (const p of this.pending.values()) this.respond(p.dst, { id: p.id, ok: false, error, definite: false });
    this.pending.clear();
  }

  private respond(dst: Packet['src'], body: ClientResponse): void {
    this.rt.send(dst, 'etcd.response', body, PORT.etcdClient);
  }

  view(): unknown {
    return {
      kind: 'etcd', member: this.spec.member, id: this.spec.id, hexId: this.spec.id.toString(16).padStart(16, '0'),
      role: this.role, term: this.term, vote: this.vote ? `etcd-${this.vote}` : null, leader: this.leader ? `etcd-${this.leader}` : null,
      commit: this.commit, applied: this.applied, lastIndex: this.lastIndex, firstIndex: 1,
      log: this.log.slice(-8).map((e) => ({ index: e.index, term: e.term, text: e.data === '' ? 'no-op' : (JSON.parse(e.data) as { op: Op }).op.f })),
      revision: this.applied, keys: this.kv.size,
    };
  }
}

/** A client talking to etcd endpoints: one request at a time, follows "not leader" hints. */
abstract class StubClient implements Process {
  abstract readonly name: string;
  readonly ports: readonly number[];
  protected endpoint = 0;
  protected nextId = 1;
  protected inflight: { id: number; op: Op; sentAt: number; redirects: number } | undefined;

  constructor(
    protected readonly endpoints: readonly string[],
    protected readonly timeoutMs: number,
    protected readonly rt: Runtime,
    port: number,
  ) {
    this.ports = [port];
    this.endpoint = endpoints.length > 0 ? rt.rng.int(0, endpoints.length) : 0;
  }

  protected sendOp(op: Op): number {
    const id = this.nextId++;
    this.inflight = { id, op, sentAt: this.rt.now(), redirects: 0 };
    this.transmit();
    return id;
  }

  private transmit(): void {
    const f = this.inflight!;
    this.rt.send({ host: this.endpoints[this.endpoint]!, port: PORT.etcdClient }, 'etcd.request', { id: f.id, op: f.op } satisfies ClientRequest);
  }

  receive(packet: Packet): void {
    const r = packet.body as ClientResponse;
    const f = this.inflight;
    if (!f || r.id !== f.id) return;
    if (!r.ok && r.definite && f.redirects < 3) {
      // Not the leader: the request was not proposed; retry at the hinted leader.
      f.redirects++;
      const hinted = r.leader ? this.endpoints.indexOf(r.leader) : -1;
      this.endpoint = hinted >= 0 ? hinted : (this.endpoint + 1) % this.endpoints.length;
      this.transmit();
      return;
    }
    this.inflight = undefined;
    this.done(f, r);
  }

  tick(): void {
    const f = this.inflight;
    if (f && this.rt.now() - f.sentAt >= this.timeoutMs) {
      this.inflight = undefined;
      this.endpoint = (this.endpoint + 1) % this.endpoints.length;
      this.done(f, { id: f.id, ok: false, error: 'etcdserver: request timed out', definite: false });
    }
  }

  protected abstract done(f: { id: number; op: Op }, r: ClientResponse): void;
  abstract view(): unknown;
}

export class StubKvWorkloadClient extends StubClient {
  readonly name: string;
  private process: string;
  private generation = 1;
  private credit = 0;
  private counter = 0;

  constructor(private readonly spec: KvWorkloadSpec, rt: Runtime, port: number) {
    super(spec.endpoints, spec.requestTimeoutMs, rt, port);
    this.name = spec.name;
    this.process = spec.name;
  }

  override tick(): void {
    super.tick();
    this.credit = Math.min(1, this.credit + this.spec.ratePerSec / 10);
    if (this.inflight || this.credit < 1 || this.spec.ops.length === 0) return;
    // Spread the operations over the tick, drawing whether to go now.
    this.credit -= 1;
    const f = this.rt.rng.pick(this.spec.ops);
    const key = `k${this.rt.rng.int(1, this.spec.keys + 1)}`;
    const op: Op = f === 'put' ? { f, key, value: `${this.spec.name}-${++this.counter}` }
      : f === 'cas' ? { f, key, value: `${this.spec.name}-${++this.counter}`, expect: `${this.spec.name}-${this.counter - 1}` }
      : { f, key };
    const id = this.sendOp(op);
    this.rt.emit({ type: 'kv.invoke', process: this.process, id, f, key, ...(op.value !== undefined ? { value: op.value } : {}), ...(op.expect !== undefined ? { expect: op.expect } : {}) });
  }

  protected done(f: { id: number; op: Op }, r: ClientResponse): void {
    if (r.ok) {
      if (f.op.f === 'cas' && r.succeeded === false) this.rt.emit({ type: 'kv.fail', process: this.process, id: f.id, error: 'compare failed' });
      else this.rt.emit({ type: 'kv.ok', process: this.process, id: f.id, ...(f.op.f === 'get' ? { value: r.value ?? null } : {}) });
    } else if (r.definite) {
      this.rt.emit({ type: 'kv.fail', process: this.process, id: f.id, error: r.error });
    } else {
      this.rt.emit({ type: 'kv.info', process: this.process, id: f.id, error: r.error });
      // An operation with an unknown outcome may still take effect later: that process
      // name is never used again (contracts.md §3).
      this.process = `${this.spec.name}.${++this.generation}`;
      this.nextId = 1;
    }
  }

  view(): unknown {
    return { kind: 'client', endpoint: this.endpoints[this.endpoint] ?? '', pending: this.inflight ? 1 : 0 };
  }
}

export class StubConsoleClient extends StubClient {
  readonly name = 'console';
  private readonly commands = new Map<number, number>();

  constructor(spec: ConsoleSpec, rt: Runtime, port: number) {
    super(spec.endpoints, spec.requestTimeoutMs, rt, port);
  }

  command(commandId: number, command: unknown): void {
    const c = command as { f?: KvOp; key?: string; value?: string; line?: string };
    if (this.inflight) return this.rt.reply(commandId, { ok: false, error: 'busy: one request at a time' });
    if (!c.f || !c.key) return this.rt.reply(commandId, { ok: false, error: 'the console is not available yet' });
    const id = this.sendOp({ f: c.f, key: c.key, ...(c.value !== undefined ? { value: c.value } : {}) });
    this.commands.set(id, commandId);
  }

  protected done(f: { id: number; op: Op }, r: ClientResponse): void {
    const commandId = this.commands.get(f.id);
    if (commandId === undefined) return;
    this.commands.delete(f.id);
    if (!r.ok) this.rt.reply(commandId, { ok: false, error: r.error });
    else this.rt.reply(commandId, { ok: true, output: f.op.f === 'get' ? (r.value == null ? '' : `${f.op.key}\n${r.value}`) : 'OK' });
  }

  view(): unknown {
    return { kind: 'client', endpoint: this.endpoints[this.endpoint] ?? '', pending: this.inflight ? 1 : 0 };
  }
}
