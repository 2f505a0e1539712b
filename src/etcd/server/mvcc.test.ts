import { describe, expect, it } from 'vitest';
import { ERR_COMPACTED, ERR_FUTURE_REV, MvccStore, prefixEnd } from './mvcc';

describe('MVCC store (etcd semantics)', () => {
  it('starts at revision 1; each change is one revision; versions count per key', () => {
    const s = new MvccStore();
    expect(s.rev).toBe(1);
    s.apply({ type: 'put', key: 'a', value: '1' });
    s.apply({ type: 'put', key: 'a', value: '2' });
    s.apply({ type: 'put', key: 'b', value: 'x' });
    const a = s.range({ key: 'a' }).kvs[0]!;
    expect(a).toMatchObject({ value: '2', createRevision: 2, modRevision: 3, version: 2 });
    expect(s.rev).toBe(4);
    s.apply({ type: 'deleteRange', key: 'a' });
    expect(s.range({ key: 'a' }).kvs).toEqual([]);
    s.apply({ type: 'put', key: 'a', value: '3' });
    expect(s.range({ key: 'a' }).kvs[0]).toMatchObject({ createRevision: 6, version: 1 });
  });

  it('reads return no new revision; a txn is one revision however many writes it has', () => {
    const s = new MvccStore();
    s.apply({ type: 'range', key: 'x' });
    expect(s.rev).toBe(1);
    const r = s.apply({ type: 'txn', compare: [], success: [{ type: 'put', key: 'a', value: '1' }, { type: 'put', key: 'b', value: '1' }], failure: [] });
    expect(r).toMatchObject({ type: 'txn', succeeded: true });
    expect(s.rev).toBe(2);
    expect(s.range({ key: 'a' }).kvs[0]!.modRevision).toBe(2);
    expect(s.range({ key: 'b' }).kvs[0]!.modRevision).toBe(2);
  });

  it('txn compares value, version, create and mod revisions; a missing key has version 0', () => {
    const s = new MvccStore();
    const cas = (expect: string) => s.apply({ type: 'txn', compare: [{ target: 'VALUE', result: '=', key: 'k', value: expect }], success: [{ type: 'put', key: 'k', value: `${expect}+` }], failure: [{ type: 'range', key: 'k' }] });
    const create = () => s.apply({ type: 'txn', compare: [{ target: 'VERSION', result: '=', key: 'k', value: 0 }], success: [{ type: 'put', key: 'k', value: 'v' }], failure: [] });
    expect(cas('v')).toMatchObject({ succeeded: false }); // value compare on a missing key
    expect(create()).toMatchObject({ succeeded: true });
    expect(create()).toMatchObject({ succeeded: false });
    expect(cas('v')).toMatchObject({ succeeded: true });
    expect(s.range({ key: 'k' }).kvs[0]!.value).toBe('v+');
    const mod = s.range({ key: 'k' }).kvs[0]!.modRevision;
    expect(s.apply({ type: 'txn', compare: [{ target: 'MOD', result: '<', key: 'k', value: mod }], success: [], failure: [] })).toMatchObject({ succeeded: false });
    expect(s.apply({ type: 'txn', compare: [{ target: 'CREATE', result: '=', key: 'k', value: 2 }], success: [], failure: [] })).toMatchObject({ succeeded: true });
  });

  it('ranges over a prefix, with keys-only, count-only, limit and a past revision', () => {
    const s = new MvccStore();
    for (const k of ['/registry/pods/a', '/registry/pods/b', '/registry/services/x']) s.apply({ type: 'put', key: k, value: k.toUpperCase() });
    const pods = s.range({ key: '/registry/pods/', rangeEnd: prefixEnd('/registry/pods/') });
    expect(pods.kvs.map((kv) => kv.key)).toEqual(['/registry/pods/a', '/registry/pods/b']);
    expect(s.range({ key: '/registry/', rangeEnd: prefixEnd('/registry/'), keysOnly: true }).kvs.every((kv) => kv.value === '')).toBe(true);
    expect(s.range({ key: '/', rangeEnd: prefixEnd('/'), countOnly: true })).toMatchObject({ kvs: [], count: 3 });
    expect(s.range({ key: '/', rangeEnd: prefixEnd('/'), limit: 1 })).toMatchObject({ count: 3, more: true });
    s.apply({ type: 'put', key: '/registry/pods/a', value: 'new' });
    expect(s.range({ key: '/registry/pods/a', revision: 2 }).kvs[0]!.value).toBe('/REGISTRY/PODS/A');
  });

  it('watch history from a revision includes deletes with their previous value', () => {
    const s = new MvccStore();
    s.apply({ type: 'put', key: 'a', value: '1' }); // rev 2
    s.apply({ type: 'put', key: 'b', value: '1' }); // rev 3
    s.apply({ type: 'deleteRange', key: 'a' }); // rev 4
    const evs = s.watchEvents('a', undefined, 2);
    expect(evs.map((e) => [e.type, e.kv.modRevision])).toEqual([['PUT', 2], ['DELETE', 4]]);
    expect(evs[1]!.prevKv!.value).toBe('1');
    expect(s.watchEvents('', '\0', 3).map((e) => e.kv.key)).toEqual(['b', 'a']);
  });

  it('compaction forgets old revisions with etcd’s errors', () => {
    const s = new MvccStore();
    for (let i = 0; i < 5; i++) s.apply({ type: 'put', key: 'k', value: String(i) }); // revs 2..6
    s.compact(4);
    expect(() => s.range({ key: 'k', revision: 3 })).toThrow(ERR_COMPACTED);
    expect(s.range({ key: 'k', revision: 4 }).kvs[0]!.value).toBe('2');
    expect(() => s.watchEvents('k', undefined, 3)).toThrow(ERR_COMPACTED);
    expect(() => s.compact(4)).toThrow(ERR_COMPACTED);
    expect(() => s.compact(99)).toThrow(ERR_FUTURE_REV);
    expect(() => s.range({ key: 'k', revision: 99 })).toThrow(ERR_FUTURE_REV);
  });

  it('serializes and restores for Raft snapshots', () => {
    const s = new MvccStore();
    s.apply({ type: 'put', key: 'a', value: '1' });
    s.apply({ type: 'put', key: 'a', value: '2' });
    const r = MvccStore.restore(s.serialize());
    expect(r.rev).toBe(s.rev);
    expect(r.range({ key: 'a' })).toEqual(s.range({ key: 'a' }));
    expect(r.range({ key: 'a', revision: 2 })).toEqual(s.range({ key: 'a', revision: 2 }));
  });

  it('a shared snapshot (state()) stays at its revision while the store and its restored copy go on', () => {
    const s = new MvccStore();
    s.apply({ type: 'put', key: 'a', value: '1' });
    const snap = s.state();
    const before = JSON.stringify(snap);
    s.apply({ type: 'put', key: 'a', value: '2' });
    s.apply({ type: 'put', key: 'b', value: 'x' });
    const r = MvccStore.restore(snap);
    r.apply({ type: 'put', key: 'a', value: '3' });
    expect(JSON.stringify(snap)).toBe(before);
    expect(r.range({ key: 'a' }).kvs[0]).toMatchObject({ value: '3', version: 2 });
    expect(r.range({ key: 'b' }).kvs).toEqual([]);
    expect(MvccStore.restore(snap).serialize()).toBe(MvccStore.restore(before).serialize());
    expect(s.range({ key: 'a' }).kvs[0]).toMatchObject({ value: '2', version: 2 });
  });
});
