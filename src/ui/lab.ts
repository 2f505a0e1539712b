// Wires a SimConnection to the store: reads the URL (src/ui/url-setup.ts), reports bad
// parameters, starts the cluster, feeds frames into the store, and offers the panels
// `send` and `request`. Also what `window.__lab` exposes to tests.

import { createContext, useContext } from 'react';
import { Requests, type RequestCommand, type SimConnection } from '../client';
import { setsPlayState, type CommandResult, type UiCommand } from '../protocol/commands';
import { startCommand, type StartInfo } from './start-from-url';
import type { LabStore } from './store/store';

// What the URL asks for lives in start-from-url.ts (no React: src/boot.ts reads it too).
export { startFromUrl, type StartInfo } from './start-from-url';

export interface Lab {
  readonly started: StartInfo;
  send(cmd: UiCommand): void;
  request(cmd: RequestCommand): Promise<CommandResult>;
  /** The whole trace so far as JSON Lines. */
  trace(): Promise<string>;
  dispose(): void;
}

export function connectLab(conn: SimConnection, store: LabStore, start: StartInfo): Lab {
  const requests = new Requests(conn);
  const unsubscribe = conn.subscribe(
    (frame) => store.getState().applyFrame(frame),
    (message) => store.getState().notify(message, 'error'),
  );
  const send = (cmd: UiCommand) => {
    if (setsPlayState(cmd)) store.getState().notePlayCommand();
    conn.send(cmd);
  };
  send(startCommand(start));
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
