// etcdctl (v3) in the console: the commands a lesson needs, with etcdctl's output
// formats and error texts. ETCDCTL_ENDPOINTS is taken to list every member, as on a
// kubeadm control-plane node; --endpoints narrows it.

import type { TraceBody } from '../protocol/trace';
import type { Disk } from '../sim/disk';
import type { CommandResult } from '../sim/process';
import type { EtcdClient } from './client';
import { humanBytes, table } from './etcdctl-format';
import { parseLeaseId, runLease } from './etcdctl-lease';
import { runMember, runMoveLeader } from './etcdctl-member';
import { runSnapshot } from './etcdctl-snapshot';
import { prefixEnd } from './mvcc';
import type { ClientOp, ClientResult, KeyValue, MemberInfo, StatusInfo } from './types';

export { table };

type Reply = (r: CommandResult) => void;

interface Parsed {
  readonly args: string[];
  readonly flags: Map<string, string>;
}

const BOOLEAN_FLAGS = new Set(['learner', 'prefix', 'keys-only', 'cluster', 'print-value-only', 'count-only', 'prev-kv', 'keys', 'once', 'skip-hash-check', 'insecure-skip-tls-verify']);
const VALUE_FLAGS = new Set([
  'peer-urls', 'endpoints', 'write-out', 'w', 'consistency', 'limit', 'rev', 'command-timeout', 'lease',
  // snapshot restore
  'data-dir', 'name', 'initial-cluster', 'initial-cluster-token', 'initial-advertise-peer-urls',
  // TLS: kubeadm's etcd wants client certificates; the console is trusted, so these are
  // accepted (lines copied from the Kubernetes docs work) and not checked.
  'cacert', 'cert', 'key', 'dial-timeout', 'user', 'password',
]);

/** Splits a line like a shell would (quotes group words). */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

function parse(tokens: string[]): Parsed | { error: string } {
  const args: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.startsWith('-') || t === '-') {
      args.push(t);
      continue;
    }
    const [rawName, inline] = t.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (BOOLEAN_FLAGS.has(rawName)) flags.set(rawName, inline ?? 'true');
    else if (VALUE_FLAGS.has(rawName)) {
      const v = inline ?? tokens[++i];
      if (v === undefined) return { error: `Error: flag needs an argument: ${t}` };
      flags.set(rawName === 'w' ? 'write-out' : rawName, v);
    } else return { error: `Error: unknown flag: ${t}` };
  }
  return { args, flags };
}

/** How long `etcdctl watch` listens in the console (there is no Ctrl-C here). */
export const WATCH_FOR_MS = 10_000;

/** What etcdctl needs from the console's machine. */
export interface EtcdctlEnv {
  readonly client: EtcdClient;
  readonly now: () => number;
  readonly after: (ms: number, fn: () => void) => void;
  /** The console machine's disk: where `snapshot save` writes its file. */
  readonly disk: Disk;
  readonly emit: (ev: TraceBody) => void;
}

/** Hosts that mean "this machine": the console's machine runs no etcd member. */
const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);

