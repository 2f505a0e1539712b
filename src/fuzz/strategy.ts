// The apiserver's create path alone (decode, defaults, validation, admission), without
// a cluster: what it makes of a manifest, and whether anything in it threw.

import { prepareCreate } from '../kube/apiserver/strategy';
import { resourceOfKind } from '../kube/api/resources';
import type { KubeObject } from '../kube/api/types';
import type { Verdict } from './harness';

export function strategyVerdict(m: Record<string, unknown>): { verdict: Verdict; detail: string } {
  const r = resourceOfKind(String(m.kind));
  if (!r) return { verdict: 'error', detail: 'no such kind' };
  try {
    const out = prepareCreate(r, m as unknown as KubeObject, 'default', { now: 0, randomChars: (n) => 'x'.repeat(n), uid: () => 'uid', tolerationSeconds: 300, allocateClusterIP: () => '10.96.0.10' });
    if ('kind' in out && out.kind === 'Status') return { verdict: 'error', detail: (out as { message: string }).message };
    return { verdict: 'accepted', detail: '' };
  } catch (e) {
    return { verdict: 'crash', detail: (e as Error).stack ?? String(e) };
  }
}
