import { describe, expect, it } from 'vitest';
import { cardName } from './card-name';

describe('cardName', () => {
  it('a down stacked master: its last known member role, in the past', () => {
    expect(cardName({ name: 'master-2', kindLabel: 'control plane', status: 'down', cutOff: false, member: { member: 'etcd-2', role: 'follower', term: 3 }, nodeReady: 'Unknown' }))
      .toBe('master-2, control plane, down; node readiness Unknown; etcd member etcd-2, was follower in term 3. Enter for actions.');
  });

  it('a live leader', () => {
    expect(cardName({ name: 'master-1', kindLabel: 'control plane', status: 'up', cutOff: false, member: { member: 'etcd-1', role: 'leader', term: 2 } }))
      .toBe('master-1, control plane, up; etcd member etcd-1, leader in term 2. Enter for actions.');
  });

  it('a cordoned, NotReady worker cut off from the network', () => {
    expect(cardName({ name: 'worker-1', kindLabel: 'worker', status: 'up', cutOff: true, nodeReady: 'False', cordoned: true }))
      .toBe('worker-1, worker, up but cut off from the network; node NotReady, cordoned. Enter for actions.');
  });

  it('a master on the smaller side of a split', () => {
    expect(cardName({ name: 'master-3', kindLabel: 'control plane', status: 'up', cutOff: false, side: 'B', member: { member: 'etcd-3', role: 'candidate', term: 5 } }))
      .toBe('master-3, control plane, up, on side B of a network split; etcd member etcd-3, candidate in term 5. Enter for actions.');
  });
});
