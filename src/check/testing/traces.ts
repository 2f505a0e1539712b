// Builders for hand-written and generated traces, shared by the checkers' tests (and
// usable by other folders' tests that want to feed a checker a small history).

import type { KvOp, TraceEvent } from '../../protocol/trace';

/** One workload operation on a timeline: `at: [invoke, return]` in sim ms. */
export interface OpSpec {
  readonly p: string;
  readonly f: KvOp;
  readonly key?: string;
  readonly value?: string;
  readonly expect?: string;
  /** get: the value read (null = absent). */
  readonly out?: string | null;
  /** [invoke] alone means no completion in the trace (still in flight). */
  readonly at: readonly [number] | readonly [number, number];
  /** Default 'ok'. 'info' and 'fail' complete at at[1] with an error. */
  readonly status?: 'ok' | 'fail' | 'info';
}

/** The trace of these ops, ordered by time; at equal times, earlier-listed ops' events first. */
export function kvTrace(specs: readonly OpSpec[]): TraceEvent[] {
  const timed: { t: number; order: number; ev: TraceEvent }[] = [];
  const nextId = new Map<string, number>();
  specs.forEach((s, n) => {
    const id = (nextId.get(s.p) ?? 0) + 1;
    nextId.set(s.p, id);
    const key = s.key ?? 'x';
    const invoke: Extract<TraceEvent, { type: 'kv.invoke' }> = { t: s.at[0], type: 'kv.invoke', process: s.p, id, f: s.f, key };
    if (s.value !== undefined) invoke.value = s.value;
    if (s.expect !== undefined) invoke.expect = s.expect;
    timed.push({ t: s.at[0], order: 2 * n, ev: invoke });
    const t = s.at[1];
    if (t === undefined) return;
    const status = s.status ?? 'ok';
    let done: TraceEvent;
    if (status === 'ok') {
      const ok: Extract<TraceEvent, { type: 'kv.ok' }> = { t, type: 'kv.ok', process: s.p, id };
      if (s.f === 'get') ok.value = s.out ?? null;
      done = ok;
    } else {
      const error = status === 'fail' ? 'compare failed' : 'etcdserver: request timed out';
      done = { t, type: status === 'fail' ? 'kv.fail' : 'kv.info', process: s.p, id, error };
    }
    timed.push({ t, order: 2 * n + 1, ev: done });
  });
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  return timed.map((x) => x.ev);
}

/** A deterministic 32-bit PRNG (mulberry32) for test data; nothing here reads Math.random. */
export function seeded(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n: number) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return (((z ^ (z >>> 14)) >>> 0) % n);
  };
}

export interface RegisterWorkload {
  readonly ops: number;
  readonly keys: number;
  readonly clients: number;
  /** Per mille chance that an op's reply is lost (kv.info). */
  readonly infoPerMille?: number;
  /** Max ms an op's invoke precedes / its return follows its linearization point. */
  readonly slackMs?: number;
}

/**
 * A history that is linearizable by construction: ops take effect one at a time at
 * linearization points 10 ms apart on a sequential register per key, and each op's
 * [invoke, return] interval is stretched around its point by a random slack. A
 * client runs one op at a time, so an op goes to a client that is idle at its invoke
 * time (a fresh client name when none is, as after a kv.info). Info ops that lost
 * their reply took effect or not, at random.
 */
export function registerHistory(w: RegisterWorkload, rand: (n: number) => number): OpSpec[] {
  const slack = w.slackMs ?? 25;
  const values = new Map<string, string | null>();
  const busyUntil = new Map<string, number>();
  for (let c = 1; c <= w.clients; c++) busyUntil.set(`c${c}`, -1);
  let fresh = w.clients;
  const specs: OpSpec[] = [];
  for (let i = 0; i < w.ops; i++) {
    const point = 10 * i + 100;
    const invoke = point - 1 - rand(slack);
    const ret = point + 1 + rand(slack);
    let p = [...busyUntil.entries()].filter(([, until]) => until < invoke).map(([name]) => name)[0];
    if (p === undefined) p = `c${++fresh}`;
    const key = `k${rand(w.keys)}`;
    const current = values.get(key) ?? null;
    const f = (['put', 'get', 'get', 'cas', 'delete'] as const)[rand(5)];
    const info = rand(1000) < (w.infoPerMille ?? 0);
    const tookEffect = !info || rand(2) === 0;
    const value = `v${i}`;
    if (info) busyUntil.delete(p); // that process name is never used again (contracts.md §3)
    else busyUntil.set(p, ret);
    if (f === 'get') {
      specs.push(info ? { p, f, key, at: [invoke, ret], status: 'info' } : { p, f, key, out: current, at: [invoke, ret] });
    } else if (f === 'cas') {
      // Expect the current value half the time so both outcomes occur.
      const expect = rand(2) === 0 && current !== null ? current : `v${rand(i + 1)}`;
      const swaps = expect === current;
      if (swaps && tookEffect) values.set(key, value);
      const status = info ? 'info' : swaps ? 'ok' : 'fail';
      specs.push({ p, f, key, expect, value, at: [invoke, ret], status });
    } else {
      if (tookEffect) values.set(key, f === 'put' ? value : null);
      specs.push({ p, f, key, ...(f === 'put' ? { value } : {}), at: [invoke, ret], status: info ? 'info' : 'ok' });
    }
  }
  return specs;
}
