// A run is a recording (issue 11): the page's run as a scenario file, and a scenario
// file's `actions` run as the page ran them.
//
// Where an action lands: the page applies a UI action between two lockstep windows, at
// the sim time its clock showed (the end of the last window, or later when the clock
// idled). A scenario's faults are different: they are coordinator events, and a queued
// event starts (and cuts) a window of its own, so a kill at 31.207s as a fault would
// give other windows, other network draws, another trace. So `actions` are not queued:
// the runner applies each one just before the first window that starts at or after its
// `at` (the live run's next window started there too, at or after the clock), with the
// clock idled to `at`. Same windows, same order, same trace, byte for byte.
// Writing a run as a file is recording-file.ts (it loads with the console's part).

import type { TimedAction, UserAction } from '../cluster/recording-format';
import type { Scenario } from '../cluster/scenario';
import { CLIENT_MACHINE } from '../cluster/setup';
import type { Simulation } from '../coordinator/simulation';
import type { ClusterSetup } from '../protocol/commands';
import { dispatchConsole } from '../shell/dispatch';
import type { LoggedAction } from './run-log';

/** Whatever records and carries out an action: the run log, or time travel's wrapper of
 * it (which forks first when the run is in its own past: seek.ts). */
export interface ActionSink {
  perform(sim: Simulation, action: LoggedAction): boolean;
}

/** The page's idle KV clients (the chaos switch gives them a rate): part of every page
 * set-up, so part of every recording of one. */
export const PAGE_WORKLOAD = { clients: 3, keys: 3, ratePerSec: 0, ops: ['put', 'get', 'cas'] as ('put' | 'get' | 'cas')[] };
/** Total KV operations per second while the page's chaos switch is on. */
export const CHAOS_RATE = 12;

/** The chaos switch as the page throws it: the live chaos, and the idle KV clients set
 * to a rate (on) or to idle (off). Returns whether anything changed. */
export function switchChaos(log: ActionSink, sim: Simulation, on: boolean): boolean {
  if (!log.perform(sim, { kind: 'chaos', on })) return false;
  const workloads = (sim.specOf(CLIENT_MACHINE)?.processes ?? []).map((p) => p as { kind?: string; name?: string }).filter((p) => p.kind === 'kv-workload').map((p) => p.name!);
  for (const name of workloads) log.perform(sim, { kind: 'tell', machine: CLIENT_MACHINE, process: name, command: { rate: on ? CHAOS_RATE / workloads.length : 0 } });
  return true;
}

/** A replayed action's caller id: nobody waits for its answer. */
const NO_CALLER = -1;

/** Carries out a file's action exactly as the coordinator carries out the UI command. */
export function performUserAction(log: ActionSink, sim: Simulation, a: UserAction): void {
  switch (a.kind) {
    case 'fault':
      log.perform(sim, { kind: 'apply', fault: a.fault, via: 'ui' });
      return;
    case 'console': {
      const text = a.stdin !== undefined ? `${a.line}\n${a.stdin}` : a.line;
      log.perform(sim, { kind: 'console', line: text, ...(a.stdin !== undefined ? { stdin: a.stdin } : {}), id: NO_CALLER, route: dispatchConsole(a.line, a.stdin) });
      return;
    }
    case 'chaos':
      switchChaos(log, sim, a.on);
      return;
    case 'kv':
      log.perform(sim, { kind: 'command', machine: CLIENT_MACHINE, process: 'console', id: NO_CALLER, command: { f: a.f, key: a.key, ...(a.value !== undefined ? { value: a.value } : {}), ...(a.endpoint ? { endpoint: a.endpoint } : {}) } });
      return;
  }
}

/** A file's actions, handed to the simulation between windows as they fall due. */
export class ActionFeed {
  private i = 0;

  constructor(private readonly actions: readonly TimedAction[]) {}

  get pending(): number {
    return this.actions.length - this.i;
  }

  /** Applies every action due before the next window: those at or before its start
   * (or before the horizon when no window is left). Call before planning a window. */
  applyDue(sim: Simulation, log: ActionSink): void {
    for (; this.i < this.actions.length; this.i++) {
      const a = this.actions[this.i]!;
      const next = sim.nextWindow();
      if (a.at > (next ? next.t0 : sim.horizon)) return;
      sim.idleUntil(a.at);
      performUserAction(log, sim, a.action);
    }
  }
}

/** What a page run started from: the page's set-up, or a scenario file's text (a
 * built-in, an imported file, a shared link) with the seed that overrode its own. */
export type RunOrigin = { readonly kind: 'setup'; readonly setup: ClusterSetup; readonly workload: typeof PAGE_WORKLOAD } | { readonly kind: 'scenario'; readonly text: string; readonly seed?: number };

/** Whether a scenario is a recording: it replays to `until` and pauses (on the page). */
export function isRecording(s: Scenario): boolean {
  return s.format !== undefined;
}
