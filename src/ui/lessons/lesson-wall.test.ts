// How long each lesson takes through its own "Show me" path at its default speed, in
// wall time, as the page runs it: the page's Coordinator (pacing, the boot run flat out,
// election slow motion as the classroom profile has it) on a fake wall clock, its frames
// in a store of the page's kind, the lesson's machine fed a LessonView per frame; Show
// me as soon as a step can (a read, `kubectl get …`, again after 3 s of wall time
// without the checkpoint, as a learner reading "No resources found" does), Next as soon
// as it is done.
// Issue 17: at most 3 minutes each. Heavy (all the lessons' cluster time, about a
// minute of CPU), so it runs when asked: LESSON_WALL=1 npx vitest run src/ui/lessons/lesson-wall.test.ts
// (LESSON_WALL=<id> for one lesson). The figures are in README.md.

import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { Coordinator } from '../../host/coordinator';
import { InWorkerDriver } from '../../host/in-worker-driver';
import { FakeClock } from '../../host/testing/fake-clock';
import { startFromUrl } from '../lab';
import { createLabStore } from '../store/store';
import { LESSONS } from './catalog';
import type { Lesson, LessonAction } from './lesson';
import { lessonMachine } from './machine';
import { lessonSearch } from './LessonPicker';
import { lessonViewOf, type PageState } from './view';

/** Issue 17: every lesson through Show me within 3 minutes at its default speed. */
const LIMIT_WALL_MS = 180_000;
/** One animation frame of wall time per turn, as the page. */
const FRAME_MS = 16;

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
};

interface Walk {
  readonly wallMs: number;
  readonly simMs: number;
  readonly speed: number;
  readonly steps: readonly { readonly id: string; readonly wallMs: number; readonly simMs: number }[];
}

async function walk(lesson: Lesson): Promise<Walk> {
  const { start, errors } = startFromUrl(lessonSearch(`?lesson=${lesson.id}`).search, {});
  expect(errors).toEqual([]);
  const clock = new FakeClock();
  const store = createLabStore();
  const coordinator = new Coordinator({ post: (f) => store.getState().applyFrame(f), wallNow: () => clock.wall, setTimer: clock.setTimer, createDriver: () => new InWorkerDriver(), scenarios: {} });
  let page: PageState = { routes: false, services: false, pod: null };
  const send = (c: LessonAction) => {
    if (c.type !== 'page') return coordinator.handle(c);
    page = { routes: page.routes || c.overlay === 'routes', services: page.services || c.overlay === 'services', pod: c.inspectPod ?? page.pod };
  };
  const actor = createActor(lessonMachine, { input: { lesson, send } });
  actor.start();
  coordinator.handle({ type: 'start', setup: start.setup, speed: start.speed, playing: true });
  await settle();
  const steps: { id: string; wallMs: number; simMs: number }[] = [];
  let shown = -1;
  let shownAt = 0;
  /** Show me again after this long without the checkpoint. */
  const AGAIN_MS = 3000;
  while (actor.getSnapshot().status === 'active' && clock.wall < 2 * LIMIT_WALL_MS) {
    clock.advance(FRAME_MS);
    await settle();
    const view = () => lessonViewOf(store.getState(), page);
    actor.send({ type: 'CHECK', view: view() });
    const snap = actor.getSnapshot();
    const step = lesson.steps[snap.context.step]!;
    const acts = snap.context.baseline ? step.showMe(snap.context.baseline) : [];
    const aRead = acts.length > 0 && acts.every((a) => a.type === 'console' && a.line.startsWith('kubectl get '));
    if (snap.value === 'step' && acts.length > 0 && (shown !== snap.context.step || (aRead && clock.wall - shownAt >= AGAIN_MS))) {
      shown = snap.context.step;
      shownAt = clock.wall;
      actor.send({ type: 'SHOW_ME' });
    } else if (snap.value === 'stepDone') {
      steps.push({ id: step.id, wallMs: clock.wall, simMs: store.getState().now });
      actor.send({ type: 'NEXT' });
      if (actor.getSnapshot().status === 'active') actor.send({ type: 'CHECK', view: view() });
    }
  }
  expect(store.getState().notices.filter((n) => n.kind === 'error')).toEqual([]);
  return { wallMs: clock.wall, simMs: store.getState().now, speed: start.speed, steps };
}

const only = process.env.LESSON_WALL;

describe.runIf(only)('each lesson through Show me at its default speed (wall time on the page’s pacing)', () => {
  for (const lesson of LESSONS.filter((l) => only === '1' || only === l.id)) {
    it(`${lesson.id} completes within 3 minutes`, async () => {
      const w = await walk(lesson);
      console.log(`${lesson.id}: ${(w.wallMs / 1000).toFixed(1)} s wall, ${(w.simMs / 1000).toFixed(1)} s sim at ${w.speed}×; ${w.steps.map((s) => `${s.id} ${(s.wallMs / 1000).toFixed(1)}`).join(', ')}`);
      expect(w.steps.map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
      expect(w.wallMs).toBeLessThanOrEqual(LIMIT_WALL_MS);
    }, 600_000);
  }
});
