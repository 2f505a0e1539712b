// What every kubectl command gets: the API (through the load balancer), the sim clock,
// and its flags, parsed by the shell's one flag parser (src/shell/flags.ts).

import { parseFlags as parseShellFlags, type FlagSpec } from '../../shell/flags';
import type { CommandResult } from '../../sim/process';
import type { KubeResult } from '../api/wire';
import type { KubeCall } from '../clientset/kube-client';

export interface KubectlEnv {
  request(call: KubeCall, cb: (r: KubeResult) => void): void;
  now(): number;
  /** Calls fn after ms of sim time (drain waits for pods to go). */
  after(ms: number, fn: () => void): void;
}

export type Reply = (r: CommandResult) => void;

export interface Flags {
  readonly args: string[];
  readonly values: Map<string, string>;
  /** Every --from-literal, in order (the flag may repeat). */
  readonly literals: string[];
  /** The words after `--` (a container's command), if any. */
  readonly afterDash?: string[];
}

const VALUE_FLAGS: Record<string, string> = { n: 'namespace', namespace: 'namespace', o: 'output', output: 'output', l: 'selector', selector: 'selector', f: 'filename', filename: 'filename', replicas: 'replicas', image: 'image', 'grace-period': 'grace-period', port: 'port', timeout: 'timeout', duration: 'duration', 'from-literal': 'from-literal', schedule: 'schedule', from: 'from', restart: 'restart', 'target-port': 'target-port', type: 'type', name: 'name', protocol: 'protocol', 'sort-by': 'sort-by', 'to-revision': 'to-revision', 'field-selector': 'field-selector' };
const BOOL_FLAGS: Record<string, string> = { A: 'all-namespaces', 'all-namespaces': 'all-namespaces', force: 'force', 'ignore-daemonsets': 'ignore-daemonsets', 'delete-emptydir-data': 'delete-emptydir-data', 'show-labels': 'show-labels', w: 'watch', watch: 'watch', now: 'now', all: 'all', command: 'command', overwrite: 'overwrite' };

const FLAGS: FlagSpec = {
  values: VALUE_FLAGS,
  bools: BOOL_FLAGS,
  unknown: (word) => `error: unknown flag: ${word}\nSee 'kubectl --help' for usage.`,
  needsValue: (flag, word) => `error: flag needs an argument: '${flag}' in ${word}`,
};

/** The name a flag word (without dashes) is stored under; undefined for no flag. */
export function storedFlagName(raw: string): string | undefined {
  return Object.hasOwn(VALUE_FLAGS, raw) ? VALUE_FLAGS[raw] : Object.hasOwn(BOOL_FLAGS, raw) ? BOOL_FLAGS[raw] : undefined;
}

export function parseFlags(words: readonly string[]): Flags | { error: string } {
  const p = parseShellFlags(words, FLAGS);
  return 'error' in p ? p : { args: p.args, values: p.values, literals: p.all.get('from-literal') ?? [], ...(p.afterDash ? { afterDash: p.afterDash } : {}) };
}

/** A boolean flag given and not `=false` (pflag reads `--force=false` as false). */
export function flagOn(f: Flags, name: string): boolean {
  const v = f.values.get(name);
  return v !== undefined && v !== 'false' && v !== '0' && v !== 'f' && v !== 'F' && v !== 'FALSE' && v !== 'False';
}
