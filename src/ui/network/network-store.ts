// The network overlays' switches and the pod the reader asked about: a small store of
// its own (nothing here comes from the simulation's frames), as teach-store.ts is.

import { createStore, useStore } from 'zustand';

export interface NetworkState {
  /** The pod-network overlay: each node's pod CIDR and the routes to it. */
  readonly routes: boolean;
  /** Services as shapes with arrows to their endpoints (kube-proxy's rules). */
  readonly services: boolean;
  /** The pod shown in the pod inspector ("default/web-…"), or null. */
  readonly pod: string | null;
  readonly setRoutes: (on: boolean) => void;
  readonly setServices: (on: boolean) => void;
  readonly selectPod: (pod: string | null) => void;
}

export const networkStore = createStore<NetworkState>()((set) => ({
  routes: false,
  services: false,
  pod: null,
  setRoutes: (on) => set({ routes: on }),
  setServices: (on) => set({ services: on }),
  selectPod: (pod) => set({ pod }),
}));

export function useNetwork<T>(selector: (s: NetworkState) => T): T {
  return useStore(networkStore, selector);
}
