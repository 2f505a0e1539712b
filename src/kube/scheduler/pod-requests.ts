// A pod's resource requests, as the scheduler's NodeInfo keeps them (Requested and
// NonZeroRequested), parsed once per pod object: a filter or score pass adds up every
// pod on every node for every pod it places, and quantities are strings ("250m",
// "128Mi"). Informer objects are replaced, never changed in place, so the object
// itself is the cache key.

import { bytes, cpuMillis } from '../api/quantity';
import type { Pod } from '../api/types';

export interface PodRequests {
  /** What the containers ask for (a missing request is 0): filters, BalancedAllocation. */
  readonly cpu: number;
  readonly memory: number;
  /** The same with a missing request counted as schedutil's defaults (100m, 200Mi):
   * LeastAllocated, so pods without requests still spread. */
  readonly cpuNonZero: number;
  readonly memoryNonZero: number;
}

/** schedutil.DefaultMilliCPURequest / DefaultMemoryRequest. */
const DEFAULT_CPU_MILLIS = 100;
const DEFAULT_MEMORY_BYTES = 200 * 1024 * 1024;

const cache = new WeakMap<Pod, PodRequests>();

export function podRequests(pod: Pod): PodRequests {
  let r = cache.get(pod);
  if (r) return r;
  let cpu = 0;
  let memory = 0;
  let cpuNonZero = 0;
  let memoryNonZero = 0;
  for (const c of pod.spec.containers) {
    const q = c.resources?.requests;
    const cm = q?.cpu !== undefined ? cpuMillis(q.cpu) : undefined;
    const mb = q?.memory !== undefined ? bytes(q.memory) : undefined;
    cpu += cm ?? 0;
    memory += mb ?? 0;
    cpuNonZero += cm ?? DEFAULT_CPU_MILLIS;
    memoryNonZero += mb ?? DEFAULT_MEMORY_BYTES;
  }
  r = { cpu, memory, cpuNonZero, memoryNonZero };
  cache.set(pod, r);
  return r;
}
