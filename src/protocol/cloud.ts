// The simulated cloud provider's API (`topology.cloud: sim`): what the
// cloud-controller-manager asks of it over the simulated network, and what the cloud
// shows the UI. The shapes follow k8s.io/cloud-provider's interfaces (InstancesV2:
// InstanceExists / InstanceMetadata; LoadBalancer: EnsureLoadBalancer /
// EnsureLoadBalancerDeleted; Routes: ListRoutes / CreateRoute / DeleteRoute), as plain
// data on the wire.

import type { ElectorView } from './kube-views';

/** The cloud's API endpoint: a machine of kind `cloud`, HTTPS. */
export const CLOUD_HOST = 'cloud';
export const CLOUD_PORT = 443;
/** Provider IDs are `sim://<zone>/<instance>` (a cloud's own scheme, as `aws:///us-east-1a/i-…`). */
export const PROVIDER_SCHEME = 'sim://';
export const CLOUD_REGION = 'sim-region-1';

export interface NodeAddress {
  readonly type: 'InternalIP' | 'ExternalIP' | 'Hostname';
  readonly address: string;
}

/** cloudprovider.InstanceMetadata. */
export interface InstanceMetadata {
  readonly providerID: string;
  readonly instanceType: string;
  readonly nodeAddresses: readonly NodeAddress[];
  readonly zone: string;
  readonly region: string;
}

export type CloudCall =
  | { readonly op: 'instance-metadata'; readonly node: string }
  | { readonly op: 'instance-exists'; readonly providerID: string }
  | { readonly op: 'ensure-lb'; readonly service: string; readonly nodes: readonly string[] }
  | { readonly op: 'delete-lb'; readonly service: string }
  | { readonly op: 'list-routes' }
  | { readonly op: 'create-route'; readonly node: string; readonly cidr: string }
  | { readonly op: 'delete-route'; readonly node: string };

export type CloudRequest = CloudCall & { readonly reqId: number };

export type CloudAnswer =
  | { readonly ok: true; readonly metadata?: InstanceMetadata; readonly exists?: boolean; readonly ip?: string; readonly routes?: readonly CloudRoute[] }
  | { readonly ok: false; readonly error: string; readonly notFound?: boolean };

export type CloudResponse = CloudAnswer & { readonly reqId: number };

export interface CloudRoute {
  /** The route's target instance (the node's name). */
  readonly node: string;
  readonly destinationCIDR: string;
}

export interface CloudInstanceView {
  readonly name: string;
  readonly providerID: string;
  readonly zone: string;
  readonly instanceType: string;
  readonly internalIP: string;
  readonly externalIP: string;
  readonly state: 'running' | 'terminated';
}

export interface CloudLoadBalancerView {
  readonly service: string;
  readonly ip: string;
  readonly nodes: readonly string[];
}

/** The cloud's console, as the page's cloud inspector shows it. */
export interface CloudView {
  readonly kind: 'cloud';
  readonly region: string;
  readonly instances: readonly CloudInstanceView[];
  readonly loadBalancers: readonly CloudLoadBalancerView[];
  readonly routes: readonly CloudRoute[];
}

/** The cloud-controller-manager's picture: its leader election and its controllers. */
export interface CloudControllerManagerView {
  readonly kind: 'cloud-controller-manager';
  readonly election: ElectorView;
  readonly controllers: readonly string[];
  readonly synced: boolean;
}
