// The two overlay switches: the pod network's routes and the Services, one above the
// other in the graph's bottom-right corner (in presenter mode too, where the legend
// strip is hidden). The graph's fit keeps that corner clear of cards (fit-view.ts).

import { useLab } from '../store/store';
import { networkStore, useNetwork } from './network-store';

export function OverlayToggles() {
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const routes = useNetwork((s) => s.routes);
  const services = useNetwork((s) => s.services);
  if (!kube) return null;
  return (
    <div className="overlay-toggles" role="group" aria-label="overlays">
      <button
        type="button" className={`overlay-toggle${routes ? ' on' : ''}`} data-testid="overlay-network" data-on={routes} aria-pressed={routes}
        title="Draw the pod network: each node's pod CIDR and the route every other node has to it (via the node's IP)"
        onClick={() => networkStore.getState().setRoutes(!routes)}
      >
        Pod network
      </button>
      <button
        type="button" className={`overlay-toggle${services ? ' on' : ''}`} data-testid="overlay-services" data-on={services} aria-pressed={services}
        title="Draw each Service with its ClusterIP and arrows to the pods kube-proxy sends its traffic to"
        onClick={() => networkStore.getState().setServices(!services)}
      >
        Services
      </button>
    </div>
  );
}
