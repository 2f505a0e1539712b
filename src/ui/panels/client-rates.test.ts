// The inspector's line for a throttled clientset.

import { describe, expect, it } from 'vitest';
import { clientRateText } from './ClientRates';

describe('clientRateText', () => {
  it('says the limits and how many requests wait', () => {
    expect(clientRateText({ name: 'replicaset-controller', qps: 20, burst: 30, waiting: 412, throttled: 430, longestWaitMs: 21_450 })).toBe(
      'replicaset-controller client: 20 QPS, burst 30 · 412 requests waiting (430 waited so far, longest 21.4 s)',
    );
    expect(clientRateText({ name: 'kube-proxy', qps: 5, burst: 10, waiting: 0, throttled: 1, longestWaitMs: 200 })).toBe('kube-proxy client: 5 QPS, burst 10 · none waiting (1 waited so far, longest 0.2 s)');
  });
});
