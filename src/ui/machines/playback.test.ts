import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import type { UiCommand } from '../../protocol/commands';
import { playbackMachine, STEP_SETTLE_MS } from './playback';

function start(playing: boolean) {
  const sent: UiCommand[] = [];
  const clock = new SimulatedClock();
  const actor = createActor(playbackMachine, { input: { speed: 1, playing, send: (c) => sent.push(c) }, clock });
  actor.start();
  return { actor, sent, clock };
}

describe('playback machine', () => {
  it('starts running or paused as asked', () => {
    expect(start(true).actor.getSnapshot().value).toBe('running');
    expect(start(false).actor.getSnapshot().value).toBe('paused');
  });

  it('pauses and plays, telling the coordinator', () => {
    const { actor, sent } = start(true);
    actor.send({ type: 'PAUSE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().value).toBe('running');
    expect(sent).toEqual([{ type: 'pause' }, { type: 'play' }]);
  });

  it('steps, then settles to paused after the delay (simulated clock)', () => {
    const { actor, sent, clock } = start(true);
    actor.send({ type: 'STEP' });
    expect(actor.getSnapshot().value).toBe('stepping');
    clock.increment(STEP_SETTLE_MS - 1);
    expect(actor.getSnapshot().value).toBe('stepping');
    clock.increment(1);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(sent).toEqual([{ type: 'step' }]);
  });

  it('a seek pauses; one landed by Play (the frame says playing) stays running, telling nothing more', () => {
    const { actor, sent } = start(true);
    actor.send({ type: 'SEEKED' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'SEEKED', playing: true });
    expect(actor.getSnapshot().value).toBe('running');
    actor.send({ type: 'SEEKED', playing: false });
    expect(actor.getSnapshot().value).toBe('paused');
    expect(sent).toEqual([{ type: 'play' }]);
  });

  it('changes speed in any state', () => {
    const { actor, sent } = start(false);
    actor.send({ type: 'SPEED', speed: 0 });
    expect(actor.getSnapshot().context.speed).toBe(0);
    expect(actor.getSnapshot().value).toBe('paused');
    expect(sent).toEqual([{ type: 'speed', speed: 0 }]);
  });

  it('shows a finished run as finished, and a run going again (a seek back) as what it does', () => {
    const { actor } = start(true);
    actor.send({ type: 'SYNC', playing: false, finished: true });
    expect(actor.getSnapshot().value).toBe('finished');
    actor.send({ type: 'SYNC', playing: false, finished: false });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'SYNC', playing: false, finished: true });
    actor.send({ type: 'SYNC', playing: true, finished: false });
    expect(actor.getSnapshot().value).toBe('running');
  });

  it('follows the coordinator playing or pausing without its buttons (a recording replayed to its moment, the space key), telling nothing', () => {
    const { actor, sent } = start(true);
    actor.send({ type: 'SYNC', playing: false, finished: false });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'SYNC', playing: true, finished: false });
    expect(actor.getSnapshot().value).toBe('running');
    expect(sent).toEqual([]);
  });

  it('a step is not undone by the frames it makes (they say paused; the step settles by itself)', () => {
    const { actor } = start(false);
    actor.send({ type: 'STEP' });
    actor.send({ type: 'SYNC', playing: false, finished: false });
    expect(actor.getSnapshot().value).toBe('stepping');
  });
});
