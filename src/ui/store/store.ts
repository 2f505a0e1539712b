// One zustand store of slices (style.md §5): the latest frame merged with structural
// sharing, a bounded event log, the selection, command replies and notices. Components
// read it through per-atom selectors; the packet animation reads it through
// `subscribe` into refs, never through React state.

import type { Verdict } from '../../protocol/verdict';
import { createStore, useStore, type StoreApi } from 'zustand';
import type { Profile } from '../../protocol/commands';
import type { EtcdMemberView, Frame, MachineState, PacketView } from '../../protocol/frames';
import type { RaftRole } from '../../protocol/trace';
import type { CommandResult } from '../../protocol/commands';
import { narrate, type LineKind } from '../narrate';
import { storyOf, type StoryFacts } from '../teach/story';
import { shareDeep } from './share';
import { applyViewChanges } from '../../protocol/view-patch';
import { clockAfterFrame, STOPPED_CLOCK, type ClockSample } from '../graph/sim-clock';
import type { TimelineMarker } from '../../protocol/timeline';

/** How many event-log lines are kept. */
export const LOG_LIMIT = 500;
/** The log cut to LOG_LIMIT lines, the oldest routine lines (story.ts: image pulls,
 * repeats, readiness flaps) going first: 300 pods starting make thousands of them, and a
 * plain cut of the oldest lines left the folded log empty, every key line (the leader,
 * the nodes Ready, the boot) pushed out by routine ones. */
export function trimLog(lines: readonly LogLine[]): readonly LogLine[] {
  let drop = lines.length - LOG_LIMIT;
  if (drop <= 0) return lines;
  const kept: LogLine[] = [];
  for (const l of lines) {
    if (drop > 0 && !l.key) drop--;
    else kept.push(l);
  }
  return drop > 0 ? kept.slice(drop) : kept;
}

/** How many command replies are kept. */
const REPLY_LIMIT = 100;

export interface LogLine {
  readonly seq: number;
  /** Sim ms. */
  readonly t: number;
  readonly text: string;
  readonly kind: LineKind;
  /** The story's facts (src/ui/teach/story.ts), members resolved to their machines. */
  readonly story: StoryFacts['story'];
  readonly key: boolean;
  readonly about: readonly string[];
  readonly pod?: string;
}

export interface Notice {
  readonly id: number;
  readonly text: string;
  readonly kind: 'param' | 'error';
}

export interface ClusterSlice {
  readonly now: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly finished: boolean;
  /** Machine workers the simulation is waiting for (a stalled window), if any. */
  readonly stalled: readonly string[] | undefined;
  readonly profile: Profile | undefined;
  /** The chaos switch, as the coordinator last said. */
  readonly chaos: boolean;
  /** The last live verdict (set once chaos has run). */
  readonly verdict: Verdict | undefined;
  /** Frames received; 0 until the cluster first shows up. */
  readonly frameCount: number;
  /** Play-state commands (setsPlayState) the page sent, and the last frame had heard
   * (Frame.heard): while fewer were heard, the frame's `playing` is older than the
   * learner's last Play or Pause. */
  readonly playSent: number;
  readonly playHeard: number;
  readonly machineNames: readonly string[];
  readonly machines: Readonly<Record<string, MachineState>>;
  /** The last etcd view seen per host machine: what a down member's card still shows. */
  readonly lastEtcd: Readonly<Record<string, EtcdMemberView>>;
  readonly packets: readonly PacketView[];
  readonly cut: readonly string[];
  /** The sim clock the drawing moves by between frames (packet dots, election timers):
   * read with `simTimeAt` in animation frames, not through React state. */
  readonly clock: ClockSample;
  /** Election slow motion as the coordinator last said (Frame.slowMotion). */
  readonly slowMotion: Frame['slowMotion'];
  readonly applyFrame: (frame: Frame) => void;
  /** A play-state command goes to the coordinator (counted for playHeard). */
  readonly notePlayCommand: () => void;
  /** A new cluster starts: forget the old one. */
  readonly reset: () => void;
}

