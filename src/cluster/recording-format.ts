// The recording format (issue 11, a run is a recording): a scenario file with
// `format: N`, the page's set-up, and `actions`, what the user did, each at the sim
// time the page applied it. This file holds the version and the action shapes; the
// parser is scenario.ts, the writer and the runner src/host/recording.ts.

import type { Fault, ScheduledFault, ScheduledStep } from '../coordinator/faults';

/** The format this version writes and the newest it reads. Raise it when a file
 * written now would mean something else to an older reader. */
export const FORMAT_VERSION = 1;

export function formatError(found: number): string {
  return `this file was written in recording format ${found}, by a newer kube-raft-lab; this one reads format ${FORMAT_VERSION} and older`;
}

/** One thing the user did on the page. */
export type UserAction =
  /** Kill / restart / isolate / heal (and any other fault a file names). */
  | { readonly kind: 'fault'; readonly fault: Fault }
  /** A console text as typed, with the manifest below it already split off (`stdin`,
   * e.g. the Workloads form's `kubectl apply -f -`); the shell picks the program. */
  | { readonly kind: 'console'; readonly line: string; readonly stdin?: string }
  /** The chaos switch. */
  | { readonly kind: 'chaos'; readonly on: boolean }
  /** The etcd client panel's request. */
  | { readonly kind: 'kv'; readonly f: 'put' | 'get' | 'delete'; readonly key: string; readonly value?: string; readonly endpoint?: string };

export interface TimedAction {
  /** Sim ms: the action is applied between the windows before and after this time. */
  readonly at: number;
  readonly action: UserAction;
}

/** What one `actions` item parsed to (the parser's fault or step, plus a kv request or
 * the stdin that came with a console line), as a UserAction. */
export function toUserAction(faults: readonly ScheduledFault[], steps: readonly ScheduledStep[], stdin: string | undefined, kv: Extract<UserAction, { kind: 'kv' }> | undefined): UserAction {
  if (kv) return kv;
  const fault = faults[0];
  if (fault) return { kind: 'fault', fault: fault.fault };
  const step = steps[0]!.step;
  if (step.kind === 'chaos') return step;
  return { kind: 'console', line: step.line, ...(stdin !== undefined ? { stdin } : {}) };
}
