// etcdctl's output against the real one: go-humanize sizes, Go durations, -w json as
// encoding/json writes the protobuf answers, endpoint health's per-endpoint times and
// formats, the gRPC error texts, `version`, and a line that names another program.

import { describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { etcdctl, kubeCluster, output } from '../../host/testing/cluster';
import type { EtcdMemberView } from '../../protocol/frames';
import { formatHealth, formatMemberList, formatRangeJson, formatStatus } from './etcdctl';
import { base64, CLUSTER_ID, goDuration, goJson, grpcError, humanBytes } from './printer';
import { ETCD_VERSION, type ResponseHeader } from '../types';

const HEADER: ResponseHeader = { revision: 7, raftTerm: 2, memberId: 'b715fb247675a43c' };
// The decimal forms, as encoding/json prints a uint64 (beyond 2^53: exact only as bigint).
const MEMBER_DEC = BigInt('0xb715fb247675a43c').toString();
const CLUSTER_DEC = BigInt(`0x${CLUSTER_ID}`).toString();

describe('etcdctl output helpers', () => {
  it('humanBytes is go-humanize Bytes: SI units, one decimal below 10, half to even', () => {
    expect(humanBytes(0)).toBe('0 B');
    expect(humanBytes(9)).toBe('9 B');
    expect(humanBytes(999)).toBe('999 B');
    expect(humanBytes(1000)).toBe('1.0 kB');
    expect(humanBytes(8200)).toBe('8.2 kB');
    expect(humanBytes(12_500)).toBe('12 kB'); // %.0f of 12.5 in Go
    expect(humanBytes(13_500)).toBe('14 kB');
    expect(humanBytes(818_205)).toBe('818 kB');
    expect(humanBytes(25_000_000)).toBe('25 MB');
    expect(humanBytes(25_400_000)).toBe('25 MB');
    expect(humanBytes(1_100_000_000)).toBe('1.1 GB');
  });

  it('goDuration is time.Duration String()', () => {
    expect(goDuration(0)).toBe('0s');
    expect(goDuration(9)).toBe('9ms');
    expect(goDuration(9.612)).toBe('9.612ms');
    expect(goDuration(0.25)).toBe('250µs');
    expect(goDuration(1200)).toBe('1.2s');
    expect(goDuration(5082)).toBe('5.082s');
    expect(goDuration(60_000)).toBe('1m0s');
    expect(goDuration(3_725_500)).toBe('1h2m5.5s');
  });

  it('goJson writes exact uint64s, HTML-safe strings; base64 is of the UTF-8 bytes', () => {
    expect(goJson({ a: 18_446_744_073_709_551_615n, b: undefined, c: '<&>', d: [true, 1] })).toBe('{"a":18446744073709551615,"c":"\\u003c\\u0026\\u003e","d":[true,1]}');
    expect(base64('foo')).toBe('Zm9v');
    expect(base64('bar!')).toBe('YmFyIQ==');
    expect(base64('é')).toBe('w6k=');
  });

  it('get -w json is the RangeResponse: snake_case, base64 key and value, zero fields left out', () => {
    const kv = { key: 'foo', value: 'bar', createRevision: 5, modRevision: 6, version: 2, lease: 0 };
    expect(formatRangeJson(HEADER, [kv], false, 1)).toBe(
      `{"header":{"cluster_id":${CLUSTER_DEC},"member_id":${MEMBER_DEC},"revision":7,"raft_term":2},"kvs":[{"key":"Zm9v","create_revision":5,"mod_revision":6,"version":2,"value":"YmFy"}],"count":1}`,
    );
    expect(formatRangeJson(HEADER, [], false, 0)).toBe(`{"header":{"cluster_id":${CLUSTER_DEC},"member_id":${MEMBER_DEC},"revision":7,"raft_term":2}}`);
    expect(formatRangeJson(HEADER, [{ ...kv, lease: 0x1234 }], true, 3)).toContain('"value":"YmFy","lease":4660}],"more":true,"count":3}');
  });

  it('member list -w json has the Member JSON names, decimal ids and a header without revision', () => {
    const m = { id: 'b715fb247675a43c', name: 'etcd-1', peerURLs: ['https://master-1:2380'], clientURLs: ['https://master-1:2379'], isLearner: false };
    const learner = { id: '0000000000000004', name: '', peerURLs: ['https://etcd-4:2380'], clientURLs: [], isLearner: true };
    expect(formatMemberList([m, learner], 'json', HEADER)).toBe(
      `{"header":{"cluster_id":${CLUSTER_DEC},"member_id":${MEMBER_DEC},"raft_term":2},"members":[` +
        `{"ID":${MEMBER_DEC},"name":"etcd-1","peerURLs":["https://master-1:2380"],"clientURLs":["https://master-1:2379"]},` +
        '{"ID":4,"peerURLs":["https://etcd-4:2380"],"isLearner":true}]}',
    );
  });

  it('endpoint status -w json is a list of {Endpoint, Status: StatusResponse}', () => {
    const status = { endpoint: 'master-1', id: 'b715fb247675a43c', version: ETCD_VERSION, dbSize: 818_205, leader: 'b715fb247675a43c', isLearner: false, raftTerm: 2, raftIndex: 706, raftAppliedIndex: 705, errors: [] };
    expect(formatStatus([{ endpoint: 'master-1', r: { ok: true, header: HEADER, status } }], 'json')).toBe(
      `[{"Endpoint":"https://master-1:2379","Status":{"header":{"cluster_id":${CLUSTER_DEC},"member_id":${MEMBER_DEC},"revision":7,"raft_term":2},` +
        `"version":"${ETCD_VERSION}","dbSize":818205,"leader":${MEMBER_DEC},"raftIndex":706,"raftTerm":2,"raftAppliedIndex":705,"dbSizeInUse":818205}}]`,
    );
  });

  it('endpoint health -w table and -w json carry each endpoint, its health, its own time and its error', () => {
    const hs = [
      { endpoint: 'master-2', health: true, tookMs: 9 },
      { endpoint: 'master-1', health: false, tookMs: 5000, error: 'context deadline exceeded' },
    ];
    expect(formatHealth(hs, 'table').split('\n')).toEqual([
      '+-----------------------+--------+------+---------------------------+',
      '|       ENDPOINT        | HEALTH | TOOK |           ERROR           |',
      '+-----------------------+--------+------+---------------------------+',
      '| https://master-2:2379 | true   | 9ms  |                           |',
      '| https://master-1:2379 | false  | 5s   | context deadline exceeded |',
      '+-----------------------+--------+------+---------------------------+',
    ]);
    expect(formatHealth(hs, 'json')).toBe(
      '[{"endpoint":"https://master-2:2379","health":true,"took":"9ms"},{"endpoint":"https://master-1:2379","health":false,"took":"5s","error":"context deadline exceeded"}]',
    );
    expect(formatHealth(hs, 'simple')).toBe(
      'https://master-2:2379 is healthy: successfully committed proposal: took = 9ms\nhttps://master-1:2379 is unhealthy: failed to commit proposal: context deadline exceeded',
    );
  });

  it('MVCC errors reach the client as the gRPC texts; others are left alone', () => {
    expect(grpcError('mvcc: required revision has been compacted')).toBe('etcdserver: mvcc: required revision has been compacted');
    expect(grpcError('etcdserver: no leader')).toBe('etcdserver: no leader');
  });
});

const cluster = (seed = 11) => kubeCluster(`name: e\nseed: ${seed}\nuntil: 10m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n`);
const leaderOf = (c: InProcessCluster) => ['master-1', 'master-2', 'master-3'].find((h) => c.sim.isUp(h) && (c.views().get(h)?.processes['etcd'] as EtcdMemberView | undefined)?.role === 'leader');

describe('etcdctl on a live 3-member cluster', () => {
  it('-w json for get, put, member list and endpoint status', () => {
    const c = cluster();
    c.runUntil(3000);
    const put = JSON.parse(output(etcdctl(c, 'etcdctl put foo bar -w json'))) as { header: Record<string, unknown> };
    expect(Object.keys(put.header)).toEqual(['cluster_id', 'member_id', 'revision', 'raft_term']);
    const get = output(etcdctl(c, 'etcdctl get foo -w json'));
    expect(get).toMatch(/^\{"header":\{"cluster_id":\d+,"member_id":\d+,"revision":2,"raft_term":\d+\},"kvs":\[\{"key":"Zm9v","create_revision":2,"mod_revision":2,"version":1,"value":"YmFy"\}\],"count":1\}$/);
    const list = output(etcdctl(c, 'etcdctl member list -w json'));
    expect(list).toMatch(/^\{"header":\{"cluster_id":\d+,"member_id":\d+,"raft_term":\d+\},"members":\[\{"ID":\d+,"name":"etcd-\d","peerURLs":\["https:\/\/master-\d:2380"\],"clientURLs":\["https:\/\/master-\d:2379"\]\}/);
    const status = output(etcdctl(c, 'etcdctl endpoint status -w json'));
    expect(status).toMatch(/^\[\{"Endpoint":"https:\/\/master-1:2379","Status":\{"header":\{"cluster_id":\d+,"member_id":\d+,"revision":2,"raft_term":\d+\},"version":"3\.5\.17","dbSize":\d+,"leader":\d+,"raftIndex":\d+,/);
    expect(output(etcdctl(c, 'etcdctl get foo -w table'))).toBe('Error: table not supported as output format');
  });

  it('endpoint health: each endpoint its own time, in the order they answered; -w table, -w json and --cluster', () => {
    const c = cluster();
    c.runUntil(3000);
    const victim = ['master-1', 'master-2', 'master-3'].find((h) => h !== leaderOf(c))!;
    c.sim.apply({ kind: 'kill', target: victim });
    c.runUntil(c.sim.now + 500);
    const health = etcdctl(c, 'etcdctl endpoint health');
    expect(health.ok).toBe(false);
    const lines = output(health).split('\n');
    expect(lines).toHaveLength(4);
    // The dead member answers last (at the deadline); the live ones within a round trip.
    expect(lines[2]).toBe(`https://${victim}:2379 is unhealthy: failed to commit proposal: context deadline exceeded`);
    expect(lines[3]).toBe('Error: unhealthy cluster');
    for (const l of lines.slice(0, 2)) {
      const took = /^https:\/\/master-\d:2379 is healthy: successfully committed proposal: took = (\d+)ms$/.exec(l);
      expect(took, l).not.toBeNull();
      expect(Number(took![1])).toBeLessThan(500);
    }
    const table = output(etcdctl(c, 'etcdctl endpoint health --cluster -w table'));
    expect(table).toMatch(/\|\s+ENDPOINT\s+\|\s+HEALTH\s+\|\s+TOOK\s+\|\s+ERROR\s+\|/);
    expect(table).toMatch(new RegExp(`\\| https://${victim}:2379 \\| false +\\| \\d+(\\.\\d+)?s +\\| context deadline exceeded \\|`));
    expect(table.split('\n').at(-1)).toBe('Error: unhealthy cluster');
    const json = output(etcdctl(c, `etcdctl endpoint health -w json --endpoints=${leaderOf(c)}:2379`));
    expect(JSON.parse(json)).toEqual([{ endpoint: `https://${leaderOf(c)}:2379`, health: true, took: expect.stringMatching(/^\d+ms$/) }]);
  });

  it('compaction and future revisions print the gRPC errors; a watch from a compacted revision is canceled', () => {
    const c = cluster();
    c.runUntil(3000);
    for (const v of ['1', '2', '3']) etcdctl(c, `etcdctl put foo ${v}`);
    expect(output(etcdctl(c, 'etcdctl compact 3'))).toBe('compacted revision 3');
    expect(output(etcdctl(c, 'etcdctl compact 1'))).toBe('Error: etcdserver: mvcc: required revision has been compacted');
    expect(output(etcdctl(c, 'etcdctl get foo --rev=1'))).toBe('Error: etcdserver: mvcc: required revision has been compacted');
    expect(output(etcdctl(c, 'etcdctl get foo --rev=99'))).toBe('Error: etcdserver: mvcc: required revision is a future revision');
    expect(output(etcdctl(c, 'etcdctl compact 99'))).toBe('Error: etcdserver: mvcc: required revision is a future revision');
    expect(etcdctl(c, 'etcdctl watch foo --rev=1')).toEqual({ ok: false, error: 'watch was canceled (etcdserver: mvcc: required revision has been compacted)\nError: watch is canceled by the server' });
  });

  it('version; a line naming another program gets the shell\'s answer', () => {
    const c = cluster();
    c.runUntil(3000);
    expect(etcdctl(c, 'etcdctl version')).toEqual({ ok: true, output: 'etcdctl version: 3.5.17\nAPI version: 3.5' });
    expect(etcdctl(c, 'ETCDCTL_API=3 etcdctl version')).toEqual({ ok: true, output: 'etcdctl version: 3.5.17\nAPI version: 3.5' });
    expect(etcdctl(c, 'kubctl get pods')).toEqual({ ok: false, error: 'bash: kubctl: command not found' });
    expect(etcdctl(c, 'get foo')).toEqual({ ok: false, error: 'bash: get: command not found' });
    expect(etcdctl(c, 'ETCDCTL_API=3 etcdcl get foo')).toEqual({ ok: false, error: 'bash: etcdcl: command not found' });
    expect(etcdctl(c, '/usr/local/bin/etcdctl put k v')).toEqual({ ok: true, output: 'OK' });
    expect(etcdctl(c, 'ETCDCTL_API=3 etcdctl get k')).toEqual({ ok: true, output: 'k\nv' });
  });
});
