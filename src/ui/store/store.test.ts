import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EtcdMemberView, Frame, MachineState } from '../../protocol/frames';
import type { TraceEvent } from '../../protocol/trace';
import { shareDeep } from './share';
import { createLabStore, LOG_LIMIT, playStateCurrent } from './store';

const member = (n: number, role: EtcdMemberView['role'], term: number, commit: number): EtcdMemberView => ({
  kind: 'etcd', member: `etcd-${n}`, id: n, hexId: String(n), role, term, vote: null, leader: null,
  commit, applied: commit, lastIndex: commit, firstIndex: 1, log: [{ index: commit, term, text: 'put k=v' }], revision: commit, keys: 1,
});
const machine = (n: number, view?: EtcdMemberView): MachineState => ({
  name: `master-${n}`, kind: 'master', status: view ? 'up' : 'down', ...(view ? { processes: { etcd: view } } : {}),
});
const frame = (machines: MachineState[], events: TraceEvent[] = [], now = 100): Frame => ({
  now, playing: true, speed: 1, machines, packets: [], events, cut: [], replies: [], finished: false,
});

describe('shareDeep', () => {
  it('keeps the previous object for equal parts', () => {
    const a = { x: [1, 2, { y: 3 }], z: { w: 1 } };
    const b = { x: [1, 2, { y: 3 }], z: { w: 2 } };
    const r = shareDeep(a, b);
    expect(r).toEqual(b);
    expect(r.x).toBe(a.x);
    expect(r.z).not.toBe(a.z);
    expect(shareDeep(a, JSON.parse(JSON.stringify(a)))).toBe(a);
  });

  it("keeps prev's items that moved in a list (a keyed list change), and never writes to next", () => {
    const d = (i: number) => ({ uid: `u${i}`, rows: [{ node: 'w-1', total: i }] });
    const a = { decisions: [d(0), d(1), d(2)] };
    const kept = [a.decisions[1]!, a.decisions[2]!, d(3)];
    const b = { decisions: kept };
    const frozen = structuredClone(b);
    const r = shareDeep(a, b);
    expect(r).toEqual(frozen);
    expect(r.decisions[0]).toBe(a.decisions[1]);
    expect(r.decisions[1]).toBe(a.decisions[2]);
    expect(b).toEqual(frozen);
    expect(b.decisions).toBe(kept);
    // An equal part taken from prev copies next's container, not next itself.
    const c = { decisions: [a.decisions[0]!, structuredClone(a.decisions[1]!)] };
    const before = c.decisions[1];
    const s = shareDeep(a, c);
    expect(s.decisions[1]).toBe(a.decisions[1]);
    expect(c.decisions[1]).toBe(before);
  });

  it('gives a value deep-equal to next, sharing prev where equal, for any JSON-like pair', () => {
    const leaf = fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b'), fc.constant(null));
    const { view } = fc.letrec((tie) => ({
      view: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
      arr: fc.array(tie('view'), { maxLength: 3 }),
      obj: fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('view'), { maxKeys: 3, noNullPrototype: true }),
    }));
    fc.assert(
      fc.property(view, view, (a, b) => {
        const copy = structuredClone(b);
        const r = shareDeep(a, b);
        expect(r).toEqual(copy);
        expect(b).toEqual(copy);
        if (JSON.stringify(a) === JSON.stringify(b)) expect(r).toBe(a);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the lab store', () => {
  it("trusts a frame's playing only once it heard every Play and Pause sent (a frame made before the coordinator took Play says paused)", () => {
    const store = createLabStore();
    expect(playStateCurrent(store.getState())).toBe(false); // no frame yet
    store.getState().applyFrame({ ...frame([]), heard: 0 });
    expect(playStateCurrent(store.getState())).toBe(true);
    store.getState().notePlayCommand(); // a seek
    store.getState().notePlayCommand(); // then Play, before the seek's frame came
    store.getState().applyFrame({ ...frame([]), playing: false, heard: 1 }); // the seek's landing
    expect(playStateCurrent(store.getState())).toBe(false);
    store.getState().applyFrame({ ...frame([]), playing: true, heard: 2 });
    expect(playStateCurrent(store.getState())).toBe(true);
    store.getState().reset(); // a new cluster: the counts go on
    expect(store.getState().playSent).toBe(2);
  });

  it('merges frames with structural sharing: an unchanged machine keeps its identity', () => {
    const store = createLabStore();
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 3)), machine(2, member(2, 'follower', 2, 3))]));
    const first = store.getState();
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 4)), machine(2, member(2, 'follower', 2, 3))], [], 200));
    const second = store.getState();
    expect(second.machines['master-2']).toBe(first.machines['master-2']);
    expect(second.machines['master-1']).not.toBe(first.machines['master-1']);
    expect(second.machineNames).toBe(first.machineNames);
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 4)), machine(2, member(2, 'follower', 2, 3))], [], 300));
    expect(store.getState().machines).toBe(second.machines);
  });

  it('a machine marked sameView keeps the views it had, and its identity', () => {
    const store = createLabStore();
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 3)), machine(2, member(2, 'follower', 2, 3))]));
    const first = store.getState();
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 4)), { name: 'master-2', kind: 'master', status: 'up', sameView: true }], [], 200));
    const second = store.getState();
    expect(second.machines['master-2']).toBe(first.machines['master-2']);
    expect((second.machines['master-2']!.processes!.etcd as EtcdMemberView).role).toBe('follower');
    expect((second.machines['master-1']!.processes!.etcd as EtcdMemberView).commit).toBe(4);
    expect(second.machines['master-2']).not.toHaveProperty('sameView');
  });

  it('remembers the last etcd view of a machine that went down', () => {
    const store = createLabStore();
    store.getState().applyFrame(frame([machine(1, member(1, 'leader', 2, 3))]));
    store.getState().applyFrame(frame([machine(1)]));
    expect(store.getState().machines['master-1']!.status).toBe('down');
    expect(store.getState().lastEtcd['master-1']!.term).toBe(2);
  });

  it('narrates events into a bounded log, one line per applied entry', () => {
    const store = createLabStore();
    const applies: TraceEvent[] = [1, 2, 3].map((n) => ({ t: 5, type: 'raft.apply', member: `etcd-${n}`, index: 1, term: 2, data: 'no-op' }));
    store.getState().applyFrame(frame([], applies));
    expect(store.getState().log.filter((l) => l.kind === 'commit')).toHaveLength(1);
    const many: TraceEvent[] = Array.from({ length: LOG_LIMIT + 50 }, (_, i) => ({ t: i, type: 'machine.up', machine: `m-${i}` }));
    store.getState().applyFrame(frame([], many));
    expect(store.getState().log).toHaveLength(LOG_LIMIT);
    expect(store.getState().log.at(-1)!.text).toBe(`m-${LOG_LIMIT + 49} booted`);
  });

  it('drops the oldest routine lines first when the log is full, so key lines stay', () => {
    const store = createLabStore();
    const key: TraceEvent[] = Array.from({ length: 10 }, (_, i) => ({ t: i, type: 'machine.up', machine: `m-${i}` }));
    const routine: TraceEvent[] = Array.from({ length: LOG_LIMIT + 100 }, (_, i) => ({ t: 10 + i, type: 'k8s.event', object: `pod/default/web-${i}`, reason: 'Pulled', message: 'Container image "nginx:1.27" already present on machine', eventType: 'Normal', source: 'kubelet' }));
    store.getState().applyFrame(frame([], key));
    store.getState().applyFrame(frame([], routine.slice(0, 300)));
    store.getState().applyFrame(frame([], routine.slice(300)));
    const log = store.getState().log;
    expect(log).toHaveLength(LOG_LIMIT);
    expect(log.filter((l) => l.key).map((l) => l.text)).toEqual(key.map((_, i) => `m-${i} booted`));
    expect(log.at(-1)!.text).toContain(`web-${LOG_LIMIT + 99}`);
    expect(log.map((l) => l.seq)).toEqual([...log.map((l) => l.seq)].sort((a, b) => a - b));
  });

  it('says how many events a frame folded, before the ones it carries', () => {
    const store = createLabStore();
    const kept: TraceEvent[] = [{ t: 40, type: 'machine.up', machine: 'worker-9' }];
    store.getState().applyFrame({ ...frame([], kept), eventsFolded: 1234 });
    const log = store.getState().log;
    expect(log).toHaveLength(2);
    expect(log[0]!.text).toMatch(/^… 1234 earlier events not shown/);
    expect(log[0]!.t).toBe(40);
    expect(log[1]!.text).toBe('worker-9 booted');
  });

  it('keeps replies and shows an error once, dismissibly', () => {
    const store = createLabStore();
    store.getState().applyFrame({ ...frame([]), replies: [{ id: 7, result: { ok: true, output: 'OK' } }], error: 'boom' });
    store.getState().applyFrame({ ...frame([]), error: 'boom' });
    expect(store.getState().replies[7]).toEqual({ ok: true, output: 'OK' });
    expect(store.getState().notices).toHaveLength(1);
    store.getState().dismiss(store.getState().notices[0]!.id);
    store.getState().applyFrame({ ...frame([]), error: 'boom' });
    expect(store.getState().notices).toHaveLength(0);
  });
});

