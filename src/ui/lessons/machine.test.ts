import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { LESSONS, lessonById } from './catalog';
import type { LessonAction, LessonView } from './lesson';
import { lessonMachine } from './machine';
import { lessonSearch } from './LessonPicker';
import { AnswerClock } from './answer-clock';

/** Three stacked masters with the etcd leader on `leader` in `term`; `down` are dead. */
function view(leader: string | null, term: number, down: string[] = []): LessonView {
  const names = ['master-1', 'master-2', 'master-3'];
  return {
    now: 0,
    machines: names.map((name) => ({ name, kind: 'master', up: !down.includes(name) })),
    members: Object.fromEntries(names.filter((n) => !down.includes(n)).map((n) => [n, { member: n.replace('master', 'etcd'), role: n === leader ? 'leader' : 'follower', term }])),
    leases: {},
    nodes: {},
    pods: [],
  };
}

function run(id: string) {
  const sent: LessonAction[] = [];
  const actor = createActor(lessonMachine, { input: { lesson: lessonById(id)!, send: (c) => sent.push(c) } });
  actor.start();
  return { actor, sent, step: () => actor.getSnapshot().context.lesson.steps[actor.getSnapshot().context.step]!.id };
}

describe('the Raft election lesson, step by step', () => {
  it('asks to kill the leader, waits for a leader of a higher term, then for the old one to follow it', () => {
    const { actor, sent, step } = run('raft-election');
    actor.send({ type: 'CHECK', view: view(null, 1) });
    expect(actor.getSnapshot().context.baseline).toBeUndefined(); // no leader yet: not started
    actor.send({ type: 'CHECK', view: view('master-2', 2) });
    expect(actor.getSnapshot().context.baseline).toEqual({ target: 'master-2', term: 2 });
    actor.send({ type: 'SHOW_ME' });
    expect(sent).toEqual([{ type: 'kill', machine: 'master-2' }]);
    actor.send({ type: 'NEXT' }); // not done yet: ignored
    expect(step()).toBe('kill-leader');
    actor.send({ type: 'CHECK', view: view('master-2', 2, ['master-2']) });
    expect(actor.getSnapshot().value).toBe('stepDone');

    actor.send({ type: 'NEXT' });
    expect(step()).toBe('new-leader');
    // Even if the new leader was elected before the step began, it counts (term > 2).
    actor.send({ type: 'CHECK', view: view('master-3', 3, ['master-2']) });
    actor.send({ type: 'CHECK', view: view('master-3', 3, ['master-2']) });
    expect(actor.getSnapshot().value).toBe('stepDone');

    actor.send({ type: 'NEXT' });
    expect(step()).toBe('rejoin');
    actor.send({ type: 'CHECK', view: view('master-3', 3, ['master-2']) });
    actor.send({ type: 'SHOW_ME' });
    expect(sent.at(-1)).toEqual({ type: 'restart', machine: 'master-2' });
    actor.send({ type: 'CHECK', view: view('master-3', 3) });
    expect(actor.getSnapshot().value).toBe('stepDone');
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().status).toBe('done');
  });
});

describe('the lesson catalogue', () => {
  it('every lesson has a set-up, steps with ids, and a unique id', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.steps.length).toBeGreaterThan(0);
      expect(new URLSearchParams(l.query).get('profile')).toBe('classroom');
    }
  });

  it('?lesson=<id> fills in the set-up, the URL’s own parameters win; an unknown id is named', () => {
    expect(new URLSearchParams(lessonSearch('?lesson=ha-lease&speed=0').search).get('masters')).toBe('3');
    expect(new URLSearchParams(lessonSearch('?lesson=ha-lease&seed=9').search).get('seed')).toBe('9');
    // A lesson that cannot run as fast as possible lowers the speed to its maxSpeed.
    expect(new URLSearchParams(lessonSearch('?lesson=etcd-history&speed=0').search).get('speed')).toBe('5');
    expect(new URLSearchParams(lessonSearch('?lesson=etcd-history&speed=100').search).get('speed')).toBe('5');
    expect(new URLSearchParams(lessonSearch('?lesson=etcd-history&speed=0.5').search).get('speed')).toBe('0.5');
    expect(new URLSearchParams(lessonSearch('?lesson=etcd-history').search).get('speed')).toBeNull();
    expect(new URLSearchParams(lessonSearch('?lesson=ha-lease&speed=0').search).get('speed')).toBe('0');
    expect(lessonSearch('?lesson=nope').error).toMatch(/lesson: expected one of worker-death, ha-lease, raft-election, quorum-loss, apiserver-path.*, got "nope"/);
  });
});

