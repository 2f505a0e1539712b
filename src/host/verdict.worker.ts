// The live verdict's own worker (worker-checker.ts, checker-host.ts): fed the trace, answers verdicts.
/// <reference lib="webworker" />

import { checkerHost } from './checker-host';
import type { ToChecker } from './worker-checker';

const handle = checkerHost();
self.onmessage = (e: MessageEvent<ToChecker>) => {
  const reply = handle(e.data);
  if (reply) self.postMessage(reply);
};
