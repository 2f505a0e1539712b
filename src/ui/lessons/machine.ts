// A lesson as an xstate v5 machine: each step waits for where it can start (its
// baseline), then for its checkpoint; "Show me" performs the step; Next moves on; the
// last step's Next completes the lesson. The page feeds it CHECK events with the
// cluster's LessonView on every frame; commands go out through the injected `send`.

import { assign, setup } from 'xstate';
import type { Baseline, Lesson, LessonAction, LessonView } from './lesson';

export interface LessonContext {
  readonly lesson: Lesson;
  readonly step: number;
  readonly baseline: Baseline | undefined;
  /** The previous step's baseline, handed to the next step's begin(). */
  readonly previous: Baseline | undefined;
  readonly send: (cmd: LessonAction) => void;
}

export type LessonEvent =
  | { type: 'CHECK'; view: LessonView }
  | { type: 'SHOW_ME' }
  | { type: 'NEXT' };

const stepOf = (c: LessonContext) => c.lesson.steps[c.step]!;

export const lessonMachine = setup({
  types: {
    context: {} as LessonContext,
    events: {} as LessonEvent,
    input: {} as { lesson: Lesson; send: (cmd: LessonAction) => void },
  },
  guards: {
    'the step has not started': ({ context }) => context.baseline === undefined,
    'the cluster is where the step starts': ({ context, event }) => event.type === 'CHECK' && stepOf(context).begin(event.view, context.previous) !== undefined,
    'the checkpoint is reached': ({ context, event }) => event.type === 'CHECK' && context.baseline !== undefined && stepOf(context).done(event.view, context.baseline),
    'more steps follow': ({ context }) => context.step + 1 < context.lesson.steps.length,
  },
  actions: {
    'remember where the step starts': assign({
      baseline: ({ context, event }) => (event.type === 'CHECK' ? stepOf(context).begin(event.view, context.previous) : context.baseline),
    }),
    'perform the step': ({ context }) => {
      if (!context.baseline) return;
      for (const cmd of stepOf(context).showMe(context.baseline)) context.send(cmd);
    },
    'move to the next step': assign({
      step: ({ context }) => context.step + 1,
      previous: ({ context }) => context.baseline,
      baseline: () => undefined,
    }),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({ lesson: input.lesson, step: 0, baseline: undefined, previous: undefined, send: input.send }),
  initial: 'step',
  states: {
    step: {
      on: {
        CHECK: [
          { guard: 'the checkpoint is reached', target: 'stepDone' },
          { guard: 'the step has not started', actions: 'remember where the step starts' },
        ],
        SHOW_ME: { actions: 'perform the step' },
      },
    },
    stepDone: {
      on: {
        NEXT: [
          { guard: 'more steps follow', target: 'step', actions: 'move to the next step' },
          { target: 'complete' },
        ],
      },
    },
    complete: { type: 'final' },
  },
});
