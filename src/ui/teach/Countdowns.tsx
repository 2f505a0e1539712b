// Countdowns where the cluster is waiting, drawn from the API's own timestamps (the
// Lease's renewTime + leaseDurationSeconds, the NoExecute taint's timeAdded + the pod's
// tolerationSeconds), so what they show is what the controllers act on:
// - a leader Lease whose holder stopped renewing: it expires, then another master takes it;
// - a node whose kubelet went silent: its node Lease runs out, then it is NotReady
//   (the node monitor grace period; the node Lease lasts as long);
// - a pod on an unreachable node: evicted when its toleration runs out.
// Each re-renders once a second at most (the selector rounds to whole seconds).

import { apiSummary } from '../kube/api-view';
import { useLab } from '../store/store';

/** Whole seconds left until `atMs` (0 once passed), NaN-safe. */
function secondsLeft(atMs: number, now: number): number {
  return Number.isFinite(atMs) ? Math.max(0, Math.ceil((atMs - now) / 1000)) : 0;
}

/** How long after its last renewal a Lease counts as overdue: past the holder's usual
 * renew interval (client-go renews every 2 s; a kubelet every quarter of its Lease). */
const OVERDUE_FRACTION = 0.3;

function useLeaseLeft(lease: string): { left: number; overdue: boolean } | undefined {
  return useLab((s) => {
    const t = apiSummary(s.machines).leaseTimes?.[lease];
    if (!t) return undefined;
    const silentMs = s.now - t.renewMs;
    return silentMs > t.durationS * 1000 * OVERDUE_FRACTION ? LEFT[Math.min(999, secondsLeft(t.renewMs + t.durationS * 1000, s.now))] : undefined;
  });
}

/** Interned answers, so the selector's result is stable within a second. */
const LEFT: readonly { left: number; overdue: boolean }[] = Array.from({ length: 1000 }, (_, left) => ({ left, overdue: true }));

/** On a leader Lease holder's chip: the Lease runs out in N s (its holder is silent). */
export function LeaseCountdown({ lease }: { lease: 'kube-scheduler' | 'kube-controller-manager' }) {
  const left = useLeaseLeft(`kube-system/${lease}`);
  if (!left) return null;
  return (
    <span className="countdown" data-testid={`countdown-lease-${lease}`} data-left={left.left} title="the holder stopped renewing its Lease: when it runs out another master's elector takes it">
      {left.left > 0 ? ` · expires in ${left.left} s` : ' · expired'}
    </span>
  );
}

/** On a Ready node whose kubelet went silent: NotReady in N s; past that with nobody to
 * mark it (no live controller-manager or apiserver), how old its Ready is. */
export function GraceCountdown({ node }: { node: string }) {
  const left = useLeaseLeft(`kube-node-lease/${node}`);
  const staleS = useLab((s) => {
    const t = apiSummary(s.machines).leaseTimes?.[`kube-node-lease/${node}`];
    return t && left?.left === 0 ? Math.floor((s.now - t.renewMs) / 1000) : 0;
  });
  if (!left) return null;
  if (left.left > 0) {
    return (
      <span className="countdown countdown-grace" data-testid={`countdown-grace-${node}`} data-left={left.left} title="its kubelet stopped renewing the node Lease: when the grace period runs out the node lifecycle controller marks it NotReady">
        NotReady in {left.left} s
      </span>
    );
  }
  return (
    <span className="countdown countdown-stale" data-testid={`stale-${node}`} data-age={staleS} title="nobody has updated this node's Ready condition: the controller-manager that would mark it NotReady is not running">
      last heard {staleS} s ago
    </span>
  );
}

/** On a pod of an unreachable node: evicted in N s (its toleration of the NoExecute taint). */
export function EvictCountdown({ pod, atMs }: { pod: string; atMs: number }) {
  const left = useLab((s) => secondsLeft(atMs, s.now));
  return (
    <span className="countdown countdown-evict" data-testid={`countdown-toleration-${pod}`} data-left={left} title="tolerates the node's NoExecute taint only this long; then the taint manager evicts it">
      {left > 0 ? ` · ${left}s` : ' · evicting'}
    </span>
  );
}
