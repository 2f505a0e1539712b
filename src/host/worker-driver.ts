// The browser's machine driver: one Web Worker per machine. A window posts each
// machine its inputs and awaits every answer; the coordinator then commits them in
// machine-name order, so the order in which workers answer never matters. Kill =
// worker.terminate(); a restart boots a fresh worker from the coordinator's disk copy.

import { plainInputs } from '../coordinator/machine-inbox';
import type { AsyncMachineDriver, WindowOutputs, WindowPlan } from '../coordinator/window';
import type { MachineOutput, MachineView } from '../sim/machine';
import type { FromMachine, ToMachine } from './worker-protocol';
import { STALL_MS } from './stall-ms';

export { STALL_MS };

/** The part of a Worker this driver uses (a fake one runs in Node tests). */
export interface WorkerLike {
  postMessage(msg: ToMachine): void;
  onmessage: ((e: { data: FromMachine }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

interface Pending {
  resolve(m: FromMachine): void;
  reject(e: Error): void;
}

class MachineWorker {
  private readonly pending = new Map<string, Pending>();
  private nextView = 1;

  constructor(
    readonly name: string,
    private readonly worker: WorkerLike,
  ) {
    worker.onmessage = (e) => {
      const m = e.data;
      const key = `${m.type === 'view' ? 'view' : 'output'}:${m.n}`;
      if (m.type === 'error') {
        // An error answers whichever request has that number.
        for (const k of [`output:${m.n}`, `view:${m.n}`]) {
          const p = this.pending.get(k);
          if (p) {
            this.pending.delete(k);
            p.reject(new Error(m.message));
          }
        }
        return;
      }
      const p = this.pending.get(key);
      if (!p) return;
      this.pending.delete(key);
      p.resolve(m);
    };
    worker.onerror = (e) => {
      const err = new Error(`machine worker ${name} failed: ${e.message ?? 'unknown error'}`);
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
  }

  send(msg: ToMachine): void {
    this.worker.postMessage(msg);
  }

  run(n: number, msg: ToMachine): Promise<MachineOutput> {
    return new Promise<FromMachine>((resolve, reject) => {
      this.pending.set(`output:${n}`, { resolve, reject });
      this.worker.postMessage(msg);
    }).then((m) => (m as Extract<FromMachine, { type: 'output' }>).output);
  }

  view(): Promise<MachineView> {
    const n = this.nextView++;
    return new Promise<FromMachine>((resolve, reject) => {
      this.pending.set(`view:${n}`, { resolve, reject });
      this.worker.postMessage({ type: 'view', n });
    }).then((m) => (m as Extract<FromMachine, { type: 'view' }>).view);
  }

  terminate(): void {
    this.worker.terminate();
    const err = new Error(`machine ${this.name} was killed`);
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }
}


export interface StallHooks {
  /** Wall-clock timer (setTimeout in the worker; fakes in tests). */
  setTimer(fn: () => void, ms: number): { cancel(): void };
  /** The machines that have not answered window `n` after STALL_MS. */
  stalled(machines: readonly string[], n: number): void;
}

/** What a machine that died before answering produced in the window: nothing. */
function emptyOutput(): MachineOutput {
  return { packets: [], events: [], replies: [], diskOps: [] };
}

export class WorkerDriver implements AsyncMachineDriver {
  private readonly workers = new Map<string, MachineWorker>();
  /** Machines of the window in flight that have not answered yet. */
  private readonly waitingFor = new Set<string>();
  /** Set by abandon(): answers the window in flight for a killed machine. */
  private readonly abandoned = new Map<string, () => void>();

  constructor(
    private readonly createWorker: (machine: string) => WorkerLike,
    private readonly hooks?: StallHooks,
  ) {}

  /** Machines the window in flight still waits for. */
  pendingMachines(): string[] {
    return [...this.waitingFor].sort();
  }

  /** Kills a machine whose window is still in flight (the learner clicked kill on a
   * stalled machine): its worker is terminated and its part of the window counts as
   * empty (it died before answering), so the window completes and the kill applies. */
  abandon(machine: string): boolean {
    const finish = this.abandoned.get(machine);
    if (!finish) return false;
    this.workers.get(machine)?.terminate();
    this.workers.delete(machine);
    finish();
    return true;
  }

  async runWindow(plan: WindowPlan): Promise<WindowOutputs> {
    for (const name of plan.kills) {
      this.workers.get(name)?.terminate();
      this.workers.delete(name);
    }
    const names: string[] = [];
    const runs: Promise<MachineOutput>[] = [];
    for (const b of plan.batches) {
      let w = this.workers.get(b.machine);
      if (b.boot) {
        w?.terminate();
        w = new MachineWorker(b.machine, this.createWorker(b.machine));
        this.workers.set(b.machine, w);
        // The disk as of this window's start: every earlier window is committed.
        w.send({ type: 'boot', spec: b.boot.spec, disk: b.boot.disk.entries(), options: { ...b.boot.options, recordDiskOps: true } });
      }
      if (!w) throw new Error(`window ${plan.n}: ${b.machine} has no worker`);
      names.push(b.machine);
      runs.push(this.watch(b.machine, w.run(plan.n, { type: 'run', n: plan.n, inputs: plainInputs(b.inputs) })));
    }
    // Reported every STALL_MS for as long as someone is late.
    let timer: { cancel(): void } | undefined;
    const arm = (): void => {
      timer = this.hooks?.setTimer(() => {
        if (this.waitingFor.size === 0) return;
        this.hooks!.stalled(this.pendingMachines(), plan.n);
        arm();
      }, STALL_MS);
    };
    arm();
    try {
      const outputs = await Promise.all(runs);
      const out = new Map<string, MachineOutput>();
      names.forEach((name, i) => out.set(name, outputs[i]!));
      return out;
    } finally {
      timer?.cancel();
      this.waitingFor.clear();
      this.abandoned.clear();
    }
  }

  /** One machine's answer to the window in flight, or an empty one if it is abandoned. */
  private watch(machine: string, run: Promise<MachineOutput>): Promise<MachineOutput> {
    this.waitingFor.add(machine);
    return new Promise<MachineOutput>((resolve, reject) => {
      // abandon() resolves first; the terminated worker's rejection then changes nothing.
      this.abandoned.set(machine, () => resolve(emptyOutput()));
      run.then(resolve, reject);
    }).finally(() => {
      this.waitingFor.delete(machine);
      this.abandoned.delete(machine);
    });
  }

  async views(machines: readonly string[]): Promise<Map<string, MachineView>> {
    const names = machines.filter((m) => this.workers.has(m));
    const views = await Promise.all(names.map((m) => this.workers.get(m)!.view()));
    const out = new Map<string, MachineView>();
    names.forEach((name, i) => out.set(name, views[i]!));
    return out;
  }

  dispose(): void {
    for (const w of this.workers.values()) w.terminate();
    this.workers.clear();
  }
}