describe('a lesson follows a seek back', () => {
  const at = (v: LessonView, now: number): LessonView => ({ ...v, now });

  it('steps done after the moment sought are not done any more; the lesson goes back to the first of them', () => {
    const { actor, sent, step } = run('raft-election');
    const ctx = () => actor.getSnapshot().context;
    actor.send({ type: 'CHECK', view: at(view('master-2', 2), 5000) }); // kill-leader begins at 5 s
    actor.send({ type: 'CHECK', view: at(view('master-2', 2, ['master-2']), 9000) }); // killed at 9 s
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 9100) }); // new-leader begins
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 9400) }); // and is done
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 9500) });
    expect(step()).toBe('rejoin');

    // A seek forward, or back to a moment after every checkpoint so far: nothing changes.
    actor.send({ type: 'REWIND', at: 9600 });
    actor.send({ type: 'REWIND', at: 9450 });
    expect(step()).toBe('rejoin');
    expect(ctx().rewound).toBeUndefined();

    // Back to 8 s, before the kill: kill-leader and new-leader are to do again.
    actor.send({ type: 'REWIND', at: 8000 });
    expect(step()).toBe('kill-leader');
    expect(actor.getSnapshot().value).toBe('step');
    expect(ctx().rewound).toEqual({ at: 8000, first: 0, last: 1 });
    // It began at 5 s, before the moment sought: same target, Show me kills it again.
    expect(ctx().baseline).toEqual({ target: 'master-2', term: 2 });
    actor.send({ type: 'CHECK', view: at(view('master-2', 2), 8000) });
    expect(actor.getSnapshot().value).toBe('step');
    actor.send({ type: 'SHOW_ME' });
    expect(sent.at(-1)).toEqual({ type: 'kill', machine: 'master-2' });
    actor.send({ type: 'CHECK', view: at(view('master-2', 2, ['master-2']), 8200) });
    expect(actor.getSnapshot().value).toBe('stepDone');
    expect(ctx().rewound).toEqual({ at: 8000, first: 0, last: 1 }); // said until Next
    actor.send({ type: 'NEXT' });
    expect(ctx().rewound).toBeUndefined();
    expect(step()).toBe('new-leader');
  });

  it('back to before the current step began: it starts again from the cluster as it is then', () => {
    const { actor, step } = run('raft-election');
    const ctx = () => actor.getSnapshot().context;
    actor.send({ type: 'CHECK', view: at(view('master-2', 2), 5000) });
    expect(ctx().baseline).toEqual({ target: 'master-2', term: 2 });
    actor.send({ type: 'REWIND', at: 3000 });
    expect(step()).toBe('kill-leader');
    expect(ctx().baseline).toBeUndefined();
    expect(ctx().rewound).toBeUndefined(); // nothing was done: nothing to say
    actor.send({ type: 'CHECK', view: at(view(null, 1), 3000) }); // no leader yet at 3 s: waits
    expect(ctx().baseline).toBeUndefined();
    actor.send({ type: 'CHECK', view: at(view('master-1', 2), 3500) });
    expect(ctx().baseline).toEqual({ target: 'master-1', term: 2 });
  });

  it('a completed lesson stays complete', () => {
    const { actor } = run('raft-election');
    actor.send({ type: 'CHECK', view: at(view('master-2', 2), 5000) });
    actor.send({ type: 'CHECK', view: at(view('master-2', 2, ['master-2']), 6000) });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 6500) });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 6600) });
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3, ['master-2']), 6700) });
    actor.send({ type: 'CHECK', view: at(view('master-3', 3), 9000) });
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().status).toBe('done');
    actor.send({ type: 'REWIND', at: 1000 });
    expect(actor.getSnapshot().status).toBe('done');
  });
});

describe('the answers a lesson counts after a seek', () => {
  it('forgets answers that came after the moment sought, until they are answered again', () => {
    const c = new AnswerClock();
    const a = { ok: true, output: 'hello' };
    const b = { ok: true, output: 'world' };
    c.stamp({ 1: a }, 1000);
    c.stamp({ 1: a, 2: b }, 5000);
    expect([c.has('1'), c.has('2')]).toEqual([true, true]);
    c.rewind(3000);
    expect([c.has('1'), c.has('2')]).toEqual([true, false]);
    c.stamp({ 1: a, 2: b }, 3100); // the same result in the store: not news
    expect(c.has('2')).toBe(false);
    c.stamp({ 1: a, 2: { ...b } }, 5000); // played on: answered again
    expect(c.has('2')).toBe(true);
  });
});
