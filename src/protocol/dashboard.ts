// The dashboard's view (src/kube/dashboard), as its panel (src/ui/panels/DashboardPanel.tsx) reads it.

/** The dashboard's picture of the cluster (src/kube/dashboard), read through the load
 * balancer and the apiserver like any client: what its panel shows. Lists are capped
 * (DASHBOARD_MAX_ROWS) so a large cluster does not fill every frame. */
export interface DashboardView {
  readonly kind: 'dashboard';
  /** The identity it reads with (a ServiceAccount, as the Kubernetes Dashboard's). */
  readonly identity: string;
  readonly synced: boolean;
  readonly workloads: readonly { readonly namespace: string; readonly name: string; readonly ready: number; readonly desired: number; readonly images: string }[];
  readonly pods: readonly { readonly namespace: string; readonly name: string; readonly phase: string; readonly node: string; readonly restarts: number; readonly terminating: boolean }[];
  readonly podCount: number;
  readonly nodes: readonly { readonly name: string; readonly ready: string; readonly roles: string; readonly zone: string; readonly pods: number }[];
  readonly events: readonly { readonly type: string; readonly reason: string; readonly object: string; readonly message: string; readonly last: string; readonly count: number }[];
}

export const DASHBOARD_MAX_ROWS = 60;
