// The lessons, one per topic of the course notes (README.md maps topics to lessons;
// each lesson is an entry here, most in a catalog-<topic>.ts file).
// Set-ups use the classroom profile: the same mechanisms with waits short enough for a
// lecture (node grace 16 s, tolerations 30 s; the leader Lease 15 s in both profiles).

import { apiserverPath } from './catalog-api';
import { stackedVsExternal } from './catalog-etcd';
import { controllerLoops } from './catalog-controllers';
import { rollingUpdate } from './catalog-rollout';
import { schedulerSsd } from './catalog-scheduling';
import { etcdHistory } from './catalog-history';
import { snapshotRestore } from './catalog-backup';
import { nodeAgents, smallClusterTour } from './catalog-nodes';
import { podNetwork } from './catalog-network';
import { jobsLesson } from './catalog-batch';
import { terminateVsCrash } from './catalog-cloud';
import { etcdLeaderHost, isUp, maxTerm, runningApp, runningOn, type Lesson, type LessonView } from './lesson';

const busiestWorker = (v: LessonView): string | undefined =>
  v.machines.filter((m) => m.kind === 'worker' && m.up).map((m) => m.name).sort((a, b) => runningOn(v, b) - runningOn(v, a) || a.localeCompare(b))[0];

const workerDeath: Lesson = {
  id: 'worker-death',
  title: "A worker's death",
  topic: 'Nodes: NotReady, the NoExecute taint, eviction and replacement',
  query: 'masters=1&workers=2&seed=2&profile=classroom',
  intro: 'One master, two workers, and a Deployment "web" with 3 replicas. Kubernetes never sees a machine die: it only sees a kubelet fall silent. Follow what it does about it, and how long each step takes.',
  steps: [
    {
      id: 'kill-worker',
      say: 'Every kubelet renews its node Lease (here every 4 s). The pods run on the workers.',
      ask: (b) => `Kill ${b.target}, the worker running the most web pods.`,
      begin: (v) => {
        const w = runningApp(v) >= 3 ? busiestWorker(v) : undefined;
        return w ? { target: w, term: maxTerm(v) } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'not-ready',
      say: 'Its pods still show Running: the API only knows what the kubelet last said. The node Lease is no longer renewed; after the grace period (16 s here, 40 s by default) the node lifecycle controller marks the node NotReady and taints it node.kubernetes.io/unreachable:NoExecute.',
      ask: (b) => `Wait for ${b.target} to turn NotReady (watch the countdown on its badge).`,
      begin: (_v, prev) => prev,
      done: (v, b) => v.nodes[b.target] !== undefined && v.nodes[b.target] !== 'True',
      showMe: () => [],
      waitsFor: 'the node monitor grace period',
    },
    {
      id: 'evicted',
      say: 'Every pod tolerates the NoExecute taint for a while (30 s here, 300 s by default: the DefaultTolerationSeconds admission plugin). Then the taint manager evicts it and the ReplicaSet creates a replacement, which the scheduler places on a Ready node.',
      ask: () => 'Wait for the 3 web pods to run on the surviving worker (watch the countdowns on the pods).',
      begin: (_v, prev) => prev,
      done: (v, b) => v.machines.filter((m) => m.kind === 'worker' && m.name !== b.target).reduce((n, m) => n + runningOn(v, m.name), 0) >= 3,
      showMe: () => [],
      waitsFor: 'the pods’ toleration of the taint',
    },
    {
      id: 'boot-worker',
      say: 'The evicted pods stay Terminating until their kubelet comes back to confirm they are gone (or someone force-deletes them).',
      ask: (b) => `Boot ${b.target} again and watch it turn Ready.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && v.nodes[b.target] === 'True',
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'The node is back, empty: Kubernetes does not move pods back. Nothing was lost but time: grace period + toleration.',
};

const haLease: Lesson = {
  id: 'ha-lease',
  title: 'HA masters and the lease hand-over',
  topic: 'High availability: three masters, one active scheduler and controller-manager',
  query: 'masters=3&workers=3&seed=5&profile=classroom',
  intro: 'Three masters each run a scheduler and a controller-manager, but only one of each is active: the one holding its Lease in kube-system (the crown). The others wait, ready to take over.',
  steps: [
    {
      id: 'kill-holder',
      say: 'The holder renews its Lease every 2 s; the others check it and would take it only once it has gone 15 s without renewal.',
      ask: (b) => `Kill ${b.target}, which holds the kube-scheduler Lease.`,
      begin: (v) => {
        const h = v.leases['kube-system/kube-scheduler'];
        return h && isUp(v, h) ? { target: h, term: maxTerm(v) } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'hand-over',
      say: 'The Lease still names the dead master: nobody can know it died. Its chip counts down the Lease; when it runs out another master’s elector writes itself in.',
      ask: () => 'Wait for another master to hold the kube-scheduler Lease.',
      begin: (_v, prev) => prev,
      done: (v, b) => {
        const h = v.leases['kube-system/kube-scheduler'];
        return h !== undefined && h !== '' && h !== b.target && isUp(v, h);
      },
      showMe: () => [],
      waitsFor: 'the Lease (15 s)',
    },
    {
      id: 'boot-master',
      say: 'The API kept answering all along: the load balancer sent requests to the live apiservers, and etcd kept its quorum (2 of 3).',
      ask: (b) => `Boot ${b.target} again: it comes back as a standby.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && v.members[b.target]?.role === 'follower',
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'Active/standby through a Lease: at most one scheduler acts, and a dead one is replaced within about 15 s.',
};

const raftElection: Lesson = {
  id: 'raft-election',
  title: 'Raft: leader election',
  topic: 'etcd’s Raft: a leader, followers, terms and elections',
  query: 'masters=3&workers=0&seed=3&profile=classroom',
  intro: 'Three etcd members, one per master. One is the leader (the crown): it appends every write to its log and replicates it; the followers expect its heartbeats every 100 ms.',
  steps: [
    {
      id: 'kill-leader',
      say: 'A follower that hears no heartbeat for its election timeout (1 s, randomised so they rarely tie) starts an election for the next term.',
      ask: (b) => `Kill ${b.target}, the machine of the etcd leader (term ${b.term}).`,
      begin: (v) => {
        const h = etcdLeaderHost(v);
        return h ? { target: h, term: v.members[h]!.term } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'new-leader',
      say: 'A candidate asks for votes (first a pre-vote, so a cut-off member cannot disturb the cluster); a majority — 2 of 3 — makes it leader of the new term.',
      ask: (b) => `Wait for a new leader in a term higher than ${b.term}.`,
      begin: (_v, prev) => prev,
      done: (v, b) => Object.entries(v.members).some(([host, m]) => host !== b.target && m.role === 'leader' && m.term > b.term),
      showMe: () => [],
      waitsFor: 'an election timeout',
    },
    {
      id: 'rejoin',
      say: 'The old leader’s term and log are on its disk. It boots as a follower, learns the higher term from the new leader, and catches up its log.',
      ask: (b) => `Boot ${b.target}: it rejoins as a follower of the new term.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && v.members[b.target]?.role === 'follower' && v.members[b.target]!.term === maxTerm(v),
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'One leader per term, elected by a majority; a member that comes back follows the highest term it sees.',
};

const followerHost = (v: LessonView): string | undefined =>
  Object.keys(v.members).filter((h) => v.members[h]!.role === 'follower').sort()[0];

const quorumLoss: Lesson = {
  id: 'quorum-loss',
  title: 'Quorum loss: what stops, what keeps running',
  topic: 'etcd needs a majority: 2 of 3 members',
  query: 'masters=3&workers=3&seed=7&profile=classroom',
  intro: 'Three masters, three etcd members. Every write needs a majority of the members to store it: with 3 members, 2. Take them away one by one.',
  steps: [
    {
      id: 'one-down',
      say: 'With one member gone, 2 of 3 remain: still a majority. Nothing visible changes.',
      ask: (b) => `Kill ${b.target}, a follower.`,
      begin: (v) => {
        const f = etcdLeaderHost(v) ? followerHost(v) : undefined;
        return f ? { target: f, term: maxTerm(v) } : undefined;
      },
      done: (v, b) => !isUp(v, b.target) && etcdLeaderHost(v) !== undefined,
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'two-down',
      say: 'Now only 1 of 3 is left. The leader can no longer reach a majority: with CheckQuorum it steps down after an election timeout, and no one can win an election.',
      ask: (b) => `Kill ${b.target}, the other follower.`,
      begin: (v) => {
        const f = followerHost(v);
        return f ? { target: f, term: maxTerm(v) } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'no-leader',
      say: 'Without a leader etcd refuses every write and every linearizable read; the apiservers turn not ready, kubectl times out, no pod can be scheduled or replaced. The pods already running keep running: the kubelets and containers do not need etcd.',
      ask: () => 'Wait for the last leader to step down (try kubectl get pods in the console meanwhile).',
      begin: (v, prev) => prev ?? { target: '', term: maxTerm(v) },
      done: (v) => etcdLeaderHost(v) === undefined,
      showMe: () => [],
      waitsFor: 'CheckQuorum (an election timeout)',
    },
    {
      id: 'one-back',
      say: 'One member back makes 2 of 3 again: an election succeeds, writes resume, the controllers catch up from where they were.',
      ask: (b) => `Boot ${b.target} again.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && etcdLeaderHost(v) !== undefined,
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'A majority or nothing: etcd chooses consistency over availability, and Kubernetes freezes its desired state while the workloads keep serving.',
};

export const LESSONS: readonly Lesson[] = [
  workerDeath, haLease, raftElection, quorumLoss, apiserverPath, schedulerSsd, stackedVsExternal, controllerLoops, rollingUpdate,
  smallClusterTour, nodeAgents, etcdHistory, snapshotRestore, podNetwork, jobsLesson, terminateVsCrash,
];

export function lessonById(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