export function runEtcdctl(line: string, env: EtcdctlEnv, reply: Reply): void {
  const { client, now, after } = env;
  const tokens = tokenize(line.trim());
  // `ETCDCTL_API=3 etcdctl …` (the Kubernetes docs' form): v3 is the only API here.
  while (tokens[0] !== undefined && /^[A-Z_][A-Z0-9_]*=/.test(tokens[0])) {
    const [name, value] = tokens.shift()!.split('=', 2) as [string, string];
    if (name === 'ETCDCTL_API' && value !== '3') return reply({ ok: false, error: `Error: ETCDCTL_API=${value}: only the v3 API is simulated (ETCDCTL_API=3, the default since etcd 3.4)` });
  }
  const tool = tokens[0] === 'etcdutl' ? 'etcdutl' : 'etcdctl';
  if (tokens[0] === 'etcdctl' || tokens[0] === 'etcdutl') tokens.shift();
  const p = parse(tokens);
  if ('error' in p) return reply({ ok: false, error: p.error });
  const [cmd, ...rest] = p.args;
  const out = p.flags.get('write-out') ?? 'simple';
  if (!['simple', 'table', 'json'].includes(out)) return reply({ ok: false, error: `Error: unsupported output format ${out}` });
  const endpointsFlag = p.flags.get('endpoints');
  const endpoints = endpointsFlag ? endpointsFlag.split(',').map((e) => e.replace(/^https?:\/\//, '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1')) : [...client.endpoints];
  const local = endpoints.find((e) => LOCAL.has(e));
  if (local) return reply({ ok: false, error: `Error: dial tcp ${local}:2379: connect: connection refused\n(this console runs on the client machine, which has no etcd member; name a member instead, e.g. --endpoints=https://${client.endpoints[0] ?? 'etcd-1'}:2379)` });
  const unknown = endpoints.find((e) => !client.endpoints.includes(e));
  if (unknown) return reply({ ok: false, error: `Error: dial tcp: lookup ${unknown}: no such host` });
  const one = endpointsFlag ? endpoints[0] : undefined;
  const fail = (r: ClientResult & { ok: false }) => reply({ ok: false, error: `Error: ${r.error}` });

  if (tool === 'etcdutl' && cmd !== 'snapshot') return reply({ ok: false, error: `Error: unknown command "${cmd ?? ''}" for "etcdutl"\n(etcdutl works on a data dir or a snapshot file: try etcdutl snapshot status|restore <file>; talk to a live cluster with etcdctl)` });

  switch (cmd) {
    case undefined:
      return reply({ ok: false, error: 'Usage: etcdctl <command> [flags]; try: put, get, del, watch, lease, member list|add|remove|promote, move-leader, endpoint status, endpoint health, compact, snapshot save|status|restore' });
    case 'snapshot':
      return runSnapshot(tool, rest, p.flags, { client, disk: env.disk, now, emit: env.emit, endpoints, out }, reply);
    case 'put': {
      if (rest.length !== 2) return reply({ ok: false, error: 'Error: put command needs 1 argument and input from stdin or 2 arguments' });
      const leaseText = p.flags.get('lease');
      const lease = leaseText !== undefined ? parseLeaseId(leaseText) : 0;
      if (Number.isNaN(lease)) return reply({ ok: false, error: `Error: bad lease ID (${leaseText}), expecting ID in Hex` });
      client.request({ type: 'put', key: rest[0]!, value: rest[1]!, ...(lease ? { lease } : {}) }, (r) => (r.ok ? reply({ ok: true, output: 'OK' }) : fail(r)), one);
      return;
    }
    case 'lease':
      return runLease(rest, p.flags, client, reply, after);
    case 'get': {
      if (rest.length < 1 || rest.length > 2) return reply({ ok: false, error: 'Error: get command needs one argument as key and an optional argument as range_end' });
      const prefix = p.flags.has('prefix');
      const op: ClientOp = {
        type: 'range',
        key: rest[0]!,
        ...(prefix ? { rangeEnd: prefixEnd(rest[0]!) } : rest[1] ? { rangeEnd: rest[1] } : {}),
        ...(p.flags.has('keys-only') ? { keysOnly: true } : {}),
        ...(p.flags.has('count-only') ? { countOnly: true } : {}),
        ...(p.flags.get('consistency') === 's' ? { serializable: true } : {}),
        ...(p.flags.has('limit') ? { limit: Number(p.flags.get('limit')) } : {}),
        ...(p.flags.has('rev') ? { revision: Number(p.flags.get('rev')) } : {}),
      };
      client.request(op, (r) => {
        if (!r.ok) return fail(r);
        const resp = r.response?.type === 'range' ? r.response : { kvs: [] as KeyValue[], count: 0 };
        if (out === 'json') return reply({ ok: true, output: JSON.stringify({ header: r.header, kvs: resp.kvs, count: resp.count }) });
        if (p.flags.has('count-only')) return reply({ ok: true, output: String(resp.count) });
        const lines = resp.kvs.flatMap((kv) => (p.flags.has('keys-only') ? [kv.key, ''] : p.flags.has('print-value-only') ? [kv.value] : [kv.key, kv.value]));
        reply({ ok: true, output: lines.join('\n').replace(/\n+$/, '') });
      }, one);
      return;
    }
    case 'del': {
      if (rest.length < 1) return reply({ ok: false, error: 'Error: del command needs one argument as key and an optional argument as range_end' });
      const prefix = p.flags.has('prefix');
      client.request({ type: 'deleteRange', key: rest[0]!, ...(prefix ? { rangeEnd: prefixEnd(rest[0]!) } : rest[1] ? { rangeEnd: rest[1] } : {}) }, (r) => {
        if (!r.ok) return fail(r);
        reply({ ok: true, output: String(r.response?.type === 'deleteRange' ? r.response.deleted : 0) });
      }, one);
      return;
    }
    case 'watch': {
      if (rest.length < 1 || rest.length > 2) return reply({ ok: false, error: 'Error: watch in non-interactive mode requires one or two arguments as key or prefix, with range end' });
      const prefix = p.flags.has('prefix');
      const lines: string[] = [];
      let done = false;
      const finish = (text?: string) => {
        if (done) return;
        done = true;
        client.cancelWatch(id);
        const body = lines.join('\n');
        if (text) reply({ ok: false, error: [body, text].filter(Boolean).join('\n') });
        else reply({ ok: true, output: `${body}${body ? '\n' : ''}(watched for ${WATCH_FOR_MS / 1000}s of sim time)` });
      };
      const id = client.watch(rest[0]!, prefix ? prefixEnd(rest[0]!) : rest[1], p.flags.has('rev') ? Number(p.flags.get('rev')) : 0, {
        onEvents: (events) => {
          for (const e of events) lines.push(e.type, e.kv.key, ...(e.type === 'PUT' ? [e.kv.value] : []));
        },
        onCancel: (reason) => finish(`watch was canceled (etcdserver: ${reason.replace(/^etcdserver: /, '')})\nError: watch is canceled by the server`),
      });
      after(WATCH_FOR_MS, () => finish());
      return;
    }
    case 'compact': {
      const rev = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(rev) || rev <= 0) return reply({ ok: false, error: 'Error: compact command needs 1 argument' });
      client.request({ type: 'compact', revision: rev }, (r) => (r.ok ? reply({ ok: true, output: `compacted revision ${rev}` }) : fail(r)), one);
      return;
    }
    case 'move-leader':
      return runMoveLeader(rest, client, endpoints, reply, after);
    case 'member':
      if (rest[0] !== 'list') return runMember(rest, p.flags, client, endpoints, reply, after);
      client.request({ type: 'memberList' }, (r) => {
        if (!r.ok) return fail(r);
        reply({ ok: true, output: formatMemberList(r.members ?? [], out) });
      }, one);
      return;
    case 'endpoint':
      if (rest[0] === 'status') return gather(client, endpoints, { type: 'status' }, (rs) => reply({ ok: true, output: formatStatus(rs, out) }));
      if (rest[0] === 'health') {
        const started = now();
        return gather(client, endpoints, { type: 'range', key: 'health' }, (rs) => {
          const lines = rs.map(({ endpoint, r }) =>
            r.ok ? `https://${endpoint}:2379 is healthy: successfully committed proposal: took = ${Math.max(1, now() - started)}ms` : `https://${endpoint}:2379 is unhealthy: failed to commit proposal: ${r.error}`,
          );
          const bad = rs.some(({ r }) => !r.ok);
          reply(bad ? { ok: false, error: `${lines.join('\n')}\nError: unhealthy cluster` } : { ok: true, output: lines.join('\n') });
        });
      }
      return reply({ ok: false, error: `Error: unknown command "${rest[0] ?? ''}" for "etcdctl endpoint"` });
    default:
      return reply({ ok: false, error: `Error: unknown command "${cmd}" for "etcdctl"\nRun 'etcdctl --help' for usage.` });
  }
}

/** Sends op to every endpoint and calls back once all answered (or timed out). */
function gather(client: EtcdClient, endpoints: string[], op: ClientOp, done: (rs: { endpoint: string; r: ClientResult }[]) => void): void {
  const rs: ({ endpoint: string; r: ClientResult } | undefined)[] = endpoints.map(() => undefined);
  let left = endpoints.length;
  endpoints.forEach((endpoint, i) =>
    client.request(op, (r) => {
      rs[i] = { endpoint, r };
      if (--left === 0) done(rs as { endpoint: string; r: ClientResult }[]);
    }, endpoint),
  );
}

export function formatMemberList(members: readonly MemberInfo[], out: string): string {
  const rows = members.map((m) => [m.id, m.name === '' ? 'unstarted' : 'started', m.name, m.peerURLs.join(','), m.clientURLs.join(','), String(m.isLearner)]);
  if (out === 'json') return JSON.stringify({ members });
  if (out === 'table') return table(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows);
  return rows.map((r) => r.join(', ')).join('\n');
}

export function formatStatus(rs: readonly { endpoint: string; r: ClientResult }[], out: string): string {
  const errors: string[] = [];
  const rows: string[][] = [];
  const infos: StatusInfo[] = [];
  for (const { endpoint, r } of rs) {
    if (!r.ok || !r.status) {
      errors.push(`Failed to get the status of endpoint https://${endpoint}:2379 (${r.ok ? 'no status' : r.error})`);
      continue;
    }
    const s = r.status;
    infos.push(s);
    rows.push([`https://${endpoint}:2379`, s.id, s.version, humanBytes(s.dbSize), String(s.leader === s.id), String(s.isLearner), String(s.raftTerm), String(s.raftIndex), String(s.raftAppliedIndex), s.errors.join(', ')]);
  }
  let text: string;
  if (out === 'json') text = JSON.stringify(infos);
  else if (out === 'table') text = table(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], rows);
  else text = rows.map((r) => r.join(', ')).join('\n');
  return [...errors, text].filter((s) => s !== '').join('\n');
}
