// What the coordinator (coordinator.ts) gets from where it runs: the page's worker
// wires these to postMessage, performance.now() and setTimeout; Node tests to fakes.

import type { AsyncMachineDriver } from '../coordinator/window';
import type { Isolation } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import type { LiveChecker } from '../check/live-verdict';

export interface CoordinatorEnv {
  post(frame: Frame): void;
  /** Wall-clock milliseconds (performance.now()). */
  wallNow(): number;
  setTimer(fn: () => void, ms: number): void;
  /** The machines' driver: all in this worker (`shared`) or one worker each; `stalled`
   * is called when machine workers have not answered a window for a while. */
  createDriver(isolation: Isolation, stalled?: (machines: readonly string[], n: number) => void): AsyncMachineDriver;
  /** The live verdict's checker (a worker of its own in the browser); in this thread
   * when not given. */
  createChecker?(opts: { topology: 'stacked' | 'external' }): LiveChecker;
  /** Trace events kept in memory (TRACE_KEEP by default; tests use fewer). */
  readonly traceKeep?: number;
  /** Built-in scenarios by name (file text). */
  readonly scenarios: Readonly<Record<string, string>>;
  /** Resolves once the YAML parser can be called (the page's workers load it lazily,
   * src/host/lazy-yaml.ts); awaited before a console line or a scenario's text reaches
   * the simulation. Absent: it always can. */
  loadYaml?(): Promise<void>;
}

/** Trace events the page keeps in memory (between this and twice this). */
export const TRACE_KEEP = 20_000;
