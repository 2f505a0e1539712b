// One command line as the shell reads it: leading `sudo` and `NAME=value` assignments
// (lines copied from the docs start with them: `sudo ETCDCTL_API=3 etcdctl …`,
// `KUBECONFIG=/etc/kubernetes/admin.conf kubectl …`), then the program and its
// arguments. The console is root with the admin's kubeconfig already, so `sudo` changes
// nothing; the assignments are the program's environment.

import { splitWords } from './words';

export interface CommandLine {
  /** `NAME=value` words before the program, in order. */
  readonly env: ReadonlyMap<string, string>;
  /** The program as typed (argv[0]) and its arguments. */
  readonly argv: readonly string[];
  /** argv[0]'s base name (/usr/local/bin/etcdctl is etcdctl); undefined for an empty line. */
  readonly program: string | undefined;
  /** The shell refused the line (an unclosed quote, a line too long): its message. */
  readonly error?: string;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export function parseCommandLine(line: string): CommandLine {
  const split = splitWords(line);
  if ('error' in split) return { env: new Map(), argv: [], program: undefined, error: split.error };
  const words = split.words;
  const env = new Map<string, string>();
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === 'sudo') continue;
    if (!ASSIGNMENT.test(w)) break;
    const eq = w.indexOf('=');
    env.set(w.slice(0, eq), w.slice(eq + 1));
  }
  const argv = words.slice(i);
  return { env, argv, program: argv[0]?.replace(/^.*\//, '') };
}

/** bash's answer for a program it cannot run. */
export function commandNotFound(argv0: string): string {
  return `bash: ${argv0}: ${argv0.includes('/') ? 'No such file or directory' : 'command not found'}`;
}
