// The verdict's worker starts late; nothing posted before is lost or reordered.

import { expect, it } from 'vitest';
import { DeferredWorker } from './deferred-worker';
import type { CheckerWorkerLike, FromChecker, ToChecker } from './worker-checker';

function fakeWorker(): CheckerWorkerLike & { got: ToChecker[]; terminated: boolean } {
  return {
    got: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    postMessage(msg: ToChecker) {
      this.got.push(msg);
    },
    terminate() {
      this.terminated = true;
    },
  };
}

it('queues messages until the delay is over, then delivers them in order', () => {
  const real = fakeWorker();
  let startLater: (() => void) | undefined;
  let created = 0;
  const w = new DeferredWorker(() => (created++, real), (start) => (startLater = start));
  w.postMessage({ type: 'init', topology: 'stacked' });
  w.postMessage({ type: 'feed', events: [] });
  expect(created).toBe(0);
  expect(w.started).toBe(false);
  startLater!();
  expect(created).toBe(1);
  expect(real.got.map((m) => m.type)).toEqual(['init', 'feed']);
  w.postMessage({ type: 'feed', events: [] });
  expect(real.got).toHaveLength(3);
  startLater!(); // a second start does nothing
  expect(created).toBe(1);
});

it('starts at once when a verdict is asked for, and answers reach the handler', () => {
  const real = fakeWorker();
  const w = new DeferredWorker(() => real, () => {});
  const answers: FromChecker[] = [];
  w.onmessage = (e) => answers.push(e.data);
  w.postMessage({ type: 'init', topology: 'external' });
  w.postMessage({ type: 'verdict', n: 1, at: 5 });
  expect(w.started).toBe(true);
  expect(real.got.map((m) => m.type)).toEqual(['init', 'verdict']);
  real.onmessage!({ data: { type: 'verdict', n: 1 } });
  expect(answers).toEqual([{ type: 'verdict', n: 1 }]);
});

it('a worker terminated before it started is never created', () => {
  let startLater: (() => void) | undefined;
  let created = 0;
  const w = new DeferredWorker(() => (created++, fakeWorker()), (start) => (startLater = start));
  w.postMessage({ type: 'init', topology: 'stacked' });
  w.terminate();
  startLater!();
  w.postMessage({ type: 'verdict', n: 1, at: 0 });
  expect(created).toBe(0);
});
