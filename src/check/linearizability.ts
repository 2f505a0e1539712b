// Linearizability of the KV workload (Herlihy & Wing 1990), checked the way Porcupine
// does it: the history is split per key (linearizability is compositional, so each
// key is an independent register), and each key is searched with Wing & Gong's
// algorithm as improved by Lowe ("Testing for linearizability", 2017): walk a linked
// list of call/return entries in real-time order, tentatively linearize any call whose
// model step is legal, backtrack at the first return whose op is not yet linearized,
// and memoise (set of linearized ops, register value) so no configuration is explored
// twice. Written from the papers; no code copied.

import type { TraceEvent } from '../protocol/trace';
import { describeOp, kvHistory, opsByKey, type KvOperation } from './history';

export interface LinearizabilityOptions {
  /** Search steps allowed per key before giving up with 'unknown' (default 5 000 000, about 1–2 s). */
  readonly maxStepsPerKey?: number;
  /** Memo-table size, in 32-bit words, allowed per key before 'unknown' (default 2^25 = 128 MiB). */
  readonly maxMemoWordsPerKey?: number;
}

export interface LinearizabilityFailure {
  readonly key: string;
  /** The operation the search could not place, at the deepest point it reached. */
  readonly op: KvOperation;
  /** Ops not in the prefix that were invoked before `op` returned: the ones a correct
   * order would have to interleave with it. Includes `op` itself. */
  readonly concurrent: readonly KvOperation[];
  /** The longest linearizable prefix found, in linearization order. */
  readonly prefix: readonly KvOperation[];
  /** The register's value after `prefix` (null = absent). */
  readonly valueAfterPrefix: string | null;
  readonly message: string;
}

export interface KeyVerdict {
  readonly key: string;
  readonly ok: boolean | 'unknown';
  /** Ops of this key given to the search (kv.fail, unanswered gets and unobserved
   * info writes are dropped first; see `relevantOps`). */
  readonly ops: number;
  readonly steps: number;
  readonly failure?: LinearizabilityFailure;
}

export interface LinearizabilityResult {
  /** false if any key is not linearizable; 'unknown' if none failed but some ran out of budget. */
  readonly ok: boolean | 'unknown';
  /** The first key (in sorted order) that failed, else the first that was unknown. */
  readonly key?: string;
  readonly opsChecked: number;
  readonly keys: readonly KeyVerdict[];
  readonly failure?: LinearizabilityFailure;
  /** Problems pairing invokes with completions (see history.ts). */
  readonly malformed: readonly string[];
}

const defaultMaxSteps = 5_000_000;
const defaultMaxMemoWords = 1 << 25;

export function checkLinearizability(
  events: readonly TraceEvent[],
  opts: LinearizabilityOptions = {},
): LinearizabilityResult {
  const history = kvHistory(events);
  const keys: KeyVerdict[] = [];
  let opsChecked = 0;
  for (const [key, ops] of opsByKey(history.ops)) {
    const verdict = checkKey(key, ops, opts);
    keys.push(verdict);
    opsChecked += verdict.ops;
  }
  const failed = keys.find((k) => k.ok === false);
  const unknown = keys.find((k) => k.ok === 'unknown');
  const base = { opsChecked, keys, malformed: history.malformed };
  if (failed) return { ...base, ok: false, key: failed.key, failure: failed.failure };
  if (unknown) return { ...base, ok: 'unknown', key: unknown.key };
  return { ...base, ok: true };
}

/**
 * The ops that constrain the search. Dropped, each without changing the verdict:
 * - kv.fail: definitely did not take effect.
 * - gets with no answer (info / pending): any value is allowed, so they fit anywhere.
 * - info/pending put or cas whose value no answered get returned and no cas expected:
 *   if it took effect nobody saw it, and since it may take effect "at infinity" an
 *   order without it exists iff one with it does. This matters: chaos runs leave many
 *   info writes, and each one otherwise multiplies the states the search must visit.
 */
