import { describe, expect, it } from 'vitest';
import { routeConsoleLine } from './console-route';

describe('routeConsoleLine', () => {
  it('sends kubectl to kubectl, with sudo and variable assignments dropped', () => {
    expect(routeConsoleLine('kubectl get pods')).toEqual({ process: 'kubectl', line: 'kubectl get pods' });
    expect(routeConsoleLine('sudo KUBECONFIG=/etc/kubernetes/admin.conf kubectl get nodes')).toEqual({ process: 'kubectl', line: 'kubectl get nodes' });
  });
  it('sends the rest to the etcd console client, keeping ETCDCTL_API=3 for etcdctl to read', () => {
    expect(routeConsoleLine('ETCDCTL_API=3 etcdctl member list')).toEqual({ process: 'console', line: 'ETCDCTL_API=3 etcdctl member list' });
    expect(routeConsoleLine('sudo etcdctl member list')).toEqual({ process: 'console', line: 'etcdctl member list' });
    expect(routeConsoleLine('kubctl get pods')).toEqual({ process: 'console', line: 'kubctl get pods' });
  });
});
