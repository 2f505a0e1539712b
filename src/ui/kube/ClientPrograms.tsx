// The client machine's card body with Kubernetes: its programs as chips.

import { useLab } from '../store/store';

/** The client machine's programs: kubectl and the dashboard reach the apiservers through
 * the load balancer, etcdctl reaches etcd itself (the course notes' "kubectl, a dashboard
 * or the API, all through the apiserver"). */
export function ClientPrograms({ id, kube }: { id: string; kube: boolean }) {
  const dashboard = useLab((s) => s.machines[id]?.processes?.['dashboard'] !== undefined);
  if (!kube) return <div className="machine-note">your etcd client</div>;
  return (
    <div className="chips client-programs">
      <span className="chip chip-ok" data-testid={`component-${id}-kubectl`}>kubectl</span>
      {dashboard && <span className="chip chip-ok" data-testid={`component-${id}-dashboard`} title="the dashboard: lists and watches Deployments, Pods, Nodes and Events through the load balancer">dashboard</span>}
      <span className="chip chip-ok" data-testid={`component-${id}-etcdctl`}>etcdctl</span>
    </div>
  );
}
