// Builds the Frame the UI draws (src/protocol/frames.ts) from the simulation and the
// machine views. Views are asked for only when a frame is built, never every window.

import { MAX_FRAME_EVENTS, type Frame, type MachineState } from '../protocol/frames';
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
}

export function buildFrame(sim: Simulation, views: ReadonlyMap<string, MachineView>, x: FrameExtras): Frame {
  const machines: MachineState[] = sim.machineList().map((m) => {
    const v = m.status === 'up' ? views.get(m.name) : undefined;
    return { name: m.name, kind: m.kind, status: m.status, ...(m.etcd ? { etcd: true } : {}), ...(v ? { processes: v.processes } : {}) };
  });
  // Cap the events, newest kept: drawing thousands of log lines per frame is what
  // stalls the page at "max" speed, and the log keeps only the last few hundred anyway.
  const folded = Math.max(0, x.events.length - MAX_FRAME_EVENTS);
  return {
    now: x.now ?? sim.now,
    playing: x.playing,
    speed: x.speed,
    machines,
    packets: sim.takePacketsForFrame(),
    events: folded > 0 ? x.events.slice(folded) : x.events,
    ...(folded > 0 ? { eventsFolded: folded } : {}),
    cut: sim.network.cutLinks(),
    replies: x.replies,
    finished: sim.finished,
  };
}
