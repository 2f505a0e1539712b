// Play, pause, step, speed and the sim clock, driven by the playback machine.

import { useMachine } from '@xstate/react';
import { useEffect, useRef } from 'react';
import { useLabApi } from '../lab';
import { playbackMachine, SPEED_CHOICES } from '../machines/playback';
import { playStateCurrent, useLab } from '../store/store';
import { EffectiveRate } from './EffectiveRate';
import { SlowMotionNote, SlowMotionToggle } from './SlowMotion';
import { formatClock } from './clock';

export { formatClock };

function speedLabel(s: number): string {
  return s === 0 ? 'max' : `${s}×`;
}

export function TimeControls() {
  const lab = useLabApi();
  const [state, send] = useMachine(playbackMachine, { input: { speed: lab.started.speed, playing: true, send: lab.send } });
  const now = useLab((s) => s.now);
  const playing = useLab((s) => s.playing);
  const finished = useLab((s) => s.finished);
  const stalled = useLab((s) => s.stalled);
  // The last frame heard every Play and Pause sent (playback.ts): its `playing` is now.
  const current = useLab(playStateCurrent);
  useEffect(() => {
    if (current) send({ type: 'SYNC', playing, finished });
  }, [send, current, playing, finished]);
  const seekEpoch = useLab((s) => s.seekEpoch);
  const seekPreview = useLab((s) => s.seekPreview);
  // The frame that bumped seekEpoch also set playing (read when the effect runs).
  const playingRef = useRef(playing);
  playingRef.current = playing;
  const currentRef = useRef(current);
  currentRef.current = current;
  useEffect(() => {
    if (seekEpoch > 0 && currentRef.current) send({ type: 'SEEKED', playing: playingRef.current });
  }, [send, seekEpoch]);

  const speed = state.context.speed;
  const choices: readonly number[] = SPEED_CHOICES.includes(speed as (typeof SPEED_CHOICES)[number]) ? SPEED_CHOICES : [...SPEED_CHOICES, speed];
  const running = state.matches('running');
  return (
    <div className="time-controls" role="group" aria-label="time controls">
      {running ? (
        <button type="button" data-testid="time-pause" onClick={() => send({ type: 'PAUSE' })} title="Pause: every machine holds still">
          ❚❚ Pause
        </button>
      ) : (
        <button type="button" data-testid="time-play" disabled={state.matches('finished')} onClick={() => send({ type: 'PLAY' })} title="Play">
          ▶ Play
        </button>
      )}
      <button type="button" data-testid="time-step" disabled={state.matches('finished')} onClick={() => send({ type: 'STEP' })} title="Run the next message delivery or tick, then pause">
        ▸| Step
      </button>
      <label className="speed">
        speed
        <select data-testid="time-speed" value={String(speed)} onChange={(e) => send({ type: 'SPEED', speed: Number(e.target.value) })}>
          {choices.map((s) => (
            <option key={s} value={String(s)}>
              {speedLabel(s)}
            </option>
          ))}
        </select>
      </label>
      <SlowMotionToggle />
      <EffectiveRate requested={speed} />
      <span className="sim-clock" data-testid="sim-clock" title="simulated time since the cluster started">
        {formatClock(now)}
      </span>
      {seekPreview && (
        <span className="seek-preview" data-testid="seek-preview" data-exact={String(seekPreview.exact)} title={seekPreview.exact ? "What the page showed at this moment, kept as the run went; the exact cluster is being rebuilt behind it, and acting waits for it" : `The nearest moment kept before ${formatClock(seekPreview.at)}; the exact cluster at ${formatClock(seekPreview.at)} is being rebuilt behind it, and acting waits for it`}>
          {seekPreview.exact ? 'rebuilding…' : `≈ ${formatClock(seekPreview.at)}, rebuilding…`}
        </span>
      )}
      <SlowMotionNote />
      <span className={`play-state ${stalled ? 'stalled' : (state.value as string)}`} data-testid="play-state">
        {finished ? 'finished' : stalled ? `waiting for ${stalled.join(', ')}` : (state.value as string)}
      </span>
    </div>
  );
}
