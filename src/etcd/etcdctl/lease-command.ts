// `etcdctl lease grant|revoke|keep-alive|timetolive|list` and the lease id flag of put,
// with etcdctl's output. Keep-alive and time-to-live must reach the leader (the only
// member that tracks deadlines), so they try each endpoint until the leader answers.

import type { CommandResult } from '../../sim/process';
import type { EtcdClient } from '../clientv3/etcd-client';
import { leaseHex } from '../ids';
import { ERR, type ClientOp, type ClientResult } from '../types';

type Reply = (r: CommandResult) => void;

/** "694d7b2e5c9e0a0f" → the id; NaN when it is not hex. */
export function parseLeaseId(text: string): number {
  return /^[0-9a-fA-F]{1,16}$/.test(text) ? parseInt(text, 16) : NaN;
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
    if (Number.isNaN(id)) reply({ ok: false, error: `Error: ${name} command needs 1 argument: a lease ID in hex${arg ? `, got "${arg}"` : ''}` });
    return !Number.isNaN(id);
  };
  switch (sub) {
    case 'grant': {
      const ttl = Number(arg);
      if (!Number.isInteger(ttl) || ttl <= 0) return reply({ ok: false, error: `Error: lease grant command needs TTL argument${arg ? `: bad TTL (strconv.ParseInt: parsing "${arg}": invalid syntax)` : ''}` });
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
