// The lockstep window: what the coordinator asks of the machines, and the drivers that
// run them. One interface for both hosts: the in-process driver answers synchronously
// (Node: tests, `npm run sim`, the benchmark), the worker driver with a Promise (the
// browser's coordinator worker awaits its machine workers).

import type { Disk } from '../sim/disk';
import type { BootOptions, MachineInput, MachineOutput, MachineView } from '../sim/machine';
import type { MachineSpec } from '../sim/process';

/** Boot a fresh machine (first start or restart) from the authoritative disk before
 * running the window's inputs. */
export interface BootRequest {
  readonly spec: MachineSpec;
  /** The coordinator's copy. The in-process driver boots on it directly (the disk
   * survives crashes, so sharing it is the point); a worker driver sends its entries. */
  readonly disk: Disk;
  readonly options: BootOptions;
}

/** One machine's share of a window: an optional boot, then its inputs in (t, seq) order. */
export interface WindowBatch {
  readonly machine: string;
  readonly boot?: BootRequest;
  readonly inputs: readonly MachineInput[];
}

/** One lockstep window [t0, end): every input in it, grouped by machine. Nothing sent
 * inside the window can arrive inside it (end - t0 <= the minimum network latency). */
export interface WindowPlan {
  /** A counter, for sanity checks across the async boundary. */
  readonly n: number;
  readonly t0: number;
  readonly end: number;
  /** Machines killed at t0 (crash: their memory is gone). Run these first. */
  readonly kills: readonly string[];
  /** In machine-name order. */
  readonly batches: readonly WindowBatch[];
}

/** Outputs keyed by machine name; the arrival order does not matter (commit sorts). */
export type WindowOutputs = ReadonlyMap<string, MachineOutput>;

export interface SyncMachineDriver {
  runWindow(plan: WindowPlan): WindowOutputs;
  views(machines: readonly string[]): Map<string, MachineView>;
}

export interface AsyncMachineDriver {
  runWindow(plan: WindowPlan): Promise<WindowOutputs>;
  views(machines: readonly string[]): Promise<Map<string, MachineView>>;
  dispose(): void;
  /** Kills a machine that has not answered the window in flight, which then completes
   * without its output; false when it is not being waited for. */
  abandon?(machine: string): boolean;
}
