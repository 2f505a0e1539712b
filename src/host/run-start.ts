// What a `start` command asks for, resolved: a built-in scenario by name, a file or a
// link's text, or the page's set-up form; into the simulation's init, the run's origin
// (for export) and, for a recording, its actions and the moment it replays to. Throws
// with a message naming what was wrong.

import { parseScenario, simulationInit, type Scenario } from '../cluster/scenario';
import { machinesFor, setupErrors } from '../cluster/setup';
import { profileFor } from '../cluster/profiles';
import type { SimulationInit } from '../coordinator/simulation';
import type { Profile, UiCommand } from '../protocol/commands';
import { ActionFeed, PAGE_WORKLOAD, isRecording, type RunOrigin } from './recording';

/** The page's clusters carry an idle KV workload that the chaos switch turns on, so
 * the verdict has a history to check (like Jepsen's clients, a separate etcd client). */
const CHAOS_WORKLOAD = PAGE_WORKLOAD;

export interface ResolvedStart {
  readonly init: SimulationInit;
  readonly topology: 'stacked' | 'external';
  readonly profile: Profile;
  readonly origin: RunOrigin;
  /** A file's actions still to come. */
  readonly feed?: ActionFeed;
  /** A recording replays as fast as possible to here, then pauses. */
  readonly replayTo?: number;
}

export function resolveStart(cmd: Extract<UiCommand, { type: 'start' }>, scenarios: Readonly<Record<string, string>>): ResolvedStart {
  if (cmd.scenario !== undefined) {
    // Own names only: `toString` or `__proto__` are not scenarios.
    // A file or link the user brought is a file, whatever it says.
    const builtin = !cmd.fallbackToSetup && Object.hasOwn(scenarios, cmd.scenario) ? scenarios[cmd.scenario] : undefined;
    // A bare word that is not a built-in scenario is a wrong name, not a file.
    if (builtin === undefined && !cmd.fallbackToSetup && !/[\n:]/.test(cmd.scenario)) {
      throw new Error(`no built-in scenario "${cmd.scenario}"; expected one of ${Object.keys(scenarios).join(', ')}`);
    }
    const scenario: Scenario = parseScenario(builtin ?? cmd.scenario);
    // A recording replays to its `until` and pauses; playing on goes to the
    // original run's end (liveUntil), or on and on as the page's own runs.
    const recording = isRecording(scenario);
    return {
      init: simulationInit(scenario, { ...(cmd.seed !== undefined ? { seed: cmd.seed } : {}), ...(recording ? { until: scenario.liveUntil ?? Infinity } : {}) }),
      topology: scenario.setup.topology,
      profile: scenario.setup.profile,
      origin: { kind: 'scenario', text: builtin ?? cmd.scenario, ...(cmd.seed !== undefined ? { seed: cmd.seed } : {}) },
      ...(scenario.actions && scenario.actions.length > 0 ? { feed: new ActionFeed(scenario.actions) } : {}),
      ...(recording ? { replayTo: scenario.until } : {}),
    };
  }
  const errors = setupErrors(cmd.setup);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return {
    init: { seed: cmd.setup.seed, machines: machinesFor(cmd.setup, CHAOS_WORKLOAD, cmd.setup.manifests ?? []), tickMs: profileFor(cmd.setup.profile).tickMs },
    topology: cmd.setup.topology,
    profile: cmd.setup.profile,
    origin: { kind: 'setup', setup: cmd.setup, workload: CHAOS_WORKLOAD },
  };
}
