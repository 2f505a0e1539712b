// The UI commands that act on the cluster, as the run log records them (run-log.ts):
// faults from the machine cards, the KV form, console lines. Everything a user does to
// the cluster goes through here, so a recording and a seek can repeat it.

import { CLIENT_MACHINE } from '../cluster/setup';
import type { UiCommand } from '../protocol/commands';
import { dispatchConsole } from '../shell/dispatch';
import type { LoggedAction } from './run-log';

/** The logged action a command stands for, or undefined for the others (play, seek…;
 * chaos has its own path: recording.ts switchChaos). */
export function loggedActionOf(cmd: UiCommand): LoggedAction | undefined {
  switch (cmd.type) {
    case 'kill':
    case 'restart':
    case 'isolate':
    case 'terminate':
      return { kind: 'apply', fault: { kind: cmd.type, target: cmd.machine }, via: 'ui' };
    case 'heal':
      return { kind: 'apply', fault: cmd.machine ? { kind: 'heal', target: cmd.machine } : { kind: 'heal' }, via: 'ui' };
    case 'kv':
      return { kind: 'command', machine: CLIENT_MACHINE, process: 'console', id: cmd.id, command: { f: cmd.f, key: cmd.key, ...(cmd.value !== undefined ? { value: cmd.value } : {}), ...(cmd.endpoint ? { endpoint: cmd.endpoint } : {}) } };
    case 'console':
      // The shell (src/shell) picks the program, or answers itself ("command not
      // found"); the simulation runs it as a scenario's step and traces it.
      return { kind: 'console', line: cmd.stdin !== undefined ? `${cmd.line}\n${cmd.stdin}` : cmd.line, ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}), id: cmd.id, route: dispatchConsole(cmd.line, cmd.stdin) };
    default:
      return undefined;
  }
}
