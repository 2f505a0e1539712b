// The open lesson: its narration, the current step (what to do, the target ringed on
// the graph), "Show me", Next, and the end. Runs the lesson machine, fed with the
// cluster's LessonView on every frame.

import { useActorRef, useSelector } from '@xstate/react';
import { useEffect } from 'react';
import { useLabApi } from '../lab';
import { labStore } from '../store/store';
import { teachStore } from '../teach/teach-store';
import type { Lesson } from './lesson';
import { lessonMachine } from './machine';
import { lessonViewOf } from './view';

export function LessonPanel({ lesson }: { lesson: Lesson }) {
  const lab = useLabApi();
  const actor = useActorRef(lessonMachine, { input: { lesson, send: lab.send } });
  const state = useSelector(actor, (s) => s.value as string);
  const step = useSelector(actor, (s) => s.context.step);
  const baseline = useSelector(actor, (s) => s.context.baseline);

  useEffect(() => {
    actor.send({ type: 'CHECK', view: lessonViewOf(labStore.getState()) });
    return labStore.subscribe((s, prev) => {
      if (s.machines !== prev.machines || s.replies !== prev.replies) actor.send({ type: 'CHECK', view: lessonViewOf(s) });
    });
  }, [actor]);

  const done = state !== 'step';
  const current = lesson.steps[step]!;
  useEffect(() => {
    teachStore.getState().setHighlight(state === 'step' ? baseline?.target ?? null : null);
    return () => teachStore.getState().setHighlight(null);
  }, [state, baseline]);

  const canShow = state === 'step' && baseline !== undefined && current.showMe(baseline).length > 0;
  return (
    <section className="lesson panel" aria-label={`lesson: ${lesson.title}`} data-testid="lesson-panel" data-lesson={lesson.id}>
      <h2>Lesson: {lesson.title}</h2>
      <p className="lesson-topic">{lesson.topic}</p>
      {step === 0 && state === 'step' && <p className="lesson-intro">{lesson.intro}</p>}
      {state === 'complete' ? (
        <div className="lesson-complete" data-testid="lesson-complete">
          <p><b>✓ Lesson complete.</b> {lesson.outro}</p>
        </div>
      ) : (
        <div className="lesson-step" data-testid="lesson-step" data-step={current.id} data-index={step} data-done={String(done)}>
          <p className="lesson-count">Step {step + 1} of {lesson.steps.length}{done ? ' — done ✓' : ''}</p>
          <p className="lesson-say">{current.say}</p>
          <p className="lesson-ask"><b>{baseline ? current.ask(baseline) : 'Getting the cluster ready for this step…'}</b></p>
          {current.waitsFor && !done && <p className="muted">Waiting for {current.waitsFor}: see the countdown on the graph.</p>}
          <div className="lesson-buttons">
            <button type="button" data-testid="lesson-show-me" disabled={!canShow} onClick={() => actor.send({ type: 'SHOW_ME' })} title={canShow ? 'do this step for me' : 'this step only needs waiting'}>
              ▶ Show me
            </button>
            <button type="button" data-testid="lesson-next" disabled={!done} onClick={() => actor.send({ type: 'NEXT' })}>
              {step + 1 < lesson.steps.length ? 'Next →' : 'Finish'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
