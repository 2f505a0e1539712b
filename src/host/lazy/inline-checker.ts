// Stands in for src/host/inline-checker.ts in the page's coordinator worker, which gives
// VerdictFeed a checker of its own (the verdict's worker, coordinator.worker.ts): the
// checkers are that worker's code, not this one's.

import type { LiveChecker, Verdict } from '../../check/live-verdict';
import type { RaftSafetyOptions } from '../../check/raft-safety';

export class InlineChecker implements LiveChecker {
  constructor(_opts: RaftSafetyOptions = {}) {
    throw new Error('no checker in the coordinator worker: its host must give createChecker (the verdict worker)');
  }

  feed(): void {}

  verdict(): Promise<Verdict | undefined> {
    return Promise.resolve(undefined);
  }

  dispose(): void {}
}
