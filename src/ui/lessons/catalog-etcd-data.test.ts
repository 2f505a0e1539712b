import { describe, expect, it } from 'vitest';
import { greetingRevisions } from './catalog-history';
import { runLesson, smallCluster, withAnswer, withMachine } from './testing';

const JSON_ANSWER = '{"header":{"cluster_id":1,"member_id":2,"revision":146,"raft_term":2},"kvs":[{"key":"Z3JlZXRpbmc=","create_revision":140,"mod_revision":145,"version":2,"value":"d29ybGQ="}],"count":1}';

describe('the etcd history lesson, step by step', () => {
  it('waits for a leader, then for each answer in turn; Show me types the lines with the revisions it read', () => {
    const l = runLesson('etcd-history');
    let v = smallCluster({ members: {} });
    l.check(v);
    expect(l.baseline()).toBeUndefined(); // no leader: not started
    v = smallCluster();
    l.check(v);
    l.showMe();
    expect(l.lines()).toEqual(['etcdctl put greeting hello']);
    l.check(withAnswer(v, 'Error: etcdserver: request timed out', false));
    expect(l.done()).toBe(false); // a failed put is not a write
    v = withAnswer(v, 'OK');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('put-world');
    l.check(v);
    expect(l.done()).toBe(false); // the first OK does not count twice
    v = withAnswer(v, 'OK');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('revisions');
    l.check(withAnswer(v, '{"header":{"revision":146},"kvs":[{"key":"Z3JlZXRpbmc=","create_revision":140,"mod_revision":140,"version":1}],"count":1}'));
    expect(l.done()).toBe(false); // only one version seen
    v = withAnswer(v, JSON_ANSWER);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('read-past');
    l.check(v);
    expect(l.baseline()).toMatchObject({ rev: 140, upTo: 146 });
    l.showMe();
    expect(l.lines().at(-1)).toBe('etcdctl get greeting --rev=140');
    l.check(withAnswer(v, 'greeting\nworld'));
    expect(l.done()).toBe(false); // today's value is not the past
    v = withAnswer(v, 'greeting\nhello');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('compact');
    l.check(v);
    l.showMe();
    expect(l.lines().at(-1)).toBe('etcdctl compact 146');
    l.check(withAnswer(v, 'compacted revision 100'));
    expect(l.done()).toBe(false); // below the old version: it survives
    v = withAnswer(v, 'compacted revision 146');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('compacted');
    l.check(v);
    expect(l.done()).toBe(false);
    l.showMe();
    expect(l.lines().at(-1)).toBe('etcdctl get greeting --rev=140');
    l.check(withAnswer(v, 'Error: etcdserver: mvcc: required revision has been compacted', false));
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });

  it('reads the revisions of the newest get -w json answer and ignores other keys and non-JSON', () => {
    let v = withAnswer(smallCluster(), '{"kvs": not json');
    v = withAnswer(v, '{"header":{"revision":9},"kvs":[{"key":"b3RoZXI=","create_revision":3,"mod_revision":4,"version":2}]}');
    expect(greetingRevisions(v)).toBeUndefined();
    v = withAnswer(v, JSON_ANSWER);
    v = withAnswer(v, JSON_ANSWER.replace('"revision":146', '"revision":150').replace('"mod_revision":145,"version":2', '"mod_revision":149,"version":3'));
    expect(greetingRevisions(v)).toEqual({ created: 140, modified: 149, version: 3, store: 150 });
  });
});

describe('the snapshot lesson, step by step', () => {
  it('saves from the leader’s host, checks the file, loses web, restores, and waits for web to come back', () => {
    const l = runLesson('snapshot-restore');
    let v = smallCluster({ deployments: [] });
    l.check(v);
    expect(l.baseline()).toBeUndefined(); // web not there yet
    v = smallCluster();
    l.check(v);
    expect(l.baseline()?.target).toBe('master-1');
    l.showMe();
    expect(l.lines()).toEqual(['etcdctl --endpoints=https://master-1:2379 snapshot save snap.db']);
    l.check(withAnswer(v, 'Error: snapshot must be requested to one selected node, not multiple', false));
    expect(l.done()).toBe(false);
    v = withAnswer(v, '{"level":"info","msg":"saved","path":"snap.db"}\nSnapshot saved at snap.db');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('status');
    v = withAnswer(v, '| HASH | REVISION | TOTAL KEYS | TOTAL SIZE |');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('lose');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl delete deployment web');
    const gone = { ...v, deployments: [], pods: v.pods.map((p) => ({ ...p, terminating: true })) };
    l.check({ ...v, deployments: [] });
    expect(l.done()).toBe(false); // the pods still run
    l.check(gone);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('restore');
    l.showMe();
    expect(l.lines().at(-1)).toBe('etcdutl snapshot restore snap.db --data-dir=/var/lib/etcd-from-backup');
    l.check(withAnswer(gone, 'Error: data-dir "/var/lib/etcd" exists', false));
    expect(l.done()).toBe(false);
    const restored = withAnswer(gone, 'info\tsnapshot/v3_snapshot.go:287\trestored snapshot\t{}');
    l.check(restored);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('back');
    l.check(withMachine(restored, 'master-1', false));
    expect(l.done()).toBe(false);
    l.check(withAnswer(smallCluster(), 'restored snapshot'));
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });
});
