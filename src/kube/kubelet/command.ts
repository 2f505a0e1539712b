// What a container's command does, as far as the simulation needs: how long it runs
// and with which exit code. A small interpreter of the shell lines people put in Job
// manifests and tutorials: statements separated by `;`, newlines, `&&` and `||`, made
// of `sleep N`, `exit N`, `true`, `false`, `echo …` and a few other quick tools.
// `sh -c "sleep 5; exit 3"` runs 5 s and exits 3; `["sleep", "30"]` runs 30 s and
// exits 0. Anything else (a server, a `while` loop, no command at all: the image's
// own entrypoint, nginx and friends) runs until it is stopped.

import type { Container } from '../api/types';

export interface Script {
  /** How long the container runs before it exits (sim ms). */
  readonly runMs: number;
  readonly exitCode: number;
  /** What it wrote to stdout (echo), for its logs. */
  readonly output: readonly string[];
}

/** A container that exits at once would flash by on the graph: a short script runs at
 * least this long (the lessons' CrashLoopBackOff and Completed pods rely on it). */
export const MIN_RUN_MS = 1500;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', '/bin/sh', '/bin/bash', '/bin/ash', '/usr/bin/sh', '/usr/bin/bash']);
/** Programs that print something and end at once with status 0. */
const QUICK = new Set(['echo', 'printf', 'date', 'hostname', 'env', 'printenv', 'uname', 'pwd', 'whoami', 'id', 'ls', 'nproc', 'df', 'free', ':']);

/** `sleep` durations: seconds, or coreutils' suffixes s/m/h/d. */
function sleepMs(arg: string | undefined): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg ?? '');
  if (!m) return undefined;
  return Math.round(Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd']);
}

/** Splits a shell line into statements with the operator before each. Quotes are
 * honoured only so that `echo "a; b"` stays one statement. */
function statements(text: string): { op: ';' | '&&' | '||'; words: string[] }[] {
  const out: { op: ';' | '&&' | '||'; words: string[] }[] = [];
  let op: ';' | '&&' | '||' = ';';
  let words: string[] = [];
  let word = '';
  let quote = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endStatement = (next: ';' | '&&' | '||') => {
    endWord();
    if (words.length > 0) out.push({ op, words });
    words = [];
    op = next;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else word += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === ';' || ch === '\n') endStatement(';');
    else if ((ch === '&' || ch === '|') && text[i + 1] === ch) {
      endStatement(ch === '&' ? '&&' : '||');
      i++;
    } else if (ch === ' ' || ch === '\t') endWord();
    else {
      word += ch;
      inWord = true;
    }
  }
  endStatement(';');
  return out;
}

/** Runs the statements; undefined when one of them is not understood (it may run forever). */
function interpret(list: { op: ';' | '&&' | '||'; words: string[] }[]): Script | undefined {
  let runMs = 0;
  let status = 0;
  const output: string[] = [];
  for (const { op, words } of list) {
    if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
    const [cmd, ...args] = words as [string, ...string[]];
    const prog = cmd.slice(cmd.lastIndexOf('/') + 1);
    if (prog === 'exit') {
      const code = args[0] === undefined ? status : Number(args[0]);
      if (!Number.isInteger(code)) return { runMs: Math.max(runMs, MIN_RUN_MS), exitCode: 2, output };
      return { runMs: Math.max(runMs, MIN_RUN_MS), exitCode: ((code % 256) + 256) % 256, output };
    }
    if (prog === 'sleep') {
      const ms = sleepMs(args[0]);
      if (ms === undefined) return undefined;
      runMs += ms;
      status = 0;
    } else if (prog === 'true') status = 0;
    else if (prog === 'false') status = 1;
    else if (prog === 'echo') {
      output.push(args.join(' '));
      status = 0;
    } else if (QUICK.has(prog)) status = 0;
    else return undefined;
  }
  return { runMs: Math.max(runMs, MIN_RUN_MS), exitCode: status, output };
}

/** What the container's command and args do; undefined when it runs until stopped. */
export function scriptOf(c: Pick<Container, 'command' | 'args'>): Script | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (argv.length === 0) return undefined;
  const prog = argv[0]!;
  if (SHELLS.has(prog)) {
    const dashC = argv.indexOf('-c');
    if (dashC < 0 || argv[dashC + 1] === undefined) return undefined;
    return interpret(statements(argv[dashC + 1]!));
  }
  // Exec form: one program with its arguments (no shell parses them).
  return interpret([{ op: ';', words: argv }]);
}
