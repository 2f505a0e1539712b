// Until the first etcd leader and every node Ready, the page's run goes as fast as it
// can (nobody should wait through a boot at 1×); then at the chosen speed. This watches
// the trace for that moment.

import type { Simulation } from '../coordinator/simulation';

export class BootWatch {
  booting = false;
  private cursor = 0;
  private readonly nodesReady = new Set<string>();

  /** A run starts booting (`on`), or starts past its boot (a rebuilt one). */
  restart(on: boolean): void {
    this.booting = on;
    this.cursor = 0;
    this.nodesReady.clear();
  }

  /** The host dropped `n` events from the front of sim.trace. */
  trimmed(n: number): void {
    this.cursor = Math.max(0, this.cursor - n);
  }

  /** Whether the boot just ended: an etcd leader, and every machine with a kubelet Ready. */
  done(sim: Simulation): boolean {
    const trace = sim.trace;
    for (; this.cursor < trace.length; this.cursor++) {
      const ev = trace[this.cursor]!;
      if (ev.type === 'node.ready') {
        if (ev.ready) this.nodesReady.add(ev.node);
        else this.nodesReady.delete(ev.node);
      }
    }
    if (sim.etcdLeader() === undefined) return false;
    for (const m of sim.machineList()) {
      const kubelet = sim.specOf(m.name)?.processes.some((p) => (p as { kind?: string }).kind === 'kubelet');
      if (kubelet && !this.nodesReady.has(m.name)) return false;
    }
    this.booting = false;
    return true;
  }
}
