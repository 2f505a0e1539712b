// What the page did to a run, so its whole trace can be derived again: the page keeps
// only a bounded window of the trace in memory (an hour at full speed is millions of
// events), and exporting the whole run replays it. The simulation is deterministic, so
// the same start, the same UI actions after the same windows at the same sim times give
// the same trace, byte for byte (the property the browser-vs-headless e2e test checks).
//
// Not replayable: a machine killed while its worker stalled in a window (the window
// committed without its output; worker-driver.ts abandon()). The log marks the run, and
// the export then returns the window it still has, saying so.

import { processFactory } from '../cluster/processes';
import type { Fault } from '../coordinator/faults';
import { Simulation, type SimulationInit } from '../coordinator/simulation';
import type { ProcessFactory } from '../sim/process';
import type { ConsoleRoute } from '../protocol/commands';
import { InProcessDriver } from './in-process';
import { traceToJsonl } from './jsonl';

export type LoggedAction =
  | { readonly kind: 'apply'; readonly fault: Fault; readonly via: string }
  | { readonly kind: 'command'; readonly machine: string; readonly process: string; readonly id: number; readonly command: unknown }
  /** The coordinator's own command to a process (its answer is dropped). */
  | { readonly kind: 'tell'; readonly machine: string; readonly process: string; readonly command: unknown }
  | { readonly kind: 'chaos'; readonly on: boolean }
  /** A console line (the shell picks the program; the trace records line and answer). */
  | { readonly kind: 'console'; readonly line: string; readonly id: number; readonly route: ConsoleRoute; /** The manifest below the command, when the page split it off (`line` ends with it). */ readonly stdin?: string };

export interface Entry {
  /** Windows committed before the action (Simulation.windowCount). */
  readonly window: number;
  /** Sim time when it was taken (the clock may have idled past the last window). */
  readonly now: number;
  readonly action: LoggedAction;
}

export class RunLog {
  private readonly entries: Entry[] = [];
  /** Set when something happened that a replay cannot repeat. */
  unreplayable: string | undefined;

  constructor(readonly init: SimulationInit) {}

  /** Carries out the action on the simulation and records it; returns what the
   * simulation answered (startChaos/stopChaos say whether anything changed). */
  perform(sim: Simulation, action: LoggedAction): boolean {
    this.entries.push({ window: sim.windowCount, now: sim.now, action });
    return act(sim, action);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Every action so far, in the order taken (a recording's `actions`: recording.ts;
   * time travel reads them too: src/host/seek.ts). */
  get actions(): readonly Entry[] {
    return this.entries;
  }

  /** A fork: keeps the first `n` actions and drops the rest (the abandoned future). */
  cut(n: number): void {
    this.entries.length = Math.min(this.entries.length, n);
  }

  /** The whole trace up to `upTo` as JSON Lines, by running the simulation again in
   * this thread. Events are turned into text window by window, so the objects of a long
   * run are never all in memory at once. */
  replayJsonl(upTo: { window: number; now: number }, factory: ProcessFactory = processFactory): string {
    const sim = new Simulation(this.init);
    const driver = new InProcessDriver(factory);
    const chunks: string[] = [];
    let i = 0;
    const due = (): void => {
      for (; i < this.entries.length && this.entries[i]!.window === sim.windowCount; i++) {
        const e = this.entries[i]!;
        sim.idleUntil(e.now);
        act(sim, e.action);
      }
    };
    const flush = (): void => {
      if (sim.trace.length === 0) return;
      chunks.push(traceToJsonl(sim.trace));
      sim.trace.length = 0; // the replay's own copy: text from here on
    };
    due();
    while (sim.windowCount < upTo.window) {
      const plan = sim.planWindow();
      if (!plan) break;
      sim.commitWindow(plan, driver.runWindow(plan));
      due();
      if (sim.trace.length > 5000) flush();
    }
    flush();
    return chunks.join('');
  }
}

/** Carries out one logged action on a simulation (live, replay and seek alike). */
export function act(sim: Simulation, a: LoggedAction): boolean {
  switch (a.kind) {
    case 'apply':
      sim.apply(a.fault, a.via);
      return true;
    case 'command':
      sim.command(a.machine, a.process, a.id, a.command);
      return true;
    case 'tell':
      sim.tell(a.machine, a.process, a.command);
      return true;
    case 'console':
      sim.consoleLine(a.line, a.route, a.id);
      return true;
    case 'chaos':
      return a.on ? sim.startChaos() : sim.stopChaos();
  }
}
