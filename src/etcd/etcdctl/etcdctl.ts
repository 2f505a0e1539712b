// etcdctl (v3) in the console: the commands a lesson needs, with etcdctl's output
// formats and error texts. ETCDCTL_ENDPOINTS is taken to list every member, as on a
// kubeadm control-plane node; --endpoints narrows it. A console line that reaches this
// module and names another program gets the shell's answer.

import type { TraceBody } from '../../protocol/trace';
import type { Disk } from '../../sim/disk';
import type { CommandResult } from '../../sim/process';
import type { EtcdClient } from '../clientv3/etcd-client';
import { base64, goDuration, goJson, grpcError, humanBytes, jsonHeader, omitEmpty, table, uint64, type GoJson } from './printer';
import { leaseIdError, parseLeaseId, runLease } from './lease-command';
import { runMember, runMoveLeader } from './member-command';
import { runSnapshot } from './snapshot-command';
import { prefixEnd } from '../key-range';
import { commandNotFound, type CommandLine } from '../../shell/command-line';
import { parseFlags, type FlagSpec } from '../../shell/flags';
import { etcdctlFlagAudit } from './flag-audit';
import { ETCD_VERSION, type ClientOp, type ClientResult, type KeyValue, type MemberInfo, type ResponseHeader, type StatusInfo } from '../types';

export { table };

type Reply = (r: CommandResult) => void;

interface Parsed {
  readonly args: string[];
  readonly flags: Map<string, string>;
}

const BOOLEAN_FLAGS = ['learner', 'prefix', 'keys-only', 'cluster', 'print-value-only', 'count-only', 'prev-kv', 'keys', 'once', 'skip-hash-check', 'insecure-skip-tls-verify'];
const VALUE_FLAGS = [
  'peer-urls', 'endpoints', 'write-out', 'consistency', 'limit', 'rev', 'command-timeout', 'lease',
  // snapshot restore
  'data-dir', 'name', 'initial-cluster', 'initial-cluster-token', 'initial-advertise-peer-urls',
  // TLS: kubeadm's etcd wants client certificates; the console is trusted, so these are
  // accepted (lines copied from the Kubernetes docs work) and not checked.
  'cacert', 'cert', 'key', 'dial-timeout', 'user', 'password',
];
const FLAGS: FlagSpec = {
  values: { ...Object.fromEntries(VALUE_FLAGS.map((f) => [f, f])), w: 'write-out' },
  bools: Object.fromEntries(BOOLEAN_FLAGS.map((f) => [f, f])),
  unknown: (word) => `Error: unknown flag: ${word}`,
  needsValue: (_flag, word) => `Error: flag needs an argument: ${word}`,
};

function parse(words: readonly string[]): Parsed | { error: string } {
  const p = parseFlags(words, FLAGS);
  // pflag: the words after `--` are arguments, even those that start with a dash.
  return 'error' in p ? p : { args: [...p.args, ...(p.afterDash ?? [])], flags: p.values };
}

/** Flags etcdctl declares as int64 (cobra's Int64Var): pflag parses them with
 * strconv.ParseInt(s, 0, 64), so `--limit=abc` or `--rev=NaN` is refused, not read as 0. */
const INT64_FLAGS = ['limit', 'rev'];

