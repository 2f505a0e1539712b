import type { ConsoleRoute } from '../protocol/commands';

// Faults: what a scenario, the chaos generator or the UI can do to the cluster.

/** Targets that name a role rather than a machine (contracts.md §2). */
export const LEADER_TARGETS = ['etcd-leader', 'scheduler-leader', 'controller-manager-leader'] as const;
export type LeaderTarget = (typeof LEADER_TARGETS)[number];

export type Fault =
  /** A machine name, or a leader target resolved when the fault fires. */
  | { readonly kind: 'kill'; readonly target: string }
  /** A machine name (crash then boot when it is up), a leader target, or "down" (boot every machine that is down). */
  | { readonly kind: 'restart'; readonly target: string }
  /** Symmetric: every link between different groups is cut. */
  | { readonly kind: 'partition'; readonly groups: readonly (readonly string[])[] }
  /** The cloud deletes the instance (`topology.cloud: sim`): the machine stops for good
   * and leaves the cluster; the cloud answers "no such instance" from then on. */
  | { readonly kind: 'terminate'; readonly target: string }
  /** Cuts one machine off from every other. */
  | { readonly kind: 'isolate'; readonly target: string }
  /** Heals every cut link, or only a machine's. */
  | { readonly kind: 'heal'; readonly target?: string }
  | { readonly kind: 'loss'; readonly rate: number }
  /** One-way: every machine of `from` stops reaching every machine of `to` (they still
   * reach `from`). Healed by heal. */
  | { readonly kind: 'cut'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** Network conditions: long delays (latency up to latencyMaxMs), duplication,
   * reordering, and duplicated, delayed ReadIndex traffic (sim/net.ts
   * READ_INDEX_KINDS). Omitted fields keep their value. */
  /** A gray failure: every etcd peer packet (port 2380) to or from the machine (a name
   * or a leader target, resolved when the fault fires) sent during the next `forMs`
   * takes `delayMs` more — a saturated peer NIC, a peer transport stuck in a GC pause.
   * Nothing is dropped, unlike a cut, and client traffic keeps its speed (sim/net.ts). */
  | { readonly kind: 'slow'; readonly target: string; readonly delayMs: number; readonly forMs: number }
  | { readonly kind: 'net'; readonly latencyMaxMs?: number; readonly duplicate?: number; readonly reorder?: number; readonly readIndex?: ReadIndexTrouble }
  /** A membership change, asked of etcd as an operator would (etcdctl through the
   * client machine; it may fail, e.g. without a leader). `add` starts the member on a
   * new host named like the member. */
  | { readonly kind: 'member'; readonly action: 'add' | 'add-learner' | 'promote' | 'remove'; readonly member: string };

/** Extra duplication and delay of ReadIndex traffic (0, 0: none). */
export interface ReadIndexTrouble {
  readonly duplicate: number;
  readonly delayMs: number;
}

/** A user's action that is not a fault (contracts.md §2's console and chaos steps): a
 * console line run as the page's console runs it (cordon, uncordon and drain are the
 * inspector's kubectl lines), or the chaos switch. */
export type Step =
  /** `route`: where the shell sends the line (a kubectl or etcdctl step names its program). */
  | { readonly kind: 'console'; readonly line: string; readonly route: ConsoleRoute }
  | { readonly kind: 'chaos'; readonly on: boolean };

export interface ScheduledStep {
  readonly at: number;
  readonly step: Step;
}

export interface ScheduledFault {
  readonly at: number;
  readonly fault: Fault;
}

/** `{ from, to, chaos: { crash, partition, loss, every } }`. */
export interface ChaosSpec {
  readonly from: number;
  readonly to: number;
  /** Crash random machines (never more than the etcd cluster tolerates) and restart them. */
  readonly crash: boolean;
  /** Random two-sided partitions, healed later. */
  readonly partition: boolean;
  /** Message loss rate while chaos runs (restored at `to`). */
  readonly loss: number;
  /** One chaos action per this many ms. */
  readonly everyMs: number;
}
