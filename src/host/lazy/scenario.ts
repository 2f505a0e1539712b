// Stands in for src/cluster/scenario.ts in the page's workers (lazy-console.ts): a
// scenario's text is parsed only after the coordinator awaited loadConsole().

import { consoleLoaded, consoleModules } from '../lazy-console';

type ScenarioFiles = typeof import('../../cluster/scenario');

export const parseScenario: ScenarioFiles['parseScenario'] = (...args) => consoleModules().scenario.parseScenario(...args);
export const validateScenario: ScenarioFiles['validateScenario'] = (...args) => consoleModules().scenario.validateScenario(...args);
export const simulationInit: ScenarioFiles['simulationInit'] = (...args) => consoleModules().scenario.simulationInit(...args);
export const untilError: ScenarioFiles['untilError'] = (...args) => consoleModules().scenario.untilError(...args);

/** `e instanceof ScenarioError` is true for the real class's errors. */
export class ScenarioError extends Error {
  static [Symbol.hasInstance](x: unknown): boolean {
    const real = consoleLoaded()?.scenario.ScenarioError;
    return real !== undefined && x instanceof real;
  }
}
