// How the ported etcd-io/raft tests are registered: `etcdTest` skips a test listed in
// ../etcd-suite/known-deviations.ts (with what differs as the reason) unless
// RAFT_DEVIATIONS=run, and `notModelled` skips, with the reason in its name, a test that
// relies on something this project deliberately does not model (see src/raft/README.md).

import { it } from 'vitest';
import { KNOWN_DEVIATIONS } from '../etcd-suite/known-deviations';

// eslint-disable-next-line no-restricted-globals -- a test helper reads the test run's flag, as the *.test.ts files do
const runDeviations = typeof process !== 'undefined' && process.env.RAFT_DEVIATIONS === 'run';

/** `it`, unless the test is a known deviation: then skipped with the reason. */
export function etcdTest(name: string, fn: () => void): void {
  const deviation = KNOWN_DEVIATIONS[name];
  if (deviation === undefined || runDeviations) it(name, fn);
  else if (typeof deviation === 'number') it.skip(`${name} (deviation ${deviation})`, fn);
  else it.skip(`${name} (deviation: ${deviation})`, fn);
}

/** A test that relies on something the project deliberately does not model. */
export function notModelled(name: string, reason: string, fn?: () => void): void {
  it.skip(`${name} (not modelled: ${reason})`, fn ?? (() => undefined));
}
