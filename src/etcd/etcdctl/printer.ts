// etcdctl's output helpers: its -w table layout, its byte sizes (go-humanize), Go's
// time.Duration text, its -w json (Go's encoding/json over the protobuf structs) and the
// gRPC error texts a client sees.

import { memberHexId } from '../ids';
import type { ResponseHeader } from '../types';

/** The cluster id etcdctl prints (one simulated cluster). */
export const CLUSTER_ID = memberHexId('kube-raft-lab/cluster');

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const center = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const head = `|${header.map((h, i) => ` ${center(h, widths[i]!)} `).join('|')}|`;
  const body = rows.map((r) => `|${r.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('|')}|`);
  return [line, head, line, ...body, line].join('\n');
}

const SI_SIZES = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Bytes as etcdctl prints them: go-humanize's `Bytes` (SI, base 1000). Its
 * humanateBytes rounds to one decimal, then prints `%.1f` below 10 and `%.0f` from 10 on
 * (Go rounds an exact half to even there: 12.5 → "12"). */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const e = Math.floor(Math.log(n) / Math.log(1000));
  const tenths = Math.floor((n / 1000 ** e) * 10 + 0.5);
  const suffix = SI_SIZES[e]!;
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} ${suffix}`;
  let whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  if (rest > 5 || (rest === 5 && whole % 2 === 1)) whole++;
  return `${whole} ${suffix}`;
}

/** The digits of v / 10^prec after the point, trailing zeros dropped (Go's fmtFrac). */
function fraction(v: number, prec: number): [string, number] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const d = v % 10;
    print ||= d !== 0;
    if (print) digits = `${d}${digits}`;
    v = Math.floor(v / 10);
  }
  return [print ? `.${digits}` : '', v];
}

/** A duration in milliseconds as Go's time.Duration String() prints it: "9.612ms",
 * "1.2s", "1m0.5s", "0s". */
export function goDuration(ms: number): string {
  const ns = Math.round(ms * 1e6);
  if (ns <= 0) return ns === 0 ? '0s' : `-${goDuration(-ms)}`;
  if (ns < 1e9) {
    const [unit, prec] = ns < 1e3 ? ['ns', 0] : ns < 1e6 ? ['µs', 3] : ['ms', 6];
    const [frac, whole] = fraction(ns, prec);
    return `${whole}${frac}${unit}`;
  }
  const [frac, secs] = fraction(ns, 9);
  let text = `${secs % 60}${frac}s`;
  const mins = Math.floor(secs / 60);
  if (mins > 0) {
    text = `${mins % 60}m${text}`;
    const hours = Math.floor(mins / 60);
    if (hours > 0) text = `${hours}h${text}`;
  }
  return text;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A string's UTF-8 bytes in standard base64: how encoding/json writes a []byte. */
export function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i]!, bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

/** A member id (16 hex digits, or "0") as the uint64 it is. */
export function uint64(hex: string): bigint {
  return BigInt(`0x${hex}`);
}

/** A JSON value as Go's encoding/json writes it: bigint for uint64 fields (exact
 * decimal), undefined fields left out (omitempty is up to the caller). */
export type GoJson = string | number | bigint | boolean | null | undefined | readonly GoJson[] | { readonly [k: string]: GoJson };

/** encoding/json's string escaping: HTML-safe (<, >, & as \u003c…), U+2028/9 escaped,
 * other control characters as \u00XX. */
function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export function goJson(v: GoJson): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${(v as readonly GoJson[]).map(goJson).join(',')}]`;
  const fields = Object.entries(v as { readonly [k: string]: GoJson }).filter(([, x]) => x !== undefined);
  return `{${fields.map(([k, x]) => `${goString(k)}:${goJson(x)}`).join(',')}}`;
}

/** omitempty: a zero number, false, "" or an empty list is left out. */
export function omitEmpty<T extends GoJson>(v: T): T | undefined {
  if (v === 0 || v === 0n || v === false || v === '' || (Array.isArray(v) && v.length === 0)) return undefined;
  return v;
}

/** etcdserverpb.ResponseHeader as JSON. The Cluster API (member list, add…) fills no
 * revision; KV and Maintenance answers do. */
export function jsonHeader(h: ResponseHeader | undefined, withRevision = true): GoJson {
  return {
    cluster_id: omitEmpty(uint64(CLUSTER_ID)),
    member_id: omitEmpty(h ? uint64(h.memberId) : 0n),
    revision: withRevision ? omitEmpty(h?.revision ?? 0) : undefined,
    raft_term: omitEmpty(h?.raftTerm ?? 0),
  };
}

/** The text of an error as a gRPC client receives it: the server's MVCC errors travel
 * as rpctypes' "etcdserver: mvcc: …" (ErrGRPCCompacted, ErrGRPCFutureRev…). */
export function grpcError(error: string): string {
  return error.startsWith('mvcc: ') ? `etcdserver: ${error}` : error;
}
