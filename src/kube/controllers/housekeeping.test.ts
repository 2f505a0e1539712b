// Node IPAM hands each node without a pod CIDR the lowest free /24 of 10.244.0.0/16, the
// nodes in name order (as the range allocator's first-fit over its bitmap, which here
// is rebuilt from the Nodes at each pass).

import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types';
import type { KubeRequest } from '../api/wire';
import type { ControllerContext } from './context';
import { NodeIpamController } from './housekeeping';

function node(name: string, podCIDR?: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: podCIDR ? { podCIDR } : {} } as Node;
}

/** The CIDR patched onto each node by one sync over `nodes`; `held`: nodes whose patch is still in flight. */
function allocate(nodes: Node[], held: readonly string[] = []): Record<string, string> {
  const sent: Record<string, string> = {};
  const ctx = {
    informers: { nodes: { store: new Map(nodes.map((n) => [n.metadata.name!, n])) } },
    client: { request: (req: Omit<KubeRequest, 'reqId'>) => (sent[req.name!] = (req.body as Node).spec.podCIDR!) },
    claim: (key: string) => (held.includes(key.slice('ipam/'.length)) ? undefined : () => {}),
  } as unknown as ControllerContext;
  new NodeIpamController(ctx).sync();
  return sent;
}

describe('node IPAM', () => {
  it('gives each node the lowest free /24, in name order, filling the holes first', () => {
    expect(allocate([node('worker-2'), node('worker-1'), node('master-1', '10.244.1.0/24'), node('worker-3', '10.244.3.0/24'), node('worker-4')])).toEqual({
      'worker-1': '10.244.0.0/24',
      'worker-2': '10.244.2.0/24',
      'worker-4': '10.244.4.0/24',
    });
  });

  it('counts a range as taken for a node whose patch is still in flight, without patching it again', () => {
    expect(allocate([node('a'), node('b'), node('c', '10.244.2.0/24'), node('d')], ['a'])).toEqual({ b: '10.244.1.0/24', d: '10.244.3.0/24' });
  });

  it('allocates 103 nodes registering at once 10.244.0.0 to 10.244.102.0', () => {
    const names = Array.from({ length: 103 }, (_, i) => `n-${String(i).padStart(3, '0')}`);
    const sent = allocate(names.map((n) => node(n)));
    expect(names.map((n) => sent[n])).toEqual(names.map((_, i) => `10.244.${i}.0/24`));
  });
});

