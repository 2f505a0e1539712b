// `npm run sim -- <scenario.yaml|json> [--seed N] [--trace out.jsonl] [--until 120s]`
// (contracts.md §1). Runs the scenario headless on the virtual clock, prints a short
// summary, writes the trace if asked. Exit 0: every check held; 1: a check failed (the
// message names it and how to reproduce); 2: bad scenario file or flags.

import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { formatReport } from '../check';
import { parseScenario, ScenarioError, untilError, type Scenario } from '../cluster/scenario';
import { formatSummary } from '../coordinator/trace-summary';
import { runScenario } from '../host/in-process';
import { formatSimTime, parseDuration } from '../sim/duration';
import type { ProcessFactory } from '../sim/process';

const USAGE = 'usage: npm run sim -- <scenario.yaml|json> [--seed N] [--trace out.jsonl] [--until 120s]';

interface Flags {
  file: string;
  seed?: number;
  trace?: string;
  until?: number;
}

class UsageError extends Error {}

function parseFlags(argv: readonly string[]): Flags {
  let file: string | undefined;
  const flags: Partial<Flags> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? (eq > 0 ? arg.slice(0, eq) : arg) : undefined;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${name}: expected a value`);
      return v;
    };
    switch (name) {
      case undefined:
        if (file !== undefined) throw new UsageError(`unexpected argument "${arg}": only one scenario file`);
        file = arg;
        break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 0xffffffff) throw new UsageError(`--seed: expected a non-negative integer below 2^32, got "${v}"`);
        flags.seed = Number(v);
        break;
      }
      case '--trace':
        flags.trace = value();
        break;
      case '--until': {
        const v = value();
        const d = parseDuration(v);
        if ('error' in d) throw new UsageError(`--until: ${d.error}`);
        const problem = untilError(d.ms);
        if (problem) throw new UsageError(`--until: ${problem}`);
        flags.until = d.ms;
        break;
      }
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new UsageError(`${name}: unknown flag; expected --seed, --trace or --until`);
    }
  }
  if (file === undefined) throw new UsageError('expected a scenario file');
  return { ...flags, file };
}

function openTrace(path: string): number {
  try {
    return openSync(path, 'w');
  } catch (e) {
    throw new UsageError(`--trace: cannot write "${path}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export interface MainOptions {
  /** Tests swap the process factory (e.g. a deliberately broken one to see exit 1). */
  readonly factory?: ProcessFactory;
}

export function main(argv: readonly string[], opts: MainOptions = {}): number {
  let flags: Flags;
  let scenario: Scenario;
  let traceFd: number | undefined;
  try {
    flags = parseFlags(argv);
    let text: string;
    try {
      text = readFileSync(flags.file, 'utf8');
    } catch (e) {
      throw new UsageError(`${flags.file}: cannot read the scenario file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    scenario = parseScenario(text);
    // Opened (and truncated) now: a path that cannot be written is refused before a
    // long run, not after it.
    if (flags.trace !== undefined) traceFd = openTrace(flags.trace);
  } catch (e) {
    if (e instanceof UsageError) console.error(`error: ${e.message}\n${USAGE}`);
    else if (e instanceof ScenarioError) console.error(`error: bad scenario file: ${e.message}${e.line !== undefined ? ` (line ${e.line})` : ''}`);
    else throw e;
    return 2;
  }

  const run = runScenario(scenario, { seed: flags.seed, until: flags.until, ...(opts.factory ? { factory: opts.factory } : {}) });
  if (traceFd !== undefined) {
    try {
      writeSync(traceFd, run.traceText);
      closeSync(traceFd);
    } catch (e) {
      console.error(`error: --trace: cannot write "${flags.trace}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      return 2;
    }
  }

  const topo = scenario.setup;
  console.log(`${scenario.name}: seed ${run.seed}, ${formatSimTime(run.until)} of sim time, ${topo.topology} etcd (${topo.etcdMembers} members), ${topo.masters} masters, ${topo.workers} workers, ${topo.profile} profile`);
  console.log(formatSummary(run.summary));
  console.log('checks:');
  console.log(formatReport(run.checks).replace(/^/gm, '  '));
  if (flags.trace) console.log(`trace: ${run.events.length} events written to ${flags.trace}`);
  if (!run.checks.ok) {
    const failed = run.checks.checks.filter((c) => c.ok === false).map((c) => c.name);
    const extra = flags.until !== undefined ? ` --until ${formatSimTime(flags.until)}` : '';
    console.error(`FAILED: ${failed.join(', ')}`);
    console.error(`reproduce with: npm run sim -- ${flags.file} --seed ${run.seed}${extra}`);
    return 1;
  }
  return 0;
}

// Run when executed (tsx src/cli/sim.ts), not when imported by a test fixture.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.exitCode = main(process.argv.slice(2));
