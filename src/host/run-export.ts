// What the page can take away from a run: the run so far as a scenario file (a
// recording, recording.ts) and its whole trace as JSON Lines, the part in memory when
// nothing was dropped, else derived again from the run log (run-log.ts).

import type { Simulation } from '../coordinator/simulation';
import type { CommandResult } from '../sim/process';
import { traceToJsonl } from './jsonl';
import type { RunOrigin } from './recording';
import { recordingText, userActionsOf } from './recording-file';
import type { RunLog } from './run-log';

export function recordingReply(origin: RunOrigin | undefined, log: RunLog | undefined, sim: Simulation): CommandResult {
  if (!origin || !log) return { ok: false, error: 'no cluster is running' };
  if (log.unreplayable) return { ok: false, error: `this run cannot be replayed: ${log.unreplayable}` };
  try {
    return { ok: true, output: recordingText(origin, userActionsOf(log), sim.now) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** `dropped`: events the host has dropped from the front of sim.trace. */
export function wholeTraceReply(sim: Simulation, log: RunLog | undefined, dropped: number): CommandResult {
  if (dropped === 0) return { ok: true, output: traceToJsonl(sim.trace) };
  if (log?.unreplayable) return { ok: false, error: `the whole trace cannot be derived again (${log.unreplayable}); the last ${sim.trace.length} events are kept` };
  return { ok: true, output: log!.replayJsonl({ window: sim.windowCount, now: sim.now }) };
}
