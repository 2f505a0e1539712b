// The live verdict in a worker of its own (verdict.worker.ts): the coordinator posts it
// the trace as frames carry it and asks for a verdict about once a second, so checking
// never takes the coordinator's time (it used to recheck the whole trace in the
// coordinator, 2.1 s at 300 000 events, with no frames meanwhile).

import type { LiveChecker, Verdict } from '../check/live-verdict';
import type { TraceEvent } from '../protocol/trace';

export type ToChecker =
  | { readonly type: 'init'; readonly topology: 'stacked' | 'external' }
  | { readonly type: 'feed'; readonly events: readonly TraceEvent[] }
  | { readonly type: 'verdict'; readonly n: number; readonly at: number };

export type FromChecker = { readonly type: 'verdict'; readonly n: number; readonly verdict?: Verdict; readonly error?: string };

/** The part of a Worker this uses. */
export interface CheckerWorkerLike {
  postMessage(msg: ToChecker): void;
  onmessage: ((e: { data: FromChecker }) => void) | null;
  onerror: ((e: { message?: string }) => void) | null;
  terminate(): void;
}

export class WorkerChecker implements LiveChecker {
  private readonly waiting = new Map<number, (v: Verdict | undefined) => void>();
  private next = 1;
  private broken = false;

  constructor(
    private readonly worker: CheckerWorkerLike,
    topology: 'stacked' | 'external',
  ) {
    worker.onmessage = (e) => {
      const resolve = this.waiting.get(e.data.n);
      this.waiting.delete(e.data.n);
      resolve?.(e.data.verdict);
    };
    worker.onerror = () => {
      // No verdict rather than a stopped simulation: the panel keeps its last one.
      this.broken = true;
      for (const resolve of this.waiting.values()) resolve(undefined);
      this.waiting.clear();
    };
    worker.postMessage({ type: 'init', topology });
  }

  feed(events: readonly TraceEvent[]): void {
    if (!this.broken) this.worker.postMessage({ type: 'feed', events });
  }

  verdict(at: number): Promise<Verdict | undefined> {
    if (this.broken) return Promise.resolve(undefined);
    const n = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(n, resolve);
      this.worker.postMessage({ type: 'verdict', n, at });
    });
  }

  dispose(): void {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(undefined);
    this.waiting.clear();
  }
}
