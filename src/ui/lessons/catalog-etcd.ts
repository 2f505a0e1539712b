// Lessons on where etcd runs: stacked on the masters, or external on its own machines.

import { etcdLeaderHost, isUp, type Lesson, type LessonView } from './lesson';

const schedulerHolder = (v: LessonView): string | undefined => {
  const h = v.leases['kube-system/kube-scheduler'];
  return h && isUp(v, h) ? h : undefined;
};
const liveMembers = (v: LessonView): number => Object.keys(v.members).length;

export const stackedVsExternal: Lesson = {
  id: 'stacked-external',
  title: 'Stacked versus external etcd',
  topic: 'etcd on the masters (stacked) or on its own machines (external), behind a load balancer',
  query: 'topology=external&masters=2&etcd=3&workers=1&seed=8&profile=classroom',
  intro: 'Stacked (the kubeadm default) runs an etcd member on every master: fewer machines, but losing a master also loses an etcd member. Here etcd is external: three machines etcd-1…3 hold the data, and the two masters only run the apiserver, scheduler and controller-manager, reaching etcd over the network.',
  steps: [
    {
      id: 'kill-master',
      say: 'In a stacked cluster, killing a master takes one etcd member with it (3 become 2). Here the masters hold no data at all.',
      ask: (b) => `Kill ${b.target}, the master whose scheduler holds the lease.`,
      begin: (v) => {
        const h = etcdLeaderHost(v) && liveMembers(v) === 3 ? schedulerHolder(v) : undefined;
        return h ? { target: h, term: 0 } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'etcd-untouched',
      say: 'etcd still has all 3 members and its leader: no election, no lost quorum. The load balancer sends API requests to the surviving apiserver; the other master’s scheduler takes the lease once it runs out.',
      ask: () => 'Wait for the other master to take the kube-scheduler lease; etcd keeps 3 members throughout.',
      begin: (_v, prev) => prev,
      done: (v, b) => liveMembers(v) === 3 && etcdLeaderHost(v) !== undefined && (schedulerHolder(v) ?? b.target) !== b.target,
      showMe: () => [],
      waitsFor: 'the scheduler Lease (15 s)',
    },
    {
      id: 'kill-etcd-leader',
      say: 'Now the other way round: an etcd machine dies. The members elect a new leader among themselves; the apiservers simply send their requests to a live member. No master is affected.',
      ask: (b) => `Kill ${b.target}, the etcd leader’s machine (term ${b.term}).`,
      begin: (v) => {
        const h = etcdLeaderHost(v);
        return h ? { target: h, term: v.members[h]!.term } : undefined;
      },
      done: (v, b) => !isUp(v, b.target) && Object.entries(v.members).some(([host, m]) => host !== b.target && m.role === 'leader' && m.term > b.term),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
      waitsFor: 'an election timeout',
    },
    {
      id: 'reboot-etcd',
      say: 'External etcd costs more machines but separates the failures: a master and an etcd member can die at the same time and the cluster still has 2 of 3 members.',
      ask: (b) => `Boot ${b.target} again: it rejoins as a follower.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && v.members[b.target]?.role === 'follower',
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'Stacked: simple, but each master carries a share of the quorum. External: etcd’s quorum and the control plane fail independently.',
};
