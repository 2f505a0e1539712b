// The console's shell: which process on the client machine runs a typed text. A text
// of several lines is a command and the manifest it reads (a heredoc, or the lines
// below the command: console-input.ts). kubectl lines go to the kubectl process
// (through the load balancer); etcdctl and etcdutl to the etcd console client; any
// other program gets bash's "command not found" here, from no process at all.

import type { ConsoleRoute } from '../protocol/commands';
import { commandNotFound, parseCommandLine } from './command-line';
import { parseConsoleInput } from './console-input';

export type ConsoleProcess = 'kubectl' | 'console';

/** The line goes to `process` as typed (the program reads its argv with
 * parseCommandLine), or the shell answers itself. */
export type Dispatch = ConsoleRoute;

/** `stdin`, when given, is the manifest already split off (a scenario's step, a test). */
export function dispatchConsole(text: string, stdin?: string): Dispatch {
  const input = stdin !== undefined ? { line: text, stdin } : parseConsoleInput(text);
  if ('hint' in input) return { answer: { ok: false, error: input.hint } };
  const { program, argv, error } = parseCommandLine(input.line);
  if (error !== undefined) return { answer: { ok: false, error } };
  // An empty line: bash prints nothing.
  if (program === undefined) return { answer: { ok: true, output: '' } };
  const withStdin = input.stdin !== undefined ? { stdin: input.stdin } : {};
  if (program === 'kubectl') return { process: 'kubectl', line: input.line, ...withStdin };
  if (program === 'etcdctl' || program === 'etcdutl') return { process: 'console', line: input.line };
  return { answer: { ok: false, error: commandNotFound(argv[0]!) } };
}
