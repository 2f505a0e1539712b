// Builds the Frame the UI draws (src/protocol/frames.ts) from the simulation and the
// machine views, or the frame of a page with no cluster running: the one place frames
// are written. Views are asked for only when a frame is built, never every window.

import { MAX_FRAME_EVENTS, type Frame, type MachineState } from '../protocol/frames';
import type { Verdict } from '../protocol/verdict';
import type { TraceEvent } from '../protocol/trace';
import type { MachineView } from '../sim/machine';
import type { CommandResult } from '../sim/process';
import type { Simulation } from './simulation';

export interface FrameExtras {
  readonly playing: boolean;
  readonly speed: number;
  readonly events: readonly TraceEvent[];
  readonly replies: readonly { readonly id: number; readonly result: CommandResult }[];
  /** The sim clock to show (may run ahead of the last window over idle time). */
  readonly now?: number;
  readonly profile?: Frame['profile'];
  readonly chaos?: boolean;
  readonly verdict?: Verdict;
  readonly error?: string;
  readonly notes?: readonly string[];
  readonly slowMotion?: Frame['slowMotion'];
  /** At most this many events (MAX_FRAME_EVENTS by default; a frame after a seek carries
   * up to MAX_SEEK_EVENTS, the page's log rebuilt from them). */
  readonly maxEvents?: number;
}

/** Frame fields that are present only when set. */
function optional(x: FrameExtras): Partial<Frame> {
  return {
    ...(x.profile !== undefined ? { profile: x.profile } : {}),
    ...(x.chaos !== undefined ? { chaos: x.chaos } : {}),
    ...(x.verdict ? { verdict: x.verdict } : {}),
    ...(x.error ? { error: x.error } : {}),
    ...(x.notes && x.notes.length > 0 ? { notes: x.notes } : {}),
    ...(x.slowMotion ? { slowMotion: x.slowMotion } : {}),
  };
}

/** The events a frame carries, at most MAX_FRAME_EVENTS, the newest kept, and how many
 * it folded: drawing thousands of log lines per frame is what stalls the page at "max"
 * speed, and the log keeps only the last few hundred anyway. */
function cappedEvents(events: readonly TraceEvent[], max = MAX_FRAME_EVENTS): Pick<Frame, 'events' | 'eventsFolded'> {
  const folded = Math.max(0, events.length - max);
  return folded > 0 ? { events: events.slice(folded), eventsFolded: folded } : { events };
}

/** No cluster is running (before the first start, or after the simulation failed). */
export function frameWithoutCluster(x: FrameExtras): Frame {
  return { now: x.now ?? 0, playing: false, speed: x.speed, machines: [], packets: [], ...cappedEvents(x.events), cut: [], replies: x.replies, finished: false, ...optional(x) };
}

/** The machines as a frame lists them, each up one with its views. */
export function frameMachines(sim: Simulation, views: ReadonlyMap<string, MachineView>): MachineState[] {
  return sim.machineList().map((m) => {
    const v = m.status === 'up' ? views.get(m.name) : undefined;
    return { name: m.name, kind: m.kind, status: m.status, ...(m.etcd ? { etcd: true } : {}), ...(v ? { processes: v.processes } : {}) };
  });
}

export function buildFrame(sim: Simulation, views: ReadonlyMap<string, MachineView>, x: FrameExtras): Frame {
  return {
    now: x.now ?? sim.now,
    playing: x.playing,
    speed: x.speed,
    machines: frameMachines(sim, views),
    packets: sim.takePacketsForFrame(),
    ...cappedEvents(x.events, x.maxEvents),
    cut: sim.network.cutLinks(),
    replies: x.replies,
    finished: sim.finished,
    ...optional(x),
  };
}