function int64FlagError(flags: ReadonlyMap<string, string>): string | undefined {
  for (const name of INT64_FLAGS) {
    const v = flags.get(name);
    if (v === undefined) continue;
    const why = !/^[+-]?\d+$/.test(v) ? 'invalid syntax' : BigInt(v) > 0x7fffffffffffffffn || BigInt(v) < -0x8000000000000000n ? 'value out of range' : undefined;
    if (why) return `Error: invalid argument ${JSON.stringify(v)} for "--${name}" flag: strconv.ParseInt: parsing ${JSON.stringify(v)}: ${why}`;
  }
  return undefined;
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

/** etcdctl or etcdutl with the shell's argv and environment (src/shell). */
export function runEtcdctl(cl: CommandLine, env: EtcdctlEnv, reply: Reply): void {
  const { client, now, after } = env;
  // `ETCDCTL_API=3 etcdctl …` (the Kubernetes docs' form): v3 is the only API here.
  const api = cl.env.get('ETCDCTL_API');
  if (api !== undefined && api !== '3') return reply({ ok: false, error: `Error: ETCDCTL_API=${api}: only the v3 API is simulated (ETCDCTL_API=3, the default since etcd 3.4)` });
  const name = cl.program;
  if (name === 'kubectl') return reply({ ok: false, error: '(this line reached etcdctl: the console hands a line to kubectl when its first word is "kubectl")' });
  if (name !== undefined && name !== 'etcdctl' && name !== 'etcdutl') return reply({ ok: false, error: commandNotFound(cl.argv[0]!) });
  const tool = name === 'etcdutl' ? 'etcdutl' : 'etcdctl';
  const p = parse(cl.argv.slice(1));
  if ('error' in p) return reply({ ok: false, error: p.error });
  const badInt = int64FlagError(p.flags) ?? etcdctlFlagAudit(p.flags);
  if (badInt) return reply({ ok: false, error: badInt });
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
  const fail = (r: ClientResult & { ok: false }) => reply({ ok: false, error: `Error: ${grpcError(r.error)}` });
  // etcdctl's table printer has only the member and endpoint tables: for the rest it
  // prints this once the answer is in (printerUnsupported).
  const noTable = (): boolean => {
    if (out === 'table') reply({ ok: false, error: 'Error: table not supported as output format' });
    return out === 'table';
  };

  if (tool === 'etcdutl' && cmd !== 'snapshot' && cmd !== 'version') return reply({ ok: false, error: `Error: unknown command "${cmd ?? ''}" for "etcdutl"\n(etcdutl works on a data dir or a snapshot file: try etcdutl snapshot status|restore <file>; talk to a live cluster with etcdctl)` });

  switch (cmd) {
    case undefined:
      return reply({ ok: false, error: 'Usage: etcdctl <command> [flags]; try: put, get, del, watch, lease, member list|add|remove|promote, move-leader, endpoint status, endpoint health, compact, snapshot save|status|restore' });
    case 'version':
      // version_command.go: the API version is the release's major.minor.
      return reply({ ok: true, output: `${tool} version: ${ETCD_VERSION}\nAPI version: ${ETCD_VERSION.split('.').slice(0, 2).join('.')}` });
    case 'snapshot':
      return runSnapshot(tool, rest, p.flags, { client, disk: env.disk, now, emit: env.emit, endpoints, out }, reply);
    case 'put': {
      if (rest.length !== 2) return reply({ ok: false, error: 'Error: put command needs 1 argument and input from stdin or 2 arguments' });
      const leaseText = p.flags.get('lease');
      const lease = leaseText !== undefined ? parseLeaseId(leaseText) : 0;
      if (Number.isNaN(lease)) return reply({ ok: false, error: `Error: bad lease ID (${leaseIdError(leaseText ?? '')}), expecting ID in Hex` });
      client.request({ type: 'put', key: rest[0]!, value: rest[1]!, ...(lease ? { lease } : {}) }, (r) => {
        if (!r.ok) return fail(r);
        if (noTable()) return;
        reply({ ok: true, output: out === 'json' ? goJson({ header: jsonHeader(r.header) }) : 'OK' });
      }, one);
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
        const resp = r.response?.type === 'range' ? r.response : { kvs: [] as KeyValue[], count: 0, more: false };
        if (noTable()) return;
        if (out === 'json') return reply({ ok: true, output: formatRangeJson(r.header, resp.kvs, resp.more, resp.count) });
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
        if (noTable()) return;
        const deleted = r.response?.type === 'deleteRange' ? r.response.deleted : 0;
        reply({ ok: true, output: out === 'json' ? goJson({ header: jsonHeader(r.header), deleted: omitEmpty(deleted) }) : String(deleted) });
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
        // watch_command.go prints the response's Err() (a compacted start revision is
        // rpctypes.ErrCompacted), then exits with this once the channel closes.
        onCancel: (reason) => finish(`watch was canceled (${grpcError(reason)})\nError: watch is canceled by the server`),
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
        reply({ ok: true, output: formatMemberList(r.members ?? [], out, r.header) });
      }, one);
      return;
    case 'endpoint': {
      const sub = rest[0];
      if (sub !== 'status' && sub !== 'health') return reply({ ok: false, error: `Error: unknown command "${sub ?? ''}" for "etcdctl endpoint"` });
      return endpointsFor(client, endpoints, p.flags.has('cluster'), one, reply, (eps) => {
        if (sub === 'status') return gather(client, eps, { type: 'status' }, (rs) => reply({ ok: true, output: formatStatus(rs, out) }));
        checkHealth(client, eps, now, (hs) => {
          const text = formatHealth(hs, out);
          reply(hs.some((h) => !h.health) ? { ok: false, error: `${text}\nError: unhealthy cluster` } : { ok: true, output: text });
        });
      });
    }
    default:
      return reply({ ok: false, error: `Error: unknown command "${cmd}" for "etcdctl"\nRun 'etcdctl --help' for usage.` });
  }
}

/** The endpoints a command talks to: --cluster asks the member list for every member's
 * client URL (endpointsFromCluster; an unstarted member has none yet). */
