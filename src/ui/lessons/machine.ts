// A lesson as an xstate v5 machine: each step waits for where it can start (its
// baseline), then for its checkpoint; "Show me" performs the step; Next moves on; the
// last step's Next completes the lesson. The page feeds it CHECK events with the
// cluster's LessonView on every frame; commands go out through the injected `send`.
//
// A lesson follows a seek (REWIND, sent when the timeline goes back): the steps whose
// checkpoint was reached after the moment sought are not done any more, and the lesson
// goes back to the first of them, as a learner who rewinds a video expects to see the
// exercise again. That step keeps where it started if it started by then; otherwise it
// starts again from the cluster as it is at that moment. A completed lesson stays
// complete (its card is gone; the picker opens it again).

import { assign, setup } from 'xstate';
import type { Baseline, Lesson, LessonAction, LessonView } from './lesson';

export interface LessonContext {
  readonly lesson: Lesson;
  readonly step: number;
  readonly baseline: Baseline | undefined;
  /** The previous step's baseline, handed to the next step's begin(). */
  readonly previous: Baseline | undefined;
  readonly send: (cmd: LessonAction) => void;
  /** Per step so far: its baseline, and the sim ms it began and reached its checkpoint. */
  readonly baselines: readonly (Baseline | undefined)[];
  readonly begunAt: readonly (number | undefined)[];
  readonly reachedAt: readonly (number | undefined)[];
  /** The last seek that undid steps: where it went, and the steps no longer done
   * (first..last, indices), for the card to say so. Cleared by Next. */
  readonly rewound: { readonly at: number; readonly first: number; readonly last: number } | undefined;
}

export type LessonEvent =
  | { type: 'CHECK'; view: LessonView }
  | { type: 'SHOW_ME' }
  | { type: 'NEXT' }
  /** The run went back to sim ms `at` (a seek). */
  | { type: 'REWIND'; at: number };

const stepOf = (c: LessonContext) => c.lesson.steps[c.step]!;

const setAt = <T>(xs: readonly T[], i: number, x: T): T[] => {
  const out = xs.slice(0, i);
  while (out.length < i) out.push(undefined as T);
  out.push(x);
  return out;
};

/** Where a seek back to `at` takes the lesson: the first step whose checkpoint was
 * reached after `at` (or the current one), and whether its start is still good. */
export function rewindTarget(c: Pick<LessonContext, 'step' | 'begunAt' | 'reachedAt'>, at: number): { step: number; keepBaseline: boolean; undone: boolean } {
  let step = c.step;
  for (let i = 0; i <= c.step; i++) {
    const r = c.reachedAt[i];
    if (r !== undefined && r > at) {
      step = i;
      break;
    }
  }
  const begun = c.begunAt[step];
  const undone = step < c.step || (c.reachedAt[c.step] ?? -Infinity) > at;
  return { step, keepBaseline: begun !== undefined && begun <= at, undone };
}

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
    'the seek went back before what the lesson counted': ({ context, event }) => {
      if (event.type !== 'REWIND') return false;
      const t = rewindTarget(context, event.at);
      return t.undone || (context.baseline !== undefined && !t.keepBaseline);
    },
  },
  actions: {
    'remember where the step starts': assign(({ context, event }) => {
      if (event.type !== 'CHECK') return {};
      const baseline = stepOf(context).begin(event.view, context.previous);
      return baseline === undefined
        ? {}
        : { baseline, baselines: setAt(context.baselines, context.step, baseline), begunAt: setAt(context.begunAt, context.step, event.view.now) };
    }),
    'note when the checkpoint was reached': assign({
      reachedAt: ({ context, event }) => (event.type === 'CHECK' ? setAt(context.reachedAt, context.step, event.view.now) : context.reachedAt),
    }),
    'go back to the first step not done then': assign(({ context, event }) => {
      if (event.type !== 'REWIND') return {};
      const t = rewindTarget(context, event.at);
      const baseline = t.keepBaseline ? context.baselines[t.step] : undefined;
      return {
        step: t.step,
        baseline,
        previous: t.step > 0 ? context.baselines[t.step - 1] : undefined,
        baselines: context.baselines.slice(0, t.step + (baseline ? 1 : 0)),
        begunAt: context.begunAt.slice(0, t.step + (baseline ? 1 : 0)),
        reachedAt: context.reachedAt.slice(0, t.step),
        rewound: t.undone ? { at: event.at, first: t.step, last: Math.max(t.step, context.reachedAt[context.step] === undefined ? context.step - 1 : context.step) } : context.rewound,
      };
    }),
    'perform the step': ({ context }) => {
      if (!context.baseline) return;
      for (const cmd of stepOf(context).showMe(context.baseline)) context.send(cmd);
    },
    'move to the next step': assign({
      step: ({ context }) => context.step + 1,
      previous: ({ context }) => context.baseline,
      baseline: () => undefined,
      rewound: () => undefined,
    }),
  },
}).createMachine({
  id: 'lesson',
  context: ({ input }) => ({ lesson: input.lesson, step: 0, baseline: undefined, previous: undefined, send: input.send, baselines: [], begunAt: [], reachedAt: [], rewound: undefined }),
  initial: 'step',
  states: {
    step: {
      on: {
        CHECK: [
          { guard: 'the checkpoint is reached', target: 'stepDone', actions: 'note when the checkpoint was reached' },
          { guard: 'the step has not started', actions: 'remember where the step starts' },
        ],
        SHOW_ME: { actions: 'perform the step' },
        REWIND: { guard: 'the seek went back before what the lesson counted', target: 'step', actions: 'go back to the first step not done then' },
      },
    },
    stepDone: {
      on: {
        REWIND: { guard: 'the seek went back before what the lesson counted', target: 'step', actions: 'go back to the first step not done then' },
        NEXT: [
          { guard: 'more steps follow', target: 'step', actions: 'move to the next step' },
          { target: 'complete' },
        ],
      },
    },
    complete: { type: 'final' },
  },
});
