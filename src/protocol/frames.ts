// What the coordinator sends the UI, at most once per animation frame, and the small
// views processes publish. The UI draws only from these; it never simulates.

import type { CommandResult } from './commands';
import type { Verdict } from './verdict';
import type { TraceEvent } from './trace';
import type { TimelineView } from './timeline';
import type { ViewChange } from './view-patch';

/** Dots the page draws on one directed link at once (src/ui/graph/PacketLayer.tsx): a
 * frame carries at most this many of the packets sent and delivered since the previous
 * frame per link and kind (see Frame.packets). */
export const MAX_DOTS_PER_LINK = 3;
/** Events one frame carries at most (see Frame.events). */
export const MAX_FRAME_EVENTS = 300;
/** Events the frame after a seek carries at most: the page rebuilds its event log from
 * them (it keeps 500 lines; not every event makes a line, but narrating more costs the
 * page time per scrubbed position: scripts/bench-seek-page.ts). */
export const MAX_SEEK_EVENTS = 1000;

/** `cloud`: the simulated cloud provider's API (only with `topology.cloud: sim`). */
export type MachineKind = 'master' | 'etcd' | 'worker' | 'client' | 'lb' | 'cloud';

export interface MachineState {
  readonly name: string;
  readonly kind: MachineKind;
  readonly status: 'up' | 'down';
  /** An etcd member runs on this machine (stacked masters, etcd hosts). */
  readonly etcd?: boolean;
  /** Per process name, that process's view(); absent while down, and when `sameView`
   * or `viewChanges`. */
  readonly processes?: Readonly<Record<string, unknown>>;
  /** The machine's views are those of the previous frame, so `processes` is left out
   * (most machines do nothing between two frames at 1×; src/coordinator/view-diff.ts). */
  readonly sameView?: true;
  /** The machine's views are those of the previous frame with these changes
   * (src/protocol/view-patch.ts: apply with `applyViewChanges`); `processes` is then
   * left out. Paths start at the process name. */
  readonly viewChanges?: readonly ViewChange[];
}

/** A packet in flight, for the edge animations. Hosts are machine names. */
export interface PacketView {
  readonly id: number;
  readonly from: string;
  readonly to: string;
  readonly kind: string;
  readonly sentAt: number;
  readonly deliverAt: number;
}

export interface Frame {
  /** Sim time, integer ms. */
  readonly now: number;
  readonly playing: boolean;
  /** How many commands that set playing or paused (`setsPlayState`: play, pause, step,
   * step-event, seek) the coordinator had taken when it made this frame. A page that has
   * sent more is ahead of the frame: its `playing` predates the page's last one. */
  readonly heard?: number;
  readonly speed: number;
  readonly machines: readonly MachineState[];
  /** The packets in flight, and those sent and delivered since the previous frame (at
   * most MAX_DOTS_PER_LINK per link and kind, the first ones), by id. */
  readonly packets: readonly PacketView[];
  /** Trace events since the previous frame, in order: at most the newest
   * MAX_FRAME_EVENTS of them (the whole trace is one request away). */
  readonly events: readonly TraceEvent[];
  /** How many older events since the previous frame were left out of `events` (a run
   * at "max" speed can make thousands between two frames; the log shows a count). */
  readonly eventsFolded?: number;
  /** Cut directed links "a>b". */
  readonly cut: readonly string[];
  /** Answers to UI commands that carried an id. */
  readonly replies: readonly { readonly id: number; readonly result: CommandResult }[];
  /** The run finished (a scenario's `until` reached). */
  readonly finished: boolean;
  /** Set when the coordinator could not do what was asked (a bad scenario on start, a
   * machine worker that crashed): a message for the learner. */
  readonly error?: string;
  /** The timing profile in use (the UI says which one is on). */
  readonly profile?: 'classroom' | 'realistic';
  /** What the host itself has to say, for the event log (e.g. that the boot ran as fast
   * as possible and the chosen speed starts now). Not trace events: the trace is the
   * simulation's alone, identical in every host. */
  readonly notes?: readonly string[];
  /** Whether the chaos switch is on. */
  readonly chaos?: boolean;
  /** The live verdict, when it was recomputed for this frame (about once a second of
   * wall time while chaos runs or after it ran). */
  readonly verdict?: Verdict;
  /** Machine workers that have not answered the window in flight for `waitingMs` (wall
   * ms): the simulation is waiting for them, not running. Killing one lets it go on. */
  readonly stalled?: { readonly machines: readonly string[]; readonly waitingMs: number };
  /** Election slow motion: whether it is switched on, and while it slows the run, why
   * (`election`: an etcd member is pre-candidate or candidate; `lease`: a control-plane
   * Lease is unheld) and the speed the run goes at instead of `speed`. */
  readonly slowMotion?: { readonly on: boolean; readonly active?: 'election' | 'lease'; readonly speed?: number };
  /** The timeline: the run's length, its markers when they changed (src/protocol/timeline.ts). */
  readonly timeline?: TimelineView;
  /** Set on the first frame after a seek (the run is paused at `to`). `rebuilt`: a seek
   * back, the cluster was re-executed up to `to`, so what the UI accumulated (log lines,
   * story, last views, verdict) is from another time and is dropped; `events` then
   * carries the newest events up to `to` (at most MAX_SEEK_EVENTS). */
  readonly seeked?: {
    readonly to: number;
    readonly rebuilt: boolean;
    /** Shown from the coordinator's view history (src/host/view-history.ts) while the
     * exact cluster is rebuilt behind it; `exact`: the moment kept holds at `to` itself
     * (else it is the nearest earlier one kept). A frame without `preview` follows once
     * the rebuild lands; acting waits for it. */
    readonly preview?: { readonly exact: boolean };
  };
}

/** One entry of a member's log, as the inspector draws it. */
export interface LogEntryView {
  readonly index: number;
  readonly term: number;
  /** Short words: "put k1=v3", "no-op". */
  readonly text: string;
}

/** The view an etcd member process publishes (process name "etcd"). */
export interface EtcdMemberView {
  readonly kind: 'etcd';
  readonly member: string; // "etcd-2"
  readonly id: number;
  readonly hexId: string; // as etcdctl prints it
  readonly role: 'follower' | 'precandidate' | 'candidate' | 'leader';
  readonly term: number;
  readonly vote: string | null;
  readonly leader: string | null;
  readonly commit: number;
  readonly applied: number;
  readonly lastIndex: number;
  readonly firstIndex: number;
  /** The index the last snapshot covers (0: none); entries before firstIndex were
   * compacted away. */
  readonly snapshotIndex?: number;
  /** The last few entries (newest last). */
  readonly log: readonly LogEntryView[];
  readonly revision: number;
  readonly keys: number;
  /** For a leader: per follower member name, how far it matches. */
  readonly progress?: Readonly<Record<string, { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot' }>>;
  /** Removed from the cluster by `etcdctl member remove` (the process no longer runs). */
  readonly removed?: boolean;
  /** A learner: replicates but does not vote (`member add --learner`). */
  readonly learner?: boolean;
  /** Not a leader: Raft's election timer (electionElapsed and randomizedElectionTimeout,
   * in ms of its 100 ms ticks) as of its last tick at sim ms `tickAt`; the card fills
   * an arc up to the timeout between ticks by the sim clock (RaftScope). */
  readonly electionTimer?: { readonly elapsedMs: number; readonly timeoutMs: number; readonly tickAt: number };
}

/** The view of the UI's own etcd client (process "console" on machine "client"). */
export interface ClientView {
  readonly kind: 'client';
  readonly endpoint: string;
  readonly pending: number;
}