export function relevantOps(ops: readonly KvOperation[]): KvOperation[] {
  const observed = new Set<string>();
  for (const op of ops) {
    if (op.f === 'get' && op.status === 'ok' && op.output !== null && op.output !== undefined) observed.add(op.output);
    if (op.f === 'cas' && op.status !== 'fail' && op.expect !== undefined) observed.add(op.expect);
  }
  return ops.filter((op) => {
    if (op.status === 'fail') return false;
    if (op.status === 'ok') return true;
    if (op.f === 'get') return false;
    if ((op.f === 'put' || op.f === 'cas') && op.value !== undefined && !observed.has(op.value)) return false;
    return true;
  });
}

// Op kinds, compiled to small integers so a model step is a few comparisons.
const GET = 0, PUT = 1, DEL = 2, CAS = 3;

/** Checks one key's ops (in invoke order, all with this key) as a register starting absent. */
export function checkKey(key: string, allOps: readonly KvOperation[], opts: LinearizabilityOptions = {}): KeyVerdict {
  const maxSteps = opts.maxStepsPerKey ?? defaultMaxSteps;
  const maxMemoWords = opts.maxMemoWordsPerKey ?? defaultMaxMemoWords;
  const ops = relevantOps(allOps);
  const n = ops.length;
  if (n === 0) return { key, ok: true, ops: 0, steps: 0 };

  // Values interned to integers; 0 is "absent" (null).
  const ids = new Map<string, number>();
  const names: (string | null)[] = [null];
  const intern = (v: string | null | undefined): number => {
    if (v === null || v === undefined) return 0;
    let id = ids.get(v);
    if (id === undefined) {
      id = names.length;
      ids.set(v, id);
      names.push(v);
    }
    return id;
  };
  const kind = new Int8Array(n);
  const arg = new Int32Array(n); // value written, or value read for GET
  const expect = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const op = ops[i];
    if (op.f === 'get') {
      kind[i] = GET;
      arg[i] = intern(op.output);
    } else if (op.f === 'put') {
      kind[i] = PUT;
      arg[i] = intern(op.value);
    } else if (op.f === 'delete') {
      kind[i] = DEL;
    } else {
      kind[i] = CAS;
      arg[i] = intern(op.value);
      expect[i] = intern(op.expect);
    }
  }
  /** The register's next value, or -1 if op i cannot happen in state s. */
  const step = (s: number, i: number): number => {
    switch (kind[i]) {
      case GET: return arg[i] === s ? s : -1;
      case PUT: return arg[i];
      case DEL: return 0;
      default: return expect[i] === s ? arg[i] : -1;
    }
  };

  // Ops with an unknown outcome (info / pending; they never return) are optional: one
  // may take effect at any point after its invoke, or never. Two rules keep them from
  // multiplying the search, each losing no solution:
  // - never place one where it would change nothing (a failed cas compare, a delete of
  //   an absent key): leaving it out is the same history with fewer choices;
  // - identical ones (same kind and values, e.g. every lost delete) are interchangeable,
  //   so only the earliest-invoked unplaced one of each class may be placed next.
  const optional = new Uint8Array(n);
  const prevSame = new Int32Array(n).fill(-1);
  const lastOfClass = new Map<string, number>();
  let required = 0; // ops that returned: every one must be placed
  for (let i = 0; i < n; i++) {
    if (ops[i].returnSeq !== Infinity) {
      required++;
      continue;
    }
    optional[i] = 1;
    const cls = `${kind[i]}:${arg[i]}:${expect[i]}`;
    prevSame[i] = lastOfClass.get(cls) ?? -1;
    lastOfClass.set(cls, i);
  }

  // Entry e: op e>>1, a call when e is even, a return when odd. HEAD is a sentinel.
  // Unknown outcomes return at Infinity, i.e. after every real event.
  const HEAD = 2 * n, NIL = -1;
  const time = (e: number): number => ((e & 1) === 0 ? ops[e >> 1].invokeSeq : ops[e >> 1].returnSeq);
  const byTime = (a: number, b: number): number => {
    const ta = time(a), tb = time(b);
    return ta === tb ? a - b : ta < tb ? -1 : 1; // not ta - tb: Infinity - Infinity is NaN
  };
  const order = Array.from({ length: 2 * n }, (_, e) => e).sort(byTime);
  const next = new Int32Array(2 * n + 1).fill(NIL);
  const prev = new Int32Array(2 * n + 1).fill(NIL);
  let last = HEAD;
  for (const e of order) {
    next[last] = e;
    prev[e] = last;
    last = e;
  }
  // Dancing links: removed entries keep their own next/prev, so undoing in reverse
  // (stack) order restores the list exactly.
  const remove = (e: number): void => {
    next[prev[e]] = next[e];
    if (next[e] !== NIL) prev[next[e]] = prev[e];
  };
  const restore = (e: number): void => {
    next[prev[e]] = e;
    if (next[e] !== NIL) prev[next[e]] = e;
  };

  // The linearized set as a bitset. The memo is keyed by a hash of its required part
  // and the value, kept incrementally (XOR of per-op codes; optional ops have code 0).
  const words = (n + 31) >>> 5;
  const bits = new Uint32Array(words);
  const isSet = (i: number): boolean => (bits[i >>> 5] & (1 << (i & 31))) !== 0;
  const optionalBits = new Uint32Array(words);
  const code = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (optional[i] === 1) optionalBits[i >>> 5] |= 1 << (i & 31);
    else code[i] = mix32(i + 1);
  }
  let setHash = 0;
  const memo = new Map<number, { bits: Uint32Array; state: number }[]>();
  let memoWords = 0;
  /**
   * Adds (bits, state) to the memo; false if an explored configuration covers it. A
   * configuration with the same required ops placed and the same value covers this one
   * when it placed a subset of these optional ops: it has every move this one has (an
   * optional op can always be left out), so if it led nowhere, neither does this.
   */
  const remember = (state: number): boolean => {
    const h = (setHash ^ mix32(state + 0x51ed27)) | 0;
    let bucket = memo.get(h);
    if (bucket === undefined) memo.set(h, (bucket = []));
    for (const seen of bucket) if (seen.state === state && covers(seen.bits, bits, optionalBits)) return false;
    bucket.push({ bits: bits.slice(), state });
    memoWords += words + 4;
    return true;
  };

  const stackEntry = new Int32Array(n);
  const stackState = new Int32Array(n);
  let depth = 0;
  let state = 0;
  let steps = 0;
  let best: { depth: number; stuck: number; prefix: number[]; state: number; concurrent: number[] } | undefined;

  // Each configuration is scanned twice: first for required ops, then for optional
  // ones, so the configurations that place fewer optional ops are explored first and
  // then cover (see `remember`) the ones that place more.
  let optionalPass = 0;
  let entry = next[HEAD];
  while (required > 0) {
    if ((entry & 1) === 0) {
      const i = entry >> 1;
      if (optional[i] !== optionalPass) {
        entry = next[entry];
        continue;
      }
      // A step is one model evaluation (skipped entries are cheap; backtracks are bounded by pushes).
      if (++steps > maxSteps || memoWords > maxMemoWords) return { key, ok: 'unknown', ops: n, steps };
      const after = step(state, i);
      const worthTrying = optional[i] === 0 || (after !== state && (prevSame[i] === -1 || isSet(prevSame[i])));
      if (after >= 0 && worthTrying) {
        bits[i >>> 5] |= 1 << (i & 31);
        setHash ^= code[i];
        if (remember(after)) {
          stackEntry[depth] = entry;
          stackState[depth] = state;
          depth++;
          state = after;
          remove(entry);
          remove(entry + 1);
          required -= 1 - optional[i];
          entry = next[HEAD];
          optionalPass = 0;
          continue;
        }
        bits[i >>> 5] &= ~(1 << (i & 31));
        setHash ^= code[i];
      }
      entry = next[entry];
    } else if (optionalPass === 0) {
      optionalPass = 1;
      entry = next[HEAD];
    } else {
      // A return whose op is not linearized: every order of what precedes it failed,
      // so undo the most recent choice and try the next candidate after it.
      if (best === undefined || depth > best.depth) {
        const concurrent: number[] = [];
        for (let e = next[HEAD]; e !== entry; e = next[e]) if ((e & 1) === 0) concurrent.push(e >> 1);
        const prefix = Array.from(stackEntry.subarray(0, depth), (e) => e >> 1);
        best = { depth, stuck: entry >> 1, prefix, state, concurrent };
      }
      // Undo choices. A read that was legal when chosen never needs a second look:
      // it leaves the value unchanged, and every op that must precede it is already
      // linearized, so if any order works from before it, one starting with it does.
      // So when a read's subtree is dead, the configuration before it is dead too.
      let e = -1;
      while (depth > 0) {
        depth--;
        e = stackEntry[depth];
        const i = e >> 1;
        state = stackState[depth];
        bits[i >>> 5] &= ~(1 << (i & 31));
        setHash ^= code[i];
        restore(e + 1);
        restore(e);
        required += 1 - optional[i];
        if (kind[i] !== GET) break;
        e = -1;
      }
      if (e === -1) break;
      entry = next[e];
      optionalPass = optional[e >> 1];
    }
  }
  if (required === 0) return { key, ok: true, ops: n, steps };
  // best is always set here: the loop only breaks after recording it.
  const b = best!;
  const failure = describeFailure(
    key,
    ops[b.stuck],
    b.concurrent.map((i) => ops[i]),
    b.prefix.map((i) => ops[i]),
    names[b.state],
    allOps,
  );
  return { key, ok: false, ops: n, steps, failure };
}

