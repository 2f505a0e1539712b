// What the URL asks for, as the cluster's start (StartInfo) and the worker's `start`
// command. No React here: the page's entry (src/boot.ts) reads it too, to start the
// cluster before the page's own chunk has loaded (issue 14); src/ui/lab.ts re-exports it.

import { DEFAULT_DEPLOYMENT, DEFAULT_WORKER_LABELS } from '../protocol/cluster-setup';
import { parseSetupQuery } from './url-setup';
import type { ClusterSetup, Isolation, UiCommand } from '../protocol/commands';

export interface StartInfo {
  readonly setup: ClusterSetup;
  readonly scenario?: string;
  /** For a scenario: the seed given in the URL, overriding the scenario's own. */
  readonly seed?: number;
  readonly speed: number;
  /** `?isolation=worker`: one Web Worker per machine. */
  readonly isolation?: Isolation;
  /** `?present=1`: presenter mode from the first render. */
  readonly present: boolean;
  /** `?lesson=<id>`, when given. */
  readonly lesson?: string;
  /** A recording brought by the user (a share link, an imported file): the scenario
   * text, and how to name it in a banner when it is bad (the default cluster runs then). */
  readonly recording?: { readonly text: string; readonly from: string };
}

/** What the URL asks for, with every bad parameter reported and replaced by its default. */
export function startFromUrl(query: string, scenarios: Readonly<Record<string, unknown>>): { start: StartInfo; errors: string[] } {
  const parsed = parseSetupQuery(query);
  const errors = [...parsed.errors];
  let scenario = parsed.scenario;
  // Own names only: `toString` or `__proto__` are not scenarios.
  if (scenario !== undefined && !Object.hasOwn(scenarios, scenario)) {
    const names = Object.keys(scenarios).sort();
    const shown = scenario.length > 40 ? `${scenario.slice(0, 40)}…` : scenario;
    errors.push(`scenario: expected one of ${names.join(', ')}, got "${shown}"; running the default cluster instead`);
    scenario = undefined;
  }
  const seedGiven = new URLSearchParams(query).has('seed') && !errors.some((e) => e.startsWith('seed:'));
  const start: StartInfo = {
    // The page labels worker-1 disk=ssd, so a nodeSelector demo works out of the box,
    // and starts a small Deployment, so killing a worker has something to lose.
    setup: parsed.setup.workers > 0 ? { ...parsed.setup, workerLabels: DEFAULT_WORKER_LABELS, manifests: [DEFAULT_DEPLOYMENT] } : parsed.setup,
    speed: parsed.speed ?? 1,
    ...(parsed.isolation !== undefined ? { isolation: parsed.isolation } : {}),
    present: parsed.present ?? false,
    ...(parsed.lesson !== undefined ? { lesson: parsed.lesson } : {}),
    ...(scenario !== undefined ? { scenario, ...(seedGiven ? { seed: parsed.setup.seed } : {}) } : {}),
  };
  return { start, errors: atMostBanners(errors) };
}

/** A URL with many bad parameters gets a few banners, not a wall of them. */
const MAX_PARAM_BANNERS = 3;

function atMostBanners(errors: readonly string[]): string[] {
  if (errors.length <= MAX_PARAM_BANNERS) return [...errors];
  const more = errors.length - (MAX_PARAM_BANNERS - 1);
  // The banner reads "URL parameter …and 3 more (c, d, e) — using the default."
  const names = errors.slice(MAX_PARAM_BANNERS - 1).map((e) => e.slice(0, e.indexOf(':'))).slice(0, 5).join(', ');
  return [...errors.slice(0, MAX_PARAM_BANNERS - 1), `…and ${more} more (${names}${more > 5 ? ', …' : ''}), not understood either`];
}

/** The worker's `start` command for a StartInfo. */
export function startCommand(start: StartInfo): Extract<UiCommand, { type: 'start' }> {
  return {
    type: 'start',
    setup: start.setup,
    ...(start.scenario !== undefined ? { scenario: start.scenario } : {}),
    ...(start.seed !== undefined ? { seed: start.seed } : {}),
    // A recording wins over the URL's scenario and seed: it says its own.
    ...(start.recording ? { scenario: start.recording.text, seed: undefined, fallbackToSetup: start.recording.from } : {}),
    speed: start.speed,
    playing: true,
    ...(start.isolation !== undefined ? { isolation: start.isolation } : {}),
  };
}
