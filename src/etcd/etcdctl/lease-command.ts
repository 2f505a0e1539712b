// `etcdctl lease grant|revoke|keep-alive|timetolive|list` and the lease id flag of put,
// with etcdctl's output. Keep-alive and time-to-live must reach the leader (the only
// member that tracks deadlines), so they try each endpoint until the leader answers.

import type { CommandResult } from '../../sim/process';
import type { EtcdClient } from '../clientv3/etcd-client';
import { leaseHex } from '../ids';
import { ERR, type ClientOp, type ClientResult } from '../types';

type Reply = (r: CommandResult) => void;

/** No lease has this id: what an id this cluster cannot have turns into (ids are
 * drawn below 2^53, see lessor.ts), so that no rounding can make it another's. */
const NO_SUCH_LEASE = -1;

/** "694d7b2e5c9e0a0f" → the id; NaN when it is not hex or not an int64 (etcdctl's
 * strconv.ParseInt(arg, 16, 64) fails); NO_SUCH_LEASE above 2^53, exactly: a JS number
 * would round it. */
export function parseLeaseId(text: string): number {
  if (!/^[0-9a-fA-F]{1,16}$/.test(text)) return NaN;
  const big = BigInt(`0x${text}`);
  if (big > 0x7fffffffffffffffn) return NaN;
  return big > BigInt(Number.MAX_SAFE_INTEGER) ? NO_SUCH_LEASE : Number(big);
}

/** Why parseLeaseId refused `text`, in strconv's words. */
export function leaseIdError(text: string): string {
  return /^[0-9a-fA-F]{1,16}$/.test(text) ? `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range` : `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`;
}

/** The id as etcdctl prints it (%016x), from the text when it is not representable. */
function idHex(id: number, text: string | undefined): string {
  return id === NO_SUCH_LEASE && text !== undefined ? BigInt(`0x${text}`).toString(16).padStart(16, '0') : leaseHex(id);
}

/** Sends op to each endpoint in turn until one that is not "not leader" answers. */
function toLeader(client: EtcdClient, op: ClientOp, done: (r: ClientResult) => void, i = 0): void {
  const endpoint = client.endpoints[i];
  client.request(
    op,
    (r) => {
      if (!r.ok && (r.error === ERR.notLeader || r.error === ERR.deadline) && i + 1 < client.endpoints.length) return toLeader(client, op, done, i + 1);
      done(r);
    },
    endpoint,
  );
}

const KEEPALIVE_FOR_MS = 10_000;

export function runLease(args: string[], flags: Map<string, string>, client: EtcdClient, reply: Reply, after: (ms: number, fn: () => void) => void): void {
  const [sub, arg] = args;
  const fail = (r: ClientResult & { ok: false }) => reply({ ok: false, error: `Error: ${r.error}` });
  const id = arg !== undefined ? parseLeaseId(arg) : NaN;
  const needId = (name: string): boolean => {
    if (arg === undefined) reply({ ok: false, error: `Error: ${name} command needs 1 argument: a lease ID in hex` });
    else if (Number.isNaN(id)) reply({ ok: false, error: `Error: bad lease ID arg (${leaseIdError(arg)}), expecting ID in Hex` });
    return !Number.isNaN(id);
  };
  const leaseHex = (n: number): string => idHex(n, arg);
  switch (sub) {
    case 'grant': {
      // strconv.ParseInt(arg, 10, 64): digits only, within int64; etcd bounds the TTL.
      const ttl = arg !== undefined && /^[+-]?\d+$/.test(arg) ? Number(arg) : NaN;
      const bad = arg === undefined ? '' : Number.isNaN(ttl) ? 'invalid syntax' : BigInt(arg) > 0x7fffffffffffffffn ? 'value out of range' : '';
      if (arg === undefined || bad) return reply({ ok: false, error: `Error: lease grant command needs TTL argument${bad ? `: bad TTL (strconv.ParseInt: parsing ${JSON.stringify(arg)}: ${bad})` : ''}` });
      client.request({ type: 'leaseGrant', ttl }, (r) => (r.ok && r.lease ? reply({ ok: true, output: `lease ${leaseHex(r.lease.id)} granted with TTL(${r.lease.ttl}s)` }) : fail(r as ClientResult & { ok: false })));
      return;
    }
    case 'revoke':
      if (!needId('lease revoke')) return;
      client.request({ type: 'leaseRevoke', id }, (r) => (r.ok ? reply({ ok: true, output: `lease ${leaseHex(id)} revoked` }) : fail(r)));
      return;
    case 'timetolive':
      if (!needId('lease timetolive')) return;
      return toLeader(client, { type: 'leaseTimeToLive', id, keys: flags.has('keys') }, (r) => {
        if (!r.ok || !r.lease) {
          if (!r.ok && r.error === ERR.leaseNotFound) return reply({ ok: true, output: `lease ${leaseHex(id)} already expired` });
          return fail(r as ClientResult & { ok: false });
        }
        const l = r.lease;
        reply({ ok: true, output: `lease ${leaseHex(id)} granted with TTL(${l.ttl}s), remaining(${l.remaining}s)${l.keys ? `, attached keys([${l.keys.join(' ')}])` : ''}` });
      });
    case 'list':
      client.request({ type: 'leaseList' }, (r) => (r.ok ? reply({ ok: true, output: [`found ${r.leases?.length ?? 0} leases`, ...(r.leases ?? []).map(leaseHex)].join('\n') }) : fail(r)));
      return;
    case 'keep-alive': {
      if (!needId('lease keep-alive')) return;
      // Renew every TTL/3, as etcdctl does, for KEEPALIVE_FOR_MS (there is no Ctrl-C here).
      const lines: string[] = [];
      let stopped = false;
      const once = flags.has('once');
      const beat = () => {
        if (stopped) return;
        toLeader(client, { type: 'leaseKeepAlive', id }, (r) => {
          if (stopped) return;
          if (!r.ok || !r.lease) {
            stopped = true;
            const text = !r.ok && r.error === ERR.leaseNotFound ? `lease ${leaseHex(id)} expired or revoked.` : `Error: ${r.ok ? 'no lease' : r.error}`;
            return reply({ ok: lines.length > 0 && text.endsWith('revoked.'), ...(lines.length > 0 && text.endsWith('revoked.') ? { output: [...lines, text].join('\n') } : { error: [...lines, text].join('\n') }) } as CommandResult);
          }
          lines.push(`lease ${leaseHex(id)} keepalived with TTL(${r.lease.ttl})`);
          if (once) {
            stopped = true;
            return reply({ ok: true, output: lines.join('\n') });
          }
          after(Math.max(500, (r.lease.ttl * 1000) / 3), beat);
        });
      };
      beat();
      if (!once)
        after(KEEPALIVE_FOR_MS, () => {
          if (stopped) return;
          stopped = true;
          reply({ ok: true, output: `${lines.join('\n')}\n(kept alive for ${KEEPALIVE_FOR_MS / 1000}s of sim time)` });
        });
      return;
    }
    default:
      return reply({ ok: false, error: `Error: unknown command "${sub ?? ''}" for "etcdctl lease"; try grant, revoke, keep-alive, timetolive, list` });
  }
}