export interface LogSlice {
  readonly log: readonly LogLine[];
  /** A line the page itself tells (the console's commands): console lines by default. */
  readonly addLine: (text: string, kind: LineKind, facts?: Partial<StoryFacts>) => void;
}

export interface SelectionSlice {
  readonly selected: string | null;
  readonly select: (machine: string | null) => void;
}

export interface RepliesSlice {
  readonly replies: Readonly<Record<number, CommandResult>>;
}

export interface NoticeSlice {
  readonly notices: readonly Notice[];
  readonly notify: (text: string, kind: Notice['kind']) => void;
  readonly dismiss: (id: number) => void;
}

/** The timeline under the graph (issue 11; src/ui/timeline/). */
export interface TimelineSlice {
  readonly timeline: {
    /** The furthest sim time the run reached (a fork cuts it back). */
    readonly endMs: number;
    readonly markers: readonly TimelineMarker[];
    readonly markersDropped: number;
    readonly seekable: boolean;
  };
  /** Bumped by every frame that follows a seek (the run paused there). */
  readonly seekEpoch: number;
  /** A seek's preview is on screen (the view history's moment) while the exact cluster
   * is rebuilt behind it; `exact` false: that moment is up to one grain before `at`. */
  readonly seekPreview: { readonly at: number; readonly exact: boolean } | null;
}

export type LabState = ClusterSlice & LogSlice & SelectionSlice & RepliesSlice & NoticeSlice & TimelineSlice;
export type LabStore = StoreApi<LabState>;

const EMPTY_TIMELINE: TimelineSlice['timeline'] = { endMs: 0, markers: [], markersDropped: 0, seekable: false };

const EMPTY_CLUSTER = {
  now: 0, playing: false, speed: 1, finished: false, stalled: undefined as readonly string[] | undefined, profile: undefined, chaos: false, verdict: undefined as Verdict | undefined, frameCount: 0, playHeard: 0,
  machineNames: [] as readonly string[], machines: {}, lastEtcd: {}, packets: [] as readonly PacketView[], cut: [] as readonly string[],
  clock: STOPPED_CLOCK, slowMotion: undefined as Frame['slowMotion'],
};

/** The etcd member view a machine publishes, if any. */
export function etcdViewOf(m: MachineState | undefined): EtcdMemberView | undefined {
  const v = m?.processes?.['etcd'] as EtcdMemberView | undefined;
  return v && v.kind === 'etcd' ? v : undefined;
}

