// The open lesson: its narration, the current step (what to do, the target ringed on
// the graph, with the overlay parts it points at), its countdown, "Show me", Next, and
// the end. Runs the lesson machine, fed with the cluster's LessonView on every frame and
// whenever an overlay is switched or a pod inspected, and told when a seek takes the
// run back (REWIND: the steps done after that moment are to do again).

import { useActorRef, useSelector } from '@xstate/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLabApi } from '../lab';
import { networkStore } from '../network/network-store';
import { labStore, useLab } from '../store/store';
import { teachStore } from '../teach/teach-store';
import type { Baseline, Lesson, LessonAction, LessonStep, LessonView } from './lesson';
import { AnswerClock } from './answer-clock';
import { LessonRing } from './LessonRing';
import { lessonMachine } from './machine';
import { lessonViewOf } from './view';
import { formatClock } from '../panels/clock';

/** A page action done here: overlays and the pod inspector are the page's own state. */
function doOnPage(a: Extract<LessonAction, { type: 'page' }>): void {
  const net = networkStore.getState();
  if (a.overlay === 'routes') net.setRoutes(true);
  if (a.overlay === 'services') net.setServices(true);
  if (a.inspectPod) net.selectPod(a.inspectPod);
}

export function LessonPanel({ lesson }: { lesson: Lesson }) {
  const lab = useLabApi();
  // Show me's console lines, so the card can print what they answered (the console
  // panel prints only what was typed there).
  const [shown, setShown] = useState<{ id: number; line: string } | null>(null);
  const send = useRef((cmd: LessonAction) => {
    if (cmd.type === 'page') return doOnPage(cmd);
    if (cmd.type === 'console') setShown({ id: cmd.id, line: cmd.line });
    lab.send(cmd);
  }).current;
  const actor = useActorRef(lessonMachine, { input: { lesson, send } });
  const state = useSelector(actor, (s) => s.value as string);
  const step = useSelector(actor, (s) => s.context.step);
  const baseline = useSelector(actor, (s) => s.context.baseline);
  const rewound = useSelector(actor, (s) => s.context.rewound);
  // The console answers the lesson counts: those it had at the moment the run is at.
  const answers = useRef(new AnswerClock()).current;
  const viewNow = useRef((): LessonView => lessonViewOf(labStore.getState(), networkStore.getState(), answers.has)).current;

  useEffect(() => {
    answers.stamp(labStore.getState().replies, labStore.getState().now);
    actor.send({ type: 'CHECK', view: viewNow() });
    // A seek bumps seekEpoch first; the same frame's clock and views follow in the next
    // update (frameCount): the REWIND reads that clock.
    let seeked = false;
    const offLab = labStore.subscribe((s, prev) => {
      if (s.seekEpoch !== prev.seekEpoch) seeked = true;
      if (seeked && s.frameCount !== prev.frameCount) {
        seeked = false;
        answers.rewind(s.now);
        actor.send({ type: 'REWIND', at: s.now });
        if (actor.getSnapshot().context.rewound?.at === s.now) setShown(null);
      }
      if (s.replies !== prev.replies) answers.stamp(s.replies, s.now);
      if (s.machines !== prev.machines || s.replies !== prev.replies) actor.send({ type: 'CHECK', view: viewNow() });
    });
    const offPage = networkStore.subscribe(() => actor.send({ type: 'CHECK', view: viewNow() }));
    return () => {
      offLab();
      offPage();
    };
  }, [actor, answers, viewNow]);

  const done = state !== 'step';
  const current = lesson.steps[step]!;
  useEffect(() => {
    teachStore.getState().setHighlight(state === 'step' ? baseline?.target ?? null : null);
    return () => teachStore.getState().setHighlight(null);
  }, [state, baseline]);

  // The next step takes its baseline from the cluster as it is now: a quiet cluster
  // (a dead master, nothing changing) may send no frame that changes the machines.
  const next = () => {
    setShown(null);
    actor.send({ type: 'NEXT' });
    actor.send({ type: 'CHECK', view: viewNow() });
  };
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
          {rewound && !done && (
            <p className="lesson-rewound" data-testid="lesson-rewound" data-at-ms={rewound.at} role="status">
              Went back to {formatClock(rewound.at)}: {rewound.last > rewound.first ? `steps ${rewound.first + 1}–${rewound.last + 1} are` : `step ${rewound.first + 1} is`} not done at that moment. Do step {rewound.first + 1} again, or play on to watch it happen as before.
            </p>
          )}
          <p className="lesson-say">{current.say}</p>
          <p className="lesson-ask"><b>{baseline ? current.ask(baseline) : 'Getting the cluster ready for this step…'}</b></p>
          {current.waitsFor && !done && <p className="muted">Waiting for {current.waitsFor}{current.countdown ? '' : ': see the countdown on the graph'}.</p>}
          {current.countdown && baseline && !done && <StepCountdownLine countdown={current.countdown} baseline={baseline} />}
          {shown && <ShownAnswer id={shown.id} line={shown.line} />}
          {/* The ring stays once the step is done: switching an overlay on is what makes
              the ringed route or Service appear. */}
          {baseline?.ring && <LessonRing ids={baseline.ring} />}
          <div className="lesson-buttons">
            <button type="button" data-testid="lesson-show-me" disabled={!canShow} onClick={() => actor.send({ type: 'SHOW_ME' })} title={canShow ? 'do this step for me' : 'this step only needs waiting'}>
              ▶ Show me
            </button>
            <button type="button" data-testid="lesson-next" disabled={!done} onClick={next}>
              {step + 1 < lesson.steps.length ? 'Next →' : 'Finish'}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** A Show me console line and its answer, as the console would print them. */
function ShownAnswer({ id, line }: { id: number; line: string }) {
  const r = useLab((s) => s.replies[id]);
  const text = r === undefined ? '…' : r.ok ? r.output || '(no output)' : r.error;
  return (
    <pre className={`lesson-answer${r && !r.ok ? ' lesson-answer-err' : ''}`} data-testid="lesson-answer" data-ok={r === undefined ? undefined : String(r.ok)} tabIndex={0} role="region" aria-label={`Show me ran ${line}`}>
      <b>$ {line}</b>
      {'\n'}
      {text}
    </pre>
  );
}

/** A step's own countdown ("Next run of tick in 23 s"): where it ends is read again
 * only when the cluster's views change; the seconds left re-render once a second at most. */
function StepCountdownLine({ countdown, baseline }: { countdown: NonNullable<LessonStep['countdown']>; baseline: Baseline }) {
  const machines = useLab((s) => s.machines);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- machines: the views it reads
  const c = useMemo(() => countdown(lessonViewOf(labStore.getState()), baseline), [countdown, baseline, machines]);
  const left = useLab((s) => (c ? Math.max(0, Math.ceil((c.atMs - s.now) / 1000)) : 0));
  if (!c) return null;
  return (
    <p className="lesson-countdown" data-testid="lesson-countdown" data-countdown={`${c.what}-${c.target}`} data-left={left} role="timer" aria-live="off">
      {c.label} {left === 0 ? 'now' : `in ${left} s`}
    </p>
  );
}
