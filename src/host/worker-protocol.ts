// Messages between the coordinator worker and a machine worker (structured clone).

import type { DiskOp } from '../sim/disk';
import type { BootOptions, MachineInput, MachineOutput, MachineView } from '../sim/machine';
import type { MachineSpec } from '../sim/process';

export type ToMachine =
  /** Build the machine from its spec and the coordinator's copy of its disk. */
  | { readonly type: 'boot'; readonly spec: MachineSpec; readonly disk: readonly [string, unknown][]; readonly options: BootOptions }
  /** Run one window's inputs; answer with an 'output' carrying the same n. */
  | { readonly type: 'run'; readonly n: number; readonly inputs: readonly MachineInput[] }
  | { readonly type: 'view'; readonly n: number };

export type FromMachine =
  | { readonly type: 'output'; readonly n: number; readonly output: MachineOutput }
  | { readonly type: 'view'; readonly n: number; readonly view: MachineView }
  | { readonly type: 'error'; readonly n: number; readonly message: string };

export type { DiskOp };
