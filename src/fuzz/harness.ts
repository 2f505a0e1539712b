// Runs console inputs against a live cluster on the in-process host, as the page's
// console would send them, and says what became of each: a clear error, accepted, a
// crash (a process.crash in the trace, a crashed view, or an exception out of the
// host), or no answer at all. Views are asked for after every batch, as the page
// does once a frame: a view that throws is a crash the headless runner would miss.

import { parseScenario, simulationInit } from '../cluster/scenario';
import { InProcessCluster } from '../host/in-process';
import { dispatchConsole } from '../shell/dispatch';
import { isCrashed } from '../protocol/crashed';
import type { ConsoleInput } from './console-lines';

export type Verdict = 'error' | 'accepted' | 'crash' | 'unanswered';

export interface Outcome {
  readonly input: ConsoleInput;
  readonly verdict: Verdict;
  /** The answer, or what crashed. */
  readonly detail: string;
}

export const TOPOLOGIES: Readonly<Record<string, string>> = {
  'stacked-1': '{ etcd: stacked, masters: 1, workers: 2 }',
  'stacked-3': '{ etcd: stacked, masters: 3, workers: 1 }',
  external: '{ etcd: external, masters: 1, etcdMembers: 3, workers: 1 }',
  'etcd-only': '{ etcd: stacked, masters: 3, kubernetes: false }',
};

/** How long (sim time) a batch may take to be answered: `watch` listens 10 s. */
const ANSWER_WITHIN_MS = 60_000;

export class FuzzHarness {
  readonly cluster: InProcessCluster;
  private nextId = 1;
  /** Trace events already looked at for crashes. */
  private seen = 0;

  constructor(readonly topology: string, seed: number) {
    this.cluster = new InProcessCluster(simulationInit(parseScenario(`name: fuzz\nseed: ${seed}\nuntil: 24h\nprofile: classroom\ntopology: ${TOPOLOGIES[topology]}\n`)));
    this.cluster.runUntil(15_000);
    this.seen = this.cluster.sim.trace.length;
  }

  /** Sends the inputs together (as fast typing would), runs until each is answered,
   * then looks for crashes. A crash is pinned on the whole batch: keep batches small. */
  run(batch: readonly ConsoleInput[]): Outcome[] {
    const c = this.cluster;
    const ids = new Map<number, number>();
    const answers = new Map<number, { ok: boolean; text: string }>();
    try {
      for (const [i, input] of batch.entries()) {
        // The page's coordinator does the same: the shell answers some lines itself.
        const d = dispatchConsole(input.line, input.stdin);
        if ('answer' in d) {
          answers.set(i, { ok: d.answer.ok, text: d.answer.ok ? d.answer.output : d.answer.error });
          continue;
        }
        const id = this.nextId++;
        ids.set(id, i);
        c.sim.command('client', d.process, id, { line: d.line, ...(d.stdin !== undefined ? { stdin: d.stdin } : {}) });
      }
      const end = c.sim.now + ANSWER_WITHIN_MS;
      while (answers.size < batch.length && c.sim.now < end) {
        c.runUntil(c.sim.now + 100);
        for (const r of c.sim.takeReplies()) {
          const i = ids.get(r.id);
          if (i !== undefined) answers.set(i, { ok: r.result.ok, text: r.result.ok ? r.result.output : r.result.error });
        }
      }
      const crash = this.crashes();
      return batch.map((input, i) => {
        const a = answers.get(i);
        if (crash) return { input, verdict: 'crash', detail: crash };
        if (!a) return { input, verdict: 'unanswered', detail: '' };
        return { input, verdict: a.ok ? 'accepted' : 'error', detail: a.text };
      });
    } catch (e) {
      return batch.map((input) => ({ input, verdict: 'crash' as const, detail: `host: ${(e as Error).stack ?? String(e)}` }));
    }
  }

  /** Pods the freshest apiserver holds: a fuzzed `replicas: 2147483647` is legal and
   * makes a cluster slow (slow start adds 500 pods a round), so the fuzzer moves on to
   * a fresh cluster past a bound. */
  pods(): number {
    let most = 0;
    for (const v of this.cluster.views().values()) {
      const api = v.processes['kube-apiserver'] as { kind?: string; cluster?: { pods?: readonly unknown[] } } | undefined;
      if (api?.kind === 'kube-apiserver') most = Math.max(most, api.cluster?.pods?.length ?? 0);
    }
    return most;
  }

  /** New process.crash events since the last look, and crashed views, as one text. */
  private crashes(): string | undefined {
    const c = this.cluster;
    const found: string[] = [];
    for (const [machine, view] of c.views()) for (const [p, v] of Object.entries(view.processes)) if (isCrashed(v)) found.push(`${machine}/${p}: ${v.error}`);
    const trace = c.sim.trace;
    for (let i = this.seen; i < trace.length; i++) {
      const e = trace[i]!;
      if (e.type === 'process.crash') found.push(`${e.machine}/${e.process}: ${e.error}`);
    }
    this.seen = trace.length;
    return found.length > 0 ? [...new Set(found)].join('; ') : undefined;
  }
}
