// Wires a SimConnection to the store: reads the URL (src/cluster/setup.ts), reports bad
// parameters, starts the cluster, feeds frames into the store, and offers the panels
// `send` and `request`. Also what `window.__lab` exposes to tests.

import { createContext, useContext } from 'react';
import { Requests, type RequestCommand, type SimConnection } from '../client';
import { DEFAULT_WORKER_LABELS, parseSetupQuery } from '../cluster/setup';
import type { ClusterSetup, UiCommand } from '../protocol/commands';
import type { CommandResult } from '../sim/process';
import type { LabStore } from './store/store';
import { DEFAULT_DEPLOYMENT } from './teach/first-minute';

export interface StartInfo {
  readonly setup: ClusterSetup;
  readonly scenario?: string;
  /** For a scenario: the seed given in the URL, overriding the scenario's own. */
  readonly seed?: number;
  readonly speed: number;
  /** `?present=1`: presenter mode from the first render. */
  readonly present: boolean;
  /** `?lesson=<id>`, when given. */
  readonly lesson?: string;
}

export interface Lab {
  readonly started: StartInfo;
  send(cmd: UiCommand): void;
  request(cmd: RequestCommand): Promise<CommandResult>;
  /** The whole trace so far as JSON Lines. */
  trace(): Promise<string>;
  dispose(): void;
}

/** What the URL asks for, with every bad parameter reported and replaced by its default. */
export function startFromUrl(query: string, scenarios: Readonly<Record<string, string>>): { start: StartInfo; errors: string[] } {
  const parsed = parseSetupQuery(query);
  const errors = [...parsed.errors];
  let scenario = parsed.scenario;
  if (scenario !== undefined && scenarios[scenario] === undefined) {
    const names = Object.keys(scenarios).sort();
    errors.push(`scenario: expected one of ${names.join(', ')}, got "${scenario}"; running the default cluster instead`);
    scenario = undefined;
  }
  const params = new URLSearchParams(query);
  const seedGiven = params.has('seed') && !errors.some((e) => e.startsWith('seed:'));
  const present = params.get('present');
  if (present !== null && present !== '1' && present !== '0') errors.push(`present: expected 1 or 0, got "${present}"`);
  const lesson = params.get('lesson');
  const start: StartInfo = {
    // The page labels worker-1 disk=ssd, so a nodeSelector demo works out of the box,
    // and starts a small Deployment, so killing a worker has something to lose.
    setup: parsed.setup.workers > 0 ? { ...parsed.setup, workerLabels: DEFAULT_WORKER_LABELS, manifests: [DEFAULT_DEPLOYMENT] } : parsed.setup,
    speed: parsed.speed ?? 1,
    present: present === '1',
    ...(lesson !== null && lesson !== '' ? { lesson } : {}),
    ...(scenario !== undefined ? { scenario, ...(seedGiven ? { seed: parsed.setup.seed } : {}) } : {}),
  };
  return { start, errors };
}

export function connectLab(conn: SimConnection, store: LabStore, start: StartInfo): Lab {
  const requests = new Requests(conn);
  const unsubscribe = conn.subscribe(
    (frame) => store.getState().applyFrame(frame),
    (message) => store.getState().notify(message, 'error'),
  );
  const send = (cmd: UiCommand) => conn.send(cmd);
  send({
    type: 'start',
    setup: start.setup,
    ...(start.scenario !== undefined ? { scenario: start.scenario } : {}),
    ...(start.seed !== undefined ? { seed: start.seed } : {}),
    speed: start.speed,
    playing: true,
  });
  return {
    started: start,
    send,
    request: (cmd) => requests.request(cmd),
    trace: async () => {
      const r = await requests.request({ type: 'trace' });
      if (!r.ok) throw new Error(r.error);
      return r.output;
    },
    dispose: () => {
      unsubscribe();
      requests.dispose();
      conn.dispose();
    },
  };
}

export const LabContext = createContext<Lab | null>(null);

export function useLabApi(): Lab {
  const lab = useContext(LabContext);
  if (!lab) throw new Error('LabContext is missing');
  return lab;
}
