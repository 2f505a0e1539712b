// The readers of a scenario file's fields: each checks one value and, when it is wrong,
// throws a ScenarioError naming the field's path and what was expected (contracts.md §2:
// typos must not pass silently). The error texts are part of the contract: outside
// checks run scenario files and read them.

import { parseDuration } from '../sim/duration';


export class ScenarioError extends Error {
  constructor(
    /** "faults[2].kil", or "" for the whole file. */
    readonly path: string,
    readonly detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
    this.name = 'ScenarioError';
  }

  /** The 1-based line of the file where `path` is, when parseScenario could tell
   * (banners say it; the message stays as it was). */
  line?: number;
}

// ---- field readers: each names the path and what was expected ----------------------
export function plainObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ScenarioError(path, `expected a mapping, got ${describe(v)}`);
  return v as Record<string, unknown>;
}

export function object(v: unknown, path: string, fields: readonly string[]): Record<string, unknown> {
  const o = plainObject(v, path || '(top level)');
  for (const k of Object.keys(o)) {
    if (!fields.includes(k)) throw new ScenarioError(path ? `${path}.${k}` : k, `unknown field; expected one of ${fields.join(', ')}`);
  }
  return o;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ScenarioError(path, `expected a list, got ${describe(v)}`);
  return v;
}

export function string(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new ScenarioError(path, `expected a string, got ${describe(v)}`);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') throw new ScenarioError(path, `expected true or false, got ${describe(v)}`);
  return v;
}

export function int(v: unknown, path: string, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new ScenarioError(path, `expected an integer from ${lo} to ${hi}, got ${describe(v)}`);
  return v;
}

export function probability(v: unknown, path: string): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ScenarioError(path, `expected a probability from 0 to 1, got ${describe(v)}`);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) throw new ScenarioError(path, `expected one of ${options.join(', ')}, got ${describe(v)}`);
  return v as T;
}

export function duration(v: unknown, path: string): number {
  const d = parseDuration(v);
  if ('error' in d) throw new ScenarioError(path, d.error);
  return d.ms;
}

/** "2ms..10ms" (uniform in the range) or "5ms" (fixed). */
export function latency(v: unknown, path: string): [number, number] {
  const text = string(v, path);
  const parts = text.split('..');
  if (parts.length > 2) throw new ScenarioError(path, `expected a duration or a range such as "2ms..10ms", got "${text}"`);
  const [lo, hi] = parts.map((p) => duration(p.trim(), path));
  const max = hi ?? lo!;
  if (lo! < 1) throw new ScenarioError(path, 'the minimum latency must be at least 1ms (the lockstep windows rely on it)');
  if (max < lo!) throw new ScenarioError(path, `the range's upper end is below its lower end in "${text}"`);
  return [lo!, max];
}

/** "20/s" or "600/m": operations per second. */
export function rate(v: unknown, path: string, zeroOk = false): number {
  const m = typeof v === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*\/\s*(s|m)\s*$/.exec(v) : null;
  if (!m) throw new ScenarioError(path, `expected a rate with a unit such as "20/s" or "600/m", got ${describe(v)}`);
  const n = Number(m[1]) / (m[2] === 'm' ? 60 : 1);
  if (zeroOk && n === 0) return 0;
  if (n <= 0 || n > 1000) throw new ScenarioError(path, `expected a rate above 0 and at most 1000/s, got "${v as string}"`);
  return n;
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return JSON.stringify(v);
}