function endpointsFor(client: EtcdClient, endpoints: string[], cluster: boolean, one: string | undefined, reply: Reply, then: (eps: string[]) => void): void {
  if (!cluster) return then(endpoints);
  client.request({ type: 'memberList' }, (r) => {
    if (!r.ok) return reply({ ok: false, error: `Error: failed to fetch endpoints from etcd cluster member list: ${grpcError(r.error)}` });
    then((r.members ?? []).flatMap((m) => m.clientURLs.map((u) => u.replace(/^https?:\/\//, '').replace(/:\d+$/, ''))));
  }, one);
}

/** One `endpoint health` answer (ep_command.go's epHealth). */
export interface EpHealth {
  readonly endpoint: string;
  readonly health: boolean;
  /** Milliseconds from sending the check to this endpoint's own answer. */
  readonly tookMs: number;
  readonly error?: string;
}

/** `endpoint health`: a linearizable get of "health" on each endpoint at once, each
 * timed from its own send to its own answer; the results in the order they came in. */
function checkHealth(client: EtcdClient, endpoints: readonly string[], now: () => number, done: (hs: EpHealth[]) => void): void {
  const hs: EpHealth[] = [];
  if (endpoints.length === 0) return done(hs);
  for (const endpoint of endpoints) {
    const sent = now();
    client.request({ type: 'range', key: 'health' }, (r) => {
      // Sub-millisecond answers still took some time: the sim's clock counts whole ms.
      const tookMs = Math.max(1, now() - sent);
      hs.push(r.ok ? { endpoint, health: true, tookMs } : { endpoint, health: false, tookMs, error: grpcError(r.error) });
      if (hs.length === endpoints.length) done(hs);
    }, endpoint);
  }
}

export function formatHealth(hs: readonly EpHealth[], out: string): string {
  const url = (e: string) => `https://${e}:2379`;
  if (out === 'json') return goJson(hs.map((h) => ({ endpoint: url(h.endpoint), health: h.health, took: goDuration(h.tookMs), error: h.error })));
  if (out === 'table') return table(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], hs.map((h) => [url(h.endpoint), String(h.health), goDuration(h.tookMs), h.error ?? '']));
  return hs
    .map((h) => (h.health ? `${url(h.endpoint)} is healthy: successfully committed proposal: took = ${goDuration(h.tookMs)}` : `${url(h.endpoint)} is unhealthy: failed to commit proposal: ${h.error ?? ''}`))
    .join('\n');
}

/** `get -w json`: the RangeResponse through encoding/json (snake_case, []byte as
 * base64, zero fields left out). */
export function formatRangeJson(header: ResponseHeader, kvs: readonly KeyValue[], more: boolean, count: number): string {
  const kv = (k: KeyValue): GoJson => ({
    key: omitEmpty(base64(k.key)),
    create_revision: omitEmpty(k.createRevision),
    mod_revision: omitEmpty(k.modRevision),
    version: omitEmpty(k.version),
    value: omitEmpty(base64(k.value)),
    lease: omitEmpty(k.lease),
  });
  return goJson({ header: jsonHeader(header), kvs: omitEmpty(kvs.map(kv)), more: omitEmpty(more), count: omitEmpty(count) });
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

export function formatMemberList(members: readonly MemberInfo[], out: string, header?: ResponseHeader): string {
  const rows = members.map((m) => [m.id, m.name === '' ? 'unstarted' : 'started', m.name, m.peerURLs.join(','), m.clientURLs.join(','), String(m.isLearner)]);
  if (out === 'json') {
    // etcdserverpb.Member's JSON names; the Cluster API's header has no revision.
    const json = members.map((m) => ({ ID: omitEmpty(uint64(m.id)), name: omitEmpty(m.name), peerURLs: omitEmpty([...m.peerURLs]), clientURLs: omitEmpty([...m.clientURLs]), isLearner: omitEmpty(m.isLearner) }));
    return goJson({ header: jsonHeader(header, false), members: omitEmpty(json) });
  }
  if (out === 'table') return table(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], rows);
  return rows.map((r) => r.join(', ')).join('\n');
}

export function formatStatus(rs: readonly { endpoint: string; r: ClientResult }[], out: string): string {
  const errors: string[] = [];
  const rows: string[][] = [];
  const infos: GoJson[] = [];
  for (const { endpoint, r } of rs) {
    if (!r.ok || !r.status) {
      errors.push(`Failed to get the status of endpoint https://${endpoint}:2379 (${r.ok ? 'no status' : grpcError(r.error)})`);
      continue;
    }
    const s = r.status;
    infos.push({ Endpoint: `https://${endpoint}:2379`, Status: statusJson(r.header, s) });
    rows.push([`https://${endpoint}:2379`, s.id, s.version, humanBytes(s.dbSize), String(s.leader === s.id), String(s.isLearner), String(s.raftTerm), String(s.raftIndex), String(s.raftAppliedIndex), s.errors.join(', ')]);
  }
  let text: string;
  if (out === 'json') text = goJson(infos);
  else if (out === 'table') text = table(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], rows);
  else text = rows.map((r) => r.join(', ')).join('\n');
  return [...errors, text].filter((s) => s !== '').join('\n');
}

/** etcdserverpb.StatusResponse's JSON (field order and names of the struct). The
 * simulated backend has no free pages, so all of its size is in use. */
function statusJson(header: ResponseHeader, s: StatusInfo): GoJson {
  return {
    header: jsonHeader(header),
    version: omitEmpty(s.version),
    dbSize: omitEmpty(s.dbSize),
    leader: omitEmpty(uint64(s.leader)),
    raftIndex: omitEmpty(s.raftIndex),
    raftTerm: omitEmpty(s.raftTerm),
    raftAppliedIndex: omitEmpty(s.raftAppliedIndex),
    errors: omitEmpty([...s.errors]),
    dbSizeInUse: omitEmpty(s.dbSize),
    isLearner: omitEmpty(s.isLearner),
  };
}
