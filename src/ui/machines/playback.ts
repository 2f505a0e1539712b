// Playback: running, paused, stepping, finished (design.md "Time"). The machine owns
// what the buttons mean and tells the coordinator through the `send` it was given; a
// button shows its new state at once. Frames report back (SYNC) what the coordinator is
// doing, but only frames that heard every Play and Pause the page sent (Frame.heard):
// a frame made before the coordinator took the learner's Play still says paused, and
// must not put the button back (it did, when a seek's rebuild landed just as Play was
// pressed: Play shown over a running cluster). Play or Pause from elsewhere (the space
// key) shows as well.

import { assign, cancel, raise, setup } from 'xstate';
import type { UiCommand } from '../../protocol/commands';

/** Speeds the select offers, 0 = as fast as possible ("max"). */
export const SPEED_CHOICES = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 100, 0] as const;

/** How long the step button shows "stepping" before the machine settles to paused. */
export const STEP_SETTLE_MS = 150;

export interface PlaybackContext {
  readonly speed: number;
  readonly send: (cmd: UiCommand) => void;
  /** Whether the run was started playing (chooses the first state). */
  readonly startedPlaying: boolean;
}

export interface PlaybackInput {
  readonly speed: number;
  readonly playing: boolean;
  readonly send: (cmd: UiCommand) => void;
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'STEP' }
  | { type: 'SPEED'; speed: number }
  /** What the coordinator is doing, from a frame that heard every command the page sent
   * (it paused by itself at a recording's moment, Play came from a key, the run ended). */
  | { type: 'SYNC'; playing: boolean; finished: boolean }
  | { type: 'STEP_DONE' }
  /** The coordinator rebuilt the cluster at an earlier time (a seek): paused there, or
   * already playing again when Play came before the rebuild landed (`playing`). Sent,
   * like SYNC, only for a frame that heard every command the page sent. */
  | { type: 'SEEKED'; playing?: boolean };

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    input: {} as PlaybackInput,
    events: {} as PlaybackEvent,
  },
  actions: {
    tellCoordinatorToPlay: ({ context }) => context.send({ type: 'play' }),
    tellCoordinatorToPause: ({ context }) => context.send({ type: 'pause' }),
    tellCoordinatorToStep: ({ context }) => context.send({ type: 'step' }),
    tellCoordinatorTheSpeed: ({ context }) => context.send({ type: 'speed', speed: context.speed }),
    rememberSpeed: assign({ speed: ({ context, event }) => (event.type === 'SPEED' ? event.speed : context.speed) }),
    // Explicit id: xstate's default ids for delayed events use Math.random.
    settleStepSoon: raise({ type: 'STEP_DONE' }, { delay: STEP_SETTLE_MS, id: 'step-settle' }),
    forgetStepSettle: cancel('step-settle'),
  },
  guards: {
    startedPlaying: ({ context }) => context.startedPlaying,
    runHasFinished: ({ event }) => event.type === 'SYNC' && event.finished,
    runIsGoingAgain: ({ event }) => event.type === 'SYNC' && !event.finished,
    seekedPlaying: ({ event }) => event.type === 'SEEKED' && event.playing === true,
    coordinatorPaused: ({ event }) => event.type === 'SYNC' && !event.playing && !event.finished,
    coordinatorPlays: ({ event }) => event.type === 'SYNC' && event.playing && !event.finished,
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({ speed: input.speed, send: input.send, startedPlaying: input.playing }),
  initial: 'choosing',
  on: {
    SPEED: { actions: ['rememberSpeed', 'tellCoordinatorTheSpeed'] },
    // A seek pauses in the coordinator already: nothing to tell it. Play pressed while
    // the exact cluster was being rebuilt lands it and plays: the frame says so.
    SEEKED: [{ guard: 'seekedPlaying', target: '.running' }, { target: '.paused' }],
  },
  states: {
    choosing: {
      always: [{ guard: 'startedPlaying', target: 'running' }, { target: 'paused' }],
    },
    running: {
      on: {
        PAUSE: { target: 'paused', actions: 'tellCoordinatorToPause' },
        STEP: { target: 'stepping', actions: 'tellCoordinatorToStep' },
        // The coordinator paused by itself (a recording replayed to its moment, a key).
        SYNC: [{ guard: 'runHasFinished', target: 'finished' }, { guard: 'coordinatorPaused', target: 'paused' }],
      },
    },
    paused: {
      on: {
        PLAY: { target: 'running', actions: 'tellCoordinatorToPlay' },
        STEP: { target: 'stepping', actions: 'tellCoordinatorToStep' },
        // Playing without this button: the space key, "to the next event".
        SYNC: [{ guard: 'runHasFinished', target: 'finished' }, { guard: 'coordinatorPlays', target: 'running' }],
      },
    },
    stepping: {
      entry: 'settleStepSoon',
      exit: 'forgetStepSettle',
      on: {
        STEP_DONE: 'paused',
        STEP: { target: 'stepping', reenter: true, actions: 'tellCoordinatorToStep' },
        PLAY: { target: 'running', actions: 'tellCoordinatorToPlay' },
        PAUSE: 'paused',
      },
    },
    finished: {
      on: {
        SYNC: [{ guard: 'coordinatorPlays', target: 'running' }, { guard: 'runIsGoingAgain', target: 'paused' }],
      },
    },
  },
});
