import { describe, expect, it } from 'vitest';
import { Disk } from './disk';
import { parseDuration } from './duration';
import { Network } from './net';
import { PORT } from './packet';
import { Rng } from './rng';

describe('Rng', () => {
  it('gives the same numbers for the same seed and different ones for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const seqA = Array.from({ length: 8 }, () => a.nextU32());
    expect(Array.from({ length: 8 }, () => b.nextU32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextU32())).not.toEqual(seqA);
  });

  it('forks by name independently of earlier draws, so adding a node perturbs nobody', () => {
    const a = new Rng(7), b = new Rng(7);
    for (let i = 0; i < 100; i++) b.float();
    expect(a.fork('etcd-2').nextU32()).toBe(b.fork('etcd-2').nextU32());
    expect(a.fork('etcd-2').nextU32()).not.toBe(a.fork('etcd-3').nextU32());
  });

  it('draws integers in [lo, hi) roughly uniformly', () => {
    const r = new Rng(1);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[r.int(0, 4)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(850);
    expect(Math.min(...Array.from({ length: 1000 }, () => r.int(10, 20)))).toBe(10);
    expect(Math.max(...Array.from({ length: 1000 }, () => r.int(10, 20)))).toBe(19);
  });
});

describe('parseDuration', () => {
  it('reads units and rejects numbers without one', () => {
    expect(parseDuration('250ms')).toEqual({ ms: 250 });
    expect(parseDuration('1.5s')).toEqual({ ms: 1500 });
    expect(parseDuration('2m')).toEqual({ ms: 120_000 });
    expect(parseDuration('10')).toHaveProperty('error');
    expect(parseDuration(10)).toHaveProperty('error');
  });
});

describe('Network', () => {
  const pkt = (from: string, to: string) => ({ src: { host: from, port: 1 }, dst: { host: to, port: 2 }, kind: 'x', body: null, sentAt: 100 });

  it('delays within the latency range and never below 1 ms', () => {
    const net = new Network(new Rng(3), { latencyMinMs: 2, latencyMaxMs: 10 });
    for (let i = 0; i < 200; i++) {
      const [p] = net.route(pkt('a', 'b'));
      expect(p!.deliverAt - 100).toBeGreaterThanOrEqual(2);
      expect(p!.deliverAt - 100).toBeLessThanOrEqual(10);
    }
  });

  it('drops across a partition both ways, and only one way for a one-way cut', () => {
    const net = new Network(new Rng(3));
    net.partition([['a'], ['b', 'c']]);
    expect(net.route(pkt('a', 'b'))).toEqual([]);
    expect(net.route(pkt('c', 'a'))).toEqual([]);
    expect(net.route(pkt('b', 'c'))).toHaveLength(1);
    net.heal();
    net.cutOneWay(['a'], ['b']);
    expect(net.route(pkt('a', 'b'))).toEqual([]);
    expect(net.route(pkt('b', 'a'))).toHaveLength(1);
  });

  it('loses and duplicates at the configured rates, decided by the seed', () => {
    const run = (seed: number) => {
      const net = new Network(new Rng(seed), { loss: 0.3, duplicate: 0.2 });
      return Array.from({ length: 1000 }, () => net.route(pkt('a', 'b')).length);
    };
    const counts = run(9);
    expect(run(9)).toEqual(counts);
    const lost = counts.filter((n) => n === 0).length, dup = counts.filter((n) => n === 2).length;
    expect(lost).toBeGreaterThan(230);
    expect(lost).toBeLessThan(370);
    expect(dup).toBeGreaterThan(90);
  });

  it('never duplicates etcd peer traffic (rafthttp is TCP), only what the ReadIndex trouble re-sends', () => {
    const net = new Network(new Rng(5), { duplicate: 1 });
    const peer = (kind: string) => ({ src: { host: 'a', port: PORT.etcdPeer }, dst: { host: 'b', port: PORT.etcdPeer }, kind, body: null, sentAt: 100 });
    for (let i = 0; i < 50; i++) expect(net.route(peer('raft.MsgProp'))).toHaveLength(1);
    expect(net.route(peer('raft.MsgApp'))).toHaveLength(1);
    expect(net.route(pkt('a', 'b'))).toHaveLength(2);
    // etcd's server re-sends a ReadIndex that went unanswered (same request context).
    net.conditions.readIndexDuplicate = 1;
    expect(net.route(peer('raft.MsgReadIndex'))).toHaveLength(2);
    expect(net.route(peer('raft.MsgProp'))).toHaveLength(1);
  });

  it('slows a machine\'s peer traffic, both ways, only while the fault lasts, and drops nothing', () => {
    const net = new Network(new Rng(5), { latencyMinMs: 2, latencyMaxMs: 2 });
    const peer = (from: string, to: string, sentAt: number) => ({ src: { host: from, port: PORT.etcdPeer }, dst: { host: to, port: PORT.etcdPeer }, kind: 'raft.MsgApp', body: null, sentAt });
    net.slow('a', 2_000, 1_000);
    expect(net.route(peer('a', 'b', 100))[0]!.deliverAt).toBe(2_102);
    expect(net.route(peer('b', 'a', 100))[0]!.deliverAt).toBe(2_102);
    expect(net.route(peer('b', 'c', 100))[0]!.deliverAt).toBe(102);
    expect(net.route(pkt('b', 'a'))[0]!.deliverAt).toBe(102); // client traffic keeps its speed
    expect(net.route(peer('a', 'b', 1_000))[0]!.deliverAt).toBe(1_002); // over
  });
});

describe('Disk', () => {
  it('records writes for the coordinator and replays them onto a copy', () => {
    const d = new Disk([], true);
    d.put('raft/hardstate', { term: 2 });
    d.put('x', 1);
    d.delete('x');
    const copy = new Disk();
    copy.apply(d.takeOps());
    expect(copy.get('raft/hardstate')).toEqual({ term: 2 });
    expect(copy.has('x')).toBe(false);
    expect(d.takeOps()).toEqual([]);
  });
});
