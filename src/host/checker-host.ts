// The verdict worker's side of worker-checker.ts: the incremental checkers themselves.
// A file of its own so that the coordinator's worker, which only posts the trace and
// asks, does not carry the checkers (issue 14: the coordinator worker is fetched before
// the first leader is drawn, the verdict worker 3 s later).

import { IncrementalVerdict } from '../check/incremental';
import { liveSteps, verdictOf } from '../check/live-verdict';
import type { FromChecker, ToChecker } from './worker-checker';

/** What the worker does with each message (verdict.worker.ts wires it to postMessage). */
export function checkerHost(): (msg: ToChecker) => FromChecker | undefined {
  let checker = new IncrementalVerdict({ topology: 'stacked', maxStepsPerKey: liveSteps });
  return (msg) => {
    switch (msg.type) {
      case 'init':
        checker = new IncrementalVerdict({ topology: msg.topology, maxStepsPerKey: liveSteps });
        return undefined;
      case 'feed':
        checker.feed(msg.events);
        return undefined;
      case 'verdict':
        try {
          return { type: 'verdict', n: msg.n, verdict: verdictOf(checker.result(), msg.at) };
        } catch (e) {
          return { type: 'verdict', n: msg.n, error: (e as Error).message };
        }
    }
  };
}
