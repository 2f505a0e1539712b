// `etcdctl member add|remove|promote` and `etcdctl move-leader`, with etcdctl's output.
// These go to the leader: etcdctl asks every endpoint for its status (as move-leader
// does) and sends the request to the one that says it leads. The simulator then plays
// the operator's part of `member add`: it starts etcd on the new member's host with
// the printed ETCD_INITIAL_CLUSTER_STATE="existing" (src/cluster/membership.ts).

import type { CommandResult } from '../../sim/process';
import type { EtcdClient } from '../clientv3/etcd-client';
import { memberHexId } from '../ids';
import { CLUSTER_ID, grpcError } from './printer';
import { ERR, type ClientOp, type ClientResult } from '../types';

type Reply = (r: CommandResult) => void;

export { CLUSTER_ID };

/** How long to wait for the endpoints' status (etcdctl's --dial-timeout). */
const FIND_MS = 2000;

/** Asks every endpoint for its status; calls back with the one that leads, as soon as
 * it answers, or undefined when none said so within FIND_MS. */
function findLeader(client: EtcdClient, endpoints: readonly string[], after: (ms: number, fn: () => void) => void, done: (endpoint: string | undefined) => void): void {
  let finished = false;
  let left = endpoints.length;
  const finish = (e: string | undefined) => {
    if (finished) return;
    finished = true;
    done(e);
  };
  for (const endpoint of endpoints) {
    client.request({ type: 'status' }, (r) => {
      left--;
      if (r.ok && r.status && r.status.leader === r.status.id) return finish(endpoint);
      if (left === 0) finish(undefined);
    }, endpoint);
  }
  after(FIND_MS, () => finish(undefined));
}

function viaLeader(client: EtcdClient, endpoints: readonly string[], after: (ms: number, fn: () => void) => void, op: ClientOp, reply: Reply, ok: (r: ClientResult & { ok: true }) => void): void {
  findLeader(client, endpoints, after, (leader) => {
    if (leader === undefined) return reply({ ok: false, error: `Error: ${ERR.noLeader}` });
    client.request(op, (r) => (r.ok ? ok(r) : reply({ ok: false, error: `Error: ${grpcError(r.error)}` })), leader);
  });
}

const HEX = /^[0-9a-f]{16}$/;

export function runMember(rest: readonly string[], flags: ReadonlyMap<string, string>, client: EtcdClient, endpoints: readonly string[], reply: Reply, after: (ms: number, fn: () => void) => void): void {
  const [sub, ...args] = rest;
  switch (sub) {
    case 'add': {
      if (args.length !== 1) return reply({ ok: false, error: 'Error: member name not provided' });
      const name = args[0]!;
      const urls = flags.get('peer-urls');
      if (!urls) return reply({ ok: false, error: 'Error: member peer urls not provided' });
      const m = /^https?:\/\/([a-z0-9][a-z0-9.-]*):2380$/i.exec(urls.split(',')[0]!.trim());
      if (!m) return reply({ ok: false, error: `Error: URL scheme must be http, https, unix, or unixs: ${urls} (expected a peer URL like https://etcd-4:2380)` });
      const host = m[1]!.toLowerCase();
      // Not a real etcd rule: the simulator cannot start a member there, and a member
      // that never starts would only cost the cluster its quorum margin.
      if (host === 'client' || host === 'lb') return reply({ ok: false, error: `Error: ${host} is the ${host === 'lb' ? 'load balancer' : "console's machine"}, which runs no etcd in this simulator: name a new host (e.g. --peer-urls=https://etcd-4:2380) or a master` });
      const learner = flags.has('learner');
      return viaLeader(client, endpoints, after, { type: 'memberAdd', name, host, learner }, reply, (r) => {
        const members = r.members ?? [];
        const id = r.member?.id ?? memberHexId(name);
        // The server does not know the new member's name yet (unstarted): etcdctl fills
        // in the one typed on the command line.
        const initial = members.map((x) => `${x.id === id ? name : x.name}=${x.peerURLs[0]}`).join(',');
        client.addEndpoint(host);
        reply({
          ok: true,
          output: [
            `Member ${id} added to cluster ${CLUSTER_ID}`,
            '',
            `ETCD_NAME="${name}"`,
            `ETCD_INITIAL_CLUSTER="${initial}"`,
            `ETCD_INITIAL_ADVERTISE_PEER_URLS="https://${host}:2380"`,
            'ETCD_INITIAL_CLUSTER_STATE="existing"',
            '',
            `(the simulator starts etcd on ${host} with these settings${learner ? '; it joins as a learner: promote it once it has caught up' : ''})`,
          ].join('\n'),
        });
      });
    }
    case 'remove':
    case 'promote': {
      const id = args[0]?.toLowerCase();
      if (args.length !== 1 || !id) return reply({ ok: false, error: 'Error: member ID is not provided' });
      if (!HEX.test(id)) return reply({ ok: false, error: `Error: bad member ID arg (strconv.ParseUint: parsing "${args[0]}": invalid syntax), expecting ID in Hex` });
      const op: ClientOp = sub === 'remove' ? { type: 'memberRemove', id } : { type: 'memberPromote', id };
      return viaLeader(client, endpoints, after, op, reply, () => reply({ ok: true, output: `Member ${id} ${sub === 'remove' ? 'removed from' : 'promoted in'} cluster ${CLUSTER_ID}` }));
    }
    case 'list':
      return; // handled by etcdctl.ts
    default:
      return reply({ ok: false, error: `Error: unknown command "${sub ?? ''}" for "etcdctl member"\nAvailable: add, list, promote, remove` });
  }
}

export function runMoveLeader(args: readonly string[], client: EtcdClient, endpoints: readonly string[], reply: Reply, after: (ms: number, fn: () => void) => void): void {
  const id = args[0]?.toLowerCase();
  if (args.length !== 1 || !id) return reply({ ok: false, error: 'Error: move-leader command needs 1 argument' });
  if (!HEX.test(id)) return reply({ ok: false, error: `Error: bad member ID arg (strconv.ParseUint: parsing "${args[0]}": invalid syntax), expecting ID in Hex` });
  viaLeader(client, endpoints, after, { type: 'moveLeader', id }, reply, (r) => reply({ ok: true, output: `Leadership transferred from ${r.transfer?.from ?? '?'} to ${r.transfer?.to ?? id}` }));
}
