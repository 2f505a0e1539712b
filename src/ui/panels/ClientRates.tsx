// The client-side rate limits of a machine's Kubernetes components, once one of their
// clientsets had to wait for its token bucket (client-go's QPS / Burst): "replicaset-
// controller client: 20 QPS, burst 30 · 412 requests waiting". The requests wait in the
// client, so the apiserver is not the one slowing them: a point a teacher can make
// while a large Deployment rolls out.

import { liveView } from '../../protocol/crashed';
import type { ClientRateView } from '../../protocol/kube-views';

const COMPONENTS = ['kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'] as const;

/** One line's words (exported for the test). */
export function clientRateText(c: ClientRateView): string {
  const waiting = c.waiting > 0 ? `${c.waiting} request${c.waiting === 1 ? '' : 's'} waiting` : 'none waiting';
  return `${c.name} client: ${c.qps} QPS, burst ${c.burst} · ${waiting} (${c.throttled} waited so far, longest ${(c.longestWaitMs / 1000).toFixed(1)} s)`;
}

export function ClientRates({ processes }: { processes: Readonly<Record<string, unknown>> }) {
  const rows: { key: string; text: string; waiting: boolean }[] = [];
  for (const component of COMPONENTS) {
    const clients = liveView<{ clients?: readonly ClientRateView[] }>(processes[component])?.clients;
    for (const c of clients ?? []) rows.push({ key: `${component}/${c.name}`, text: `${component}: ${clientRateText(c)}`, waiting: c.waiting > 0 });
  }
  if (rows.length === 0) return null;
  return (
    <ul className="kube-facts" data-testid="client-rates" aria-label="client-side rate limits">
      {rows.map((r) => (
        <li key={r.key} title="client-go's client-side rate limit (rest.Config QPS / Burst): requests wait in the client for a token, before the apiserver sees them">
          {r.waiting ? <b>{r.text}</b> : r.text}
        </li>
      ))}
    </ul>
  );
}