function describeFailure(
  key: string,
  op: KvOperation,
  concurrent: KvOperation[],
  prefix: KvOperation[],
  valueAfterPrefix: string | null,
  allOps: readonly KvOperation[],
): LinearizabilityFailure {
  const shown = valueAfterPrefix === null ? 'absent' : JSON.stringify(valueAfterPrefix);
  const lines = [`key ${key} is not linearizable: no order of its operations that respects real time explains ${describeOp(op)}.`];
  if (op.f === 'get' && op.output !== null && op.output !== undefined) {
    const writers = allOps.filter((w) => (w.f === 'put' || w.f === 'cas') && w.value === op.output && w.status !== 'fail');
    if (writers.length === 0) lines.push(`No operation ever wrote ${JSON.stringify(op.output)} to ${key}.`);
  }
  const lastOp = prefix.length > 0 ? `, the last being ${describeOp(prefix[prefix.length - 1])}` : '';
  lines.push(`The longest explainable prefix has ${prefix.length} operation(s)${lastOp}; after it ${key} is ${shown}.`);
  const others = concurrent.filter((c) => c !== op);
  if (others.length > 0) {
    const listed = others.slice(0, 5).map(describeOp).join('; ');
    lines.push(`Also in flight then: ${listed}${others.length > 5 ? ` and ${others.length - 5} more` : ''}.`);
  }
  return { key, op, concurrent, prefix, valueAfterPrefix, message: lines.join(' ') };
}

/** Same required ops (bits outside `optional`), and a's optional ops a subset of b's. */
function covers(a: Uint32Array, b: Uint32Array, optional: Uint32Array): boolean {
  for (let w = 0; w < a.length; w++) {
    if (((a[w] ^ b[w]) & ~optional[w]) !== 0 || (a[w] & ~b[w]) !== 0) return false;
  }
  return true;
}

/** A 32-bit integer hash (the murmur3 finaliser), for the memo's per-op codes. */
function mix32(x: number): number {
  let h = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