describe('a stalled machine worker in the store', () => {
  it('one banner per stall, the state names whom the run waits for, and clears when frames flow again', () => {
    const store = createLabStore();
    const ms = [machine(1, member(1, 'leader', 2, 3))];
    store.getState().applyFrame({ ...frame(ms), stalled: { machines: ['master-1'], waitingMs: 4000 } });
    store.getState().applyFrame({ ...frame(ms), stalled: { machines: ['master-1'], waitingMs: 8000 } });
    expect(store.getState().stalled).toEqual(['master-1']);
    expect(store.getState().notices.filter((n) => n.text.includes('waiting for master-1'))).toHaveLength(1);
    store.getState().applyFrame(frame(ms, [], 200));
    expect(store.getState().stalled).toBeUndefined();
  });
});

describe('time travel in the store', () => {
  it('a frame after a seek back drops the log and the verdict gathered after it; a forward seek keeps them', () => {
    const store = createLabStore();
    const later: TraceEvent[] = [{ t: 9000, type: 'machine.down', machine: 'master-1' }];
    store.getState().applyFrame({ ...frame([], later, 9000), verdict: { at: 9000, ok: true, checks: [], opsChecked: 0, linearizable: true }, timeline: { endMs: 9000, version: 1, seekable: true, markers: [{ at: 8000, kind: 'fault', label: 'kill master-1' }] } });
    expect(store.getState().log.map((l) => l.text)).toEqual(['master-1 is down']);
    const before: TraceEvent[] = [{ t: 3000, type: 'machine.up', machine: 'master-1' }];
    store.getState().applyFrame({ ...frame([], [], 5000), seeked: { to: 5000, rebuilt: false }, timeline: { endMs: 9000, version: 1, seekable: true } });
    expect(store.getState().log).toHaveLength(1);
    expect(store.getState().seekEpoch).toBe(1);
    store.getState().applyFrame({ ...frame([], before, 5000), seeked: { to: 5000, rebuilt: true }, timeline: { endMs: 9000, version: 1, seekable: true } });
    expect(store.getState().log.map((l) => l.text)).toEqual(['master-1 booted']);
    expect(store.getState().verdict).toBeUndefined();
    expect(store.getState().seekEpoch).toBe(2);
    // Markers stay until a frame brings new ones (a fork).
    expect(store.getState().timeline.markers).toHaveLength(1);
    store.getState().applyFrame({ ...frame([], [], 5000), timeline: { endMs: 5000, version: 2, seekable: true, markers: [] } });
    expect(store.getState().timeline).toMatchObject({ endMs: 5000, markers: [] });
  });

  it('a preview from the view history is marked until the exact frame lands; play clears it', () => {
    const store = createLabStore();
    const paused = { ...frame([], [], 4750), playing: false };
    store.getState().applyFrame({ ...paused, seeked: { to: 5000, rebuilt: true, preview: { exact: false } } });
    expect(store.getState().seekPreview).toEqual({ at: 5000, exact: false });
    store.getState().applyFrame(paused); // a frame while the rebuild runs (a reply, say)
    expect(store.getState().seekPreview).toEqual({ at: 5000, exact: false });
    store.getState().applyFrame({ ...frame([], [], 5000), playing: false, seeked: { to: 5000, rebuilt: true } });
    expect(store.getState().seekPreview).toBeNull();
    store.getState().applyFrame({ ...paused, seeked: { to: 4750, rebuilt: true, preview: { exact: true } } });
    expect(store.getState().seekPreview).toEqual({ at: 4750, exact: true });
    store.getState().applyFrame(frame([], [], 4800));
    expect(store.getState().seekPreview).toBeNull();
  });
});
