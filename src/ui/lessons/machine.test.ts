import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { LESSONS, lessonById } from './catalog';
import type { LessonAction, LessonView } from './lesson';
import { lessonMachine } from './machine';
import { lessonSearch } from './LessonPicker';

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
