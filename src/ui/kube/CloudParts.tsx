// The simulated cloud on the page (cloud: sim): the cloud machine's card (its instances,
// load balancers with their external IPs, routes), its inspector (the cloud console's
// tables), and the "Terminate instance" button of a machine's inspector.

import { memo } from 'react';
import type { CloudView } from '../../protocol/cloud';
import { liveView } from '../../protocol/crashed';
import { useLabApi } from '../lab';
import { useLab } from '../store/store';

/** The machine that runs the cloud's API (src/cluster/sim-cloud.ts). */
export const CLOUD_MACHINE = 'cloud';
const TERMINABLE = new Set(['master', 'worker', 'etcd']);

function useCloudView(): CloudView | undefined {
  return useLab((s) => liveView<CloudView>(s.machines[CLOUD_MACHINE]?.processes?.['cloud-api']));
}

/** The cloud card's body: counts, and each load balancer's IP → Service. */
export const CloudSummary = memo(function CloudSummary() {
  const view = useCloudView();
  if (!view) return <div className="machine-note">cloud API</div>;
  const running = view.instances.filter((i) => i.state === 'running').length;
  const terminated = view.instances.length - running;
  return (
    <div className="cloud-summary" data-testid="cloud-summary">
      <span>{view.region}</span>
      <span>{running} instances{terminated > 0 ? ` (${terminated} terminated)` : ''}</span>
      <span>{view.routes.length} routes</span>
      {view.loadBalancers.map((lb) => (
        <span key={lb.service} data-testid={`cloud-lb-${lb.service.replace('/', '-')}`} title={`load balancer for Service ${lb.service}: ${lb.nodes.length} nodes in its pool (${lb.nodes.join(', ') || 'none'})`}>
          LB <span className="lb-ip">{lb.ip}</span> → svc {lb.service}
        </span>
      ))}
    </div>
  );
});

/** The cloud console: instances, load balancers and the route table. */
export function CloudInspector({ name }: { name: string }) {
  const view = useLab((s) => liveView<CloudView>(s.machines[name]?.processes?.['cloud-api']));
  if (!view) return null;
  return (
    // Focusable: it scrolls sideways, and a keyboard user must be able to scroll it (axe: scrollable-region-focusable).
    <div className="cloud-inspector" data-testid="cloud-inspector" tabIndex={0} role="region" aria-label="the simulated cloud">
      <h3 title="zones a–c of the region; hover a row for its provider ID">Instances ({view.region})</h3>
      <table className="cloud-table">
        <thead><tr><th>instance</th><th>zone</th><th>type</th><th>internal</th><th>external</th><th>state</th></tr></thead>
        <tbody>
          {view.instances.map((i) => (
            <tr key={i.name} className={i.state} data-testid={`cloud-instance-${i.name}`} data-state={i.state} title={`provider ID ${i.providerID}`}>
              <td>{i.name}</td><td>{i.zone.slice(-1)}</td><td>{i.instanceType}</td><td>{i.internalIP}</td><td>{i.externalIP}</td><td>{i.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Load balancers</h3>
      {view.loadBalancers.length === 0 ? <p className="muted">None: a Service of type LoadBalancer gets one from the cloud-controller-manager.</p> : (
        <table className="cloud-table">
          <thead><tr><th>Service</th><th>external IP</th><th>nodes in the pool</th></tr></thead>
          <tbody>{view.loadBalancers.map((l) => <tr key={l.service}><td>{l.service}</td><td>{l.ip}</td><td>{l.nodes.join(', ') || 'none'}</td></tr>)}</tbody>
        </table>
      )}
      <h3>Route table</h3>
      {view.routes.length === 0 ? <p className="muted">No routes yet: the route controller adds one per node pod CIDR.</p> : (
        <table className="cloud-table" data-testid="cloud-routes">
          <thead><tr><th>destination</th><th>target instance</th></tr></thead>
          <tbody>{view.routes.map((r) => <tr key={r.node}><td>{r.destinationCIDR}</td><td>{r.node}</td></tr>)}</tbody>
        </table>
      )}
    </div>
  );
}

/** "Terminate instance": only on a cloud (cloud: sim), for masters, workers and etcd
 * hosts. Unlike Kill, the machine cannot come back: the cloud deletes it. */
export function TerminateButton({ name }: { name: string }) {
  const lab = useLabApi();
  const cloud = useLab((s) => s.machineNames.includes(CLOUD_MACHINE));
  const kind = useLab((s) => s.machines[name]?.kind);
  if (!cloud || !kind || !TERMINABLE.has(kind)) return null;
  return (
    <button
      type="button"
      className="danger"
      data-testid={`terminate-${name}`}
      title="The cloud deletes this instance: unlike a crash it never comes back, and the cloud-controller-manager deletes its Node once the node is NotReady"
      onClick={() => lab.send({ type: 'terminate', machine: name })}
    >
      ⨯ Terminate instance
    </button>
  );
}
