// The first minute on the page: a small Deployment is already running (so killing a
// worker has something to lose; DEFAULT_DEPLOYMENT in src/protocol/cluster-setup.ts),
// and the "Try this" card's offers for the topology on screen, each naming the machine
// it acts on (a newcomer cannot tell which master holds the etcd leader or the
// scheduler's lease). Pure: the card draws these.

import type { MachineKind } from '../../protocol/frames';

export type TryAction = 'kill-etcd-leader' | 'kill-scheduler-leader' | 'kill-worker' | 'lose-quorum';

export interface TryOffer {
  readonly action: TryAction;
  /** What the button says, naming the machines. */
  readonly label: string;
  /** What to watch for afterwards. */
  readonly expect: string;
  /** The machines it kills (empty when it cannot run now). */
  readonly kill: readonly string[];
  /** It needs the HA topology: the button switches to it instead. */
  readonly needsHa?: boolean;
  /** Why it cannot run right now (no leader yet, already down). */
  readonly waiting?: string;
}

export interface ClusterPicture {
  readonly machines: readonly { readonly name: string; readonly kind: MachineKind; readonly up: boolean }[];
  /** Host machine → its etcd member's role (live members only). */
  readonly roles: Readonly<Record<string, string>>;
  /** The machine holding the kube-scheduler Lease, '' when none. */
  readonly schedulerHolder: string;
  /** Worker → how many of its pods are not static. */
  readonly podsOn: Readonly<Record<string, number>>;
}

function ordinalOf(name: string): number {
  return Number(/(\d+)$/.exec(name)?.[1] ?? 0);
}

export function tryOffers(c: ClusterPicture): TryOffer[] {
  // Each name's number once (the card asks on every change of the machines: at 30
  // workers a regex per comparison of the workers' sort was most of its time).
  const ordinals = new Map<string, number>();
  const ordinal = (name: string): number => {
    let n = ordinals.get(name);
    if (n === undefined) ordinals.set(name, (n = ordinalOf(name)));
    return n;
  };
  const masters = c.machines.filter((m) => m.kind === 'master');
  const hosts = Object.keys(c.roles).sort((a, b) => ordinal(a) - ordinal(b));
  const external = c.machines.some((x) => x.kind === 'etcd');
  const memberHosts = c.machines.filter((m) => m.kind === 'etcd' || (m.kind === 'master' && (m.name in c.roles || !external)));
  const single = masters.length < 2;
  const leader = hosts.find((h) => c.roles[h] === 'leader');
  const offers: TryOffer[] = [];

  offers.push(leader
    ? { action: 'kill-etcd-leader', kill: [leader], label: `Kill the etcd leader's machine (${leader})`, expect: single ? 'the only member is gone: the API stops answering, the pods keep running' : 'a follower times out and wins a higher term' }
    : { action: 'kill-etcd-leader', kill: [], label: "Kill the etcd leader's machine", expect: '', waiting: 'no etcd leader right now' });

  if (single) {
    offers.push({ action: 'kill-scheduler-leader', kill: [], needsHa: true, label: 'Kill the scheduler lease holder: switch to 3 masters', expect: 'with one master there is no one to take the lease over' });
  } else {
    const h = c.schedulerHolder;
    offers.push(h && c.machines.some((m) => m.name === h && m.up)
      ? { action: 'kill-scheduler-leader', kill: [h], label: `Kill the scheduler lease holder (${h})`, expect: 'another master takes the lease once it expires (15 s)' }
      : { action: 'kill-scheduler-leader', kill: [], label: 'Kill the scheduler lease holder', expect: '', waiting: 'no live lease holder right now' });
  }

  // The worker with the most pods: it has the most to lose.
  const workers = c.machines.filter((m) => m.kind === 'worker' && m.up).sort((a, b) => (c.podsOn[b.name] ?? 0) - (c.podsOn[a.name] ?? 0) || ordinal(b.name) - ordinal(a.name));
  const w = workers[0];
  offers.push(w
    ? { action: 'kill-worker', kill: [w.name], label: `Kill a worker (${w.name}, ${c.podsOn[w.name] ?? 0} pods)`, expect: 'NotReady after the grace period, then its pods are evicted and replaced' }
    : { action: 'kill-worker', kill: [], label: 'Kill a worker', expect: '', waiting: 'no live worker' });

  if (single) {
    offers.push({ action: 'lose-quorum', kill: [], needsHa: true, label: 'Lose quorum: switch to 3 masters', expect: 'one member is its own quorum; with three, two must agree' });
  } else {
    // Kill a majority, followers first: the leader left alone steps down (CheckQuorum).
    const live = memberHosts.filter((m) => m.up).map((m) => m.name).sort((a, b) => (c.roles[a] === 'leader' ? 1 : 0) - (c.roles[b] === 'leader' ? 1 : 0) || ordinal(a) - ordinal(b));
    const majority = Math.floor(memberHosts.length / 2) + 1;
    const needed = live.length - (memberHosts.length - majority);
    offers.push(needed > 0
      ? { action: 'lose-quorum', kill: live.slice(0, needed), label: `Lose quorum: kill ${live.slice(0, needed).join(' and ')} (${memberHosts.length - live.length + needed} of ${memberHosts.length} etcd members down)`, expect: 'no leader can be elected: writes stop, kubectl times out, the pods keep running' }
      : { action: 'lose-quorum', kill: [], label: 'Lose quorum', expect: '', waiting: 'quorum is already lost' });
  }
  return offers;
}