export function createLabStore(): LabStore {
  // What narrate() needs to know about the past; not state anyone draws.
  const roles = new Map<string, RaftRole>();
  let appliedUpTo = 0;
  let seq = 0;
  let noticeId = 0;
  const dismissed = new Set<string>();

  return createStore<LabState>()((set, get) => {
    const withLines = (log: readonly LogLine[], lines: readonly LogLine[]): readonly LogLine[] => {
      if (lines.length === 0) return log;
      const next = log.concat(lines);
      return next.length > LOG_LIMIT ? trimLog(next) : next;
    };
    const pushLines = (lines: LogLine[]) => {
      if (lines.length > 0) set({ log: withLines(get().log, lines) });
    };

    const notify = (text: string, kind: Notice['kind']) => {
      if (dismissed.has(text) || get().notices.some((n) => n.text === text)) return;
      set({ notices: [...get().notices, { id: ++noticeId, text, kind }] });
    };

    /** "etcd-2" → the machine it runs on (master-2 stacked, etcd-2 external); machine
     * names pass through. */
    const hostOfMember = (name: string, views: LabState['lastEtcd']): string => {
      if (!name.startsWith('etcd-')) return name;
      for (const host of Object.keys(views)) if (views[host]!.member === name) return host;
      return name;
    };

    const narrateEvents = (frame: Frame, lastEtcd: LabState['lastEtcd']): LogLine[] => {
      const lines: LogLine[] = [];
      if (frame.eventsFolded) {
        const first = frame.events[0]?.t ?? frame.now;
        lines.push({ seq: ++seq, t: first, text: `… ${frame.eventsFolded} earlier events not shown (the run went faster than the log can follow; the full trace is kept)`, kind: 'info', story: 'control-plane', key: false, about: [] });
      }
      for (const ev of frame.events) {
        let n;
        if (ev.type === 'raft.role') {
          n = narrate(ev, { prevRole: roles.get(ev.member) });
          roles.set(ev.member, ev.role);
        } else if (ev.type === 'raft.apply') {
          n = narrate(ev, { firstApply: ev.index > appliedUpTo });
          appliedUpTo = Math.max(appliedUpTo, ev.index);
        } else {
          if (ev.type === 'machine.down') {
            // A member on a machine that goes down boots as a follower: forget its role.
            const view = lastEtcd[ev.machine];
            if (view) roles.delete(view.member);
          }
          n = narrate(ev);
        }
        if (!n) continue;
        const facts = storyOf(ev, n.text);
        lines.push({ seq: ++seq, t: ev.t, text: n.text, kind: n.kind, ...facts, about: facts.about.map((a) => hostOfMember(a, lastEtcd)) });
      }
      return lines;
    };

    /** A seek back or a fork rebuilt the cluster at an earlier time: what was gathered
     * since is from another time (the frame then carries the newest events up to it). */
    const rewind = (rebuilt: boolean) => {
      if (rebuilt) {
        roles.clear();
        appliedUpTo = 0;
        set({ log: [], lastEtcd: {}, verdict: undefined });
      }
      set({ seekEpoch: get().seekEpoch + 1 });
    };

    const applyFrame = (frame: Frame) => {
      if (frame.seeked) rewind(frame.seeked.rebuilt);
      const preview = frame.seeked?.preview ? { at: frame.seeked.to, exact: frame.seeked.preview.exact } : frame.seeked || frame.playing ? null : get().seekPreview;
      if (preview !== get().seekPreview) set({ seekPreview: preview });
      const prev = get();
      // A machine marked sameView keeps the views this store already has; one with
      // viewChanges gets them applied to those (copy-on-write: the rest keeps its identity).
      const incoming = frame.machines.map((m) => (m.sameView || m.viewChanges ? withViewsOf(m, prev.machines[m.name]) : m));
      const machineList = shareDeep(prev.machineNames.map((n) => prev.machines[n]), incoming) as readonly MachineState[];
      let machines = prev.machines;
      let lastEtcd = prev.lastEtcd;
      let changed = machineList.length !== prev.machineNames.length;
      for (const m of machineList) {
        if (prev.machines[m.name] !== m) changed = true;
        const view = etcdViewOf(m);
        if (view && lastEtcd[m.name] !== view) lastEtcd = { ...lastEtcd, [m.name]: view };
      }
      if (changed) machines = Object.fromEntries(machineList.map((m) => [m.name, m]));
      const names = machineList.map((m) => m.name);
      const machineNames = shareDeep(prev.machineNames, names);

      let replies = prev.replies;
      if (frame.replies.length > 0) {
        const next: Record<number, CommandResult> = { ...replies };
        for (const r of frame.replies) next[r.id] = r.result;
        const ids = Object.keys(next).map(Number).sort((a, b) => a - b);
        for (const id of ids.slice(0, Math.max(0, ids.length - REPLY_LIMIT))) delete next[id];
        replies = next;
      }

      // The log lines in the same update as the frame: one pass over the store's
      // subscribers per frame, not two.
      const lines = narrateEvents(frame, lastEtcd);
      // What the host says (the boot ran as fast as possible…), in the log at its time:
      // the cluster is up, a key line (shown unfolded) under the control-plane chip.
      if (frame.notes) for (const text of frame.notes) lines.push({ seq: ++seq, t: frame.now, text, kind: 'info', story: 'control-plane', key: true, about: [] });
      set({
        log: withLines(get().log, lines),
        now: frame.now, playing: frame.playing, speed: frame.speed, finished: frame.finished,
        stalled: frame.stalled && frame.stalled.machines.length > 0 ? frame.stalled.machines : undefined,
        profile: frame.profile ?? prev.profile, frameCount: prev.frameCount + 1, playHeard: frame.heard ?? prev.playHeard,
        chaos: frame.chaos ?? false, verdict: frame.verdict ?? prev.verdict,
        machineNames, machines, lastEtcd, replies,
        packets: frame.packets,
        cut: shareDeep(prev.cut, frame.cut),
        clock: clockAfterFrame(prev.clock, frame, performance.now()),
        slowMotion: shareDeep(prev.slowMotion, frame.slowMotion),
        ...(frame.timeline
          ? {
              timeline:
                frame.timeline.markers || frame.timeline.endMs !== prev.timeline.endMs || frame.timeline.seekable !== prev.timeline.seekable
                  ? { endMs: frame.timeline.endMs, seekable: frame.timeline.seekable, markers: frame.timeline.markers ?? prev.timeline.markers, markersDropped: frame.timeline.markersDropped ?? (frame.timeline.markers ? 0 : prev.timeline.markersDropped) }
                  : prev.timeline,
            }
          : {}),
      });
      if (frame.error) notify(frame.error, 'error');
      if (frame.stalled && frame.stalled.machines.length > 0) {
        const who = frame.stalled.machines.join(', ');
        // One banner per stall, whatever its length (the text must not change with it).
        notify(`The simulation is waiting for ${who}: its worker has stopped answering (a busy tab or a slow machine). Kill ${frame.stalled.machines[0]} to go on without it.`, 'error');
      }
    };

    return {
      ...EMPTY_CLUSTER,
      applyFrame,
      // Not in EMPTY_CLUSTER: a reset must not forget commands the coordinator counts.
      playSent: 0,
      notePlayCommand: () => set({ playSent: get().playSent + 1 }),
      reset: () => {
        roles.clear();
        appliedUpTo = 0;
        set({ ...EMPTY_CLUSTER, log: [], selected: null, replies: {}, timeline: EMPTY_TIMELINE });
      },
      timeline: EMPTY_TIMELINE,
      seekEpoch: 0,
      seekPreview: null,
      log: [],
      addLine: (text, kind, facts) => pushLines([{ seq: ++seq, t: get().now, text, kind, story: 'console', key: true, about: [], ...facts }]),
      selected: null,
      select: (machine) => set({ selected: machine }),
      replies: {},
      notices: [],
      notify,
      dismiss: (id) => {
        const n = get().notices.find((x) => x.id === id);
        if (n) dismissed.add(n.text);
        set({ notices: get().notices.filter((x) => x.id !== id) });
      },
    };
  });
}

/** Whether the last frame heard every Play and Pause the page sent: only then does its
 * `playing` say what the coordinator does now (the playback machine follows it then). */
export const playStateCurrent = (s: LabState): boolean => s.frameCount > 0 && s.playHeard >= s.playSent;

/** The page's store. */
export const labStore = createLabStore();

/** Reads one atom of the page's store; re-renders only when that atom changes. */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(labStore, selector);
}

/** A machine the frame marked `sameView` or sent as `viewChanges`, with the views the
 * store already has (changed as the frame says). */
function withViewsOf(m: MachineState, had: MachineState | undefined): MachineState {
  const { sameView: _same, viewChanges, ...rest } = m;
  const processes = viewChanges ? applyViewChanges(had?.processes ?? {}, viewChanges) : had?.processes;
  return processes ? { ...rest, processes } : rest;
}
