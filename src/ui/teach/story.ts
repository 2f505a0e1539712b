// What a log line means for the story: its filter kind (the log's chips), whether it is
// a key event (a new leader, a machine down, a lease hand-over, NotReady, an eviction)
// or routine (lease renewals, readiness flaps, image pulls, repeated back-offs, folded by
// default), and which machines or pod it is about (a click selects them; selecting a
// card filters the log to them). Pure: trace event + its sentence in, facts out.

import type { TraceEvent } from '../../protocol/trace';

export const STORY_KINDS = ['raft', 'etcd', 'control-plane', 'nodes', 'pods', 'faults', 'console'] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

export const STORY_LABEL: Readonly<Record<StoryKind, string>> = {
  raft: 'Raft',
  etcd: 'etcd',
  'control-plane': 'control plane',
  nodes: 'nodes',
  pods: 'pods',
  faults: 'faults',
  console: 'console',
};

export interface StoryFacts {
  readonly story: StoryKind;
  /** A key event: shown by default, a caption in presenter mode, a stop for ← / →. */
  readonly key: boolean;
  /** Machines (or etcd members, resolved to their hosts by the caller) it is about. */
  readonly about: readonly string[];
  /** The pod it is about, "ns/name". */
  readonly pod?: string;
}

/** Events whose reason is housekeeping: the story goes on without them. */
const ROUTINE_REASONS = new Set([
  'Scheduled', // pod.bound says it first
  'Pulling', 'Pulled', 'Created', 'Started', 'Killing', 'SandboxChanged',
  'BackOff', 'Unhealthy', 'ProbeWarning',
  'LeaderElection', // lease.holder says it first
  'NodeNotReady', 'NodeReady', 'NodeSchedulable', 'NodeNotSchedulable', // node.ready says it first
]);

function kindOfObject(object: string): StoryKind {
  if (object.startsWith('pod/')) return 'pods';
  if (object.startsWith('node/')) return 'nodes';
  return 'control-plane';
}

/** "pod/default/web-1" → "default/web-1". */
function podOfObject(object: string): string | undefined {
  return object.startsWith('pod/') ? object.slice(4) : undefined;
}

export function storyOf(ev: TraceEvent, text: string): StoryFacts {
  switch (ev.type) {
    case 'raft.role':
      // A new leader and a leader stepping down are the story; the campaign around them is detail.
      return { story: 'raft', key: ev.role === 'leader' || text.includes('stepped down'), about: [ev.member] };
    case 'raft.vote':
    case 'raft.commit':
      return { story: 'raft', key: false, about: [ev.member] };
    case 'raft.note':
      return { story: 'raft', key: true, about: [ev.member] };
    case 'raft.snapshot':
      return { story: 'etcd', key: false, about: [ev.member] };
    case 'raft.apply':
      // Membership changes matter; lease grants, revokes and no-ops are bookkeeping.
      return { story: text.includes('no-op') ? 'raft' : 'etcd', key: text.includes('membership change'), about: [] };
    case 'etcd.member':
    case 'etcdctl.snapshot':
    case 'etcd.restore':
      return { story: 'etcd', key: true, about: [] };
    case 'fault':
      return { story: 'faults', key: true, about: ev.target && ev.target !== 'all' && ev.target !== 'down' ? [ev.target] : [] };
    case 'process.crash':
      return { story: 'faults', key: true, about: [ev.machine] };
    case 'machine.down':
    case 'machine.up':
      return { story: 'nodes', key: true, about: [ev.machine] };
    case 'kv.invoke':
    case 'kv.ok':
    case 'kv.fail':
    case 'kv.info':
      return { story: 'console', key: ev.type === 'kv.fail' || ev.type === 'kv.info', about: [] };
    case 'lease.holder':
      return { story: 'control-plane', key: true, about: [ev.holder] };
    case 'client.throttled':
      // A client held back by its own rate limit (at most one line per process per 10 s).
      return { story: ev.process === 'kubelet' || ev.process === 'kube-proxy' ? 'nodes' : 'control-plane', key: true, about: [ev.machine] };
    case 'apiserver.ready':
      // Not ready means etcd is out of reach (quorum lost): key. Ready again is the routine flap's end.
      return { story: 'control-plane', key: !ev.ready, about: [ev.machine] };
    case 'node.ready':
      return { story: 'nodes', key: true, about: [ev.node] };
    case 'pod.bound':
      // The control plane's own static pods binding at boot is not the story.
      return { story: 'pods', key: !ev.pod.startsWith('kube-system/'), about: [ev.node], pod: ev.pod };
    case 'pod.phase':
      return { story: 'pods', key: ev.phase === 'Failed', about: [ev.node], pod: ev.pod };
    case 'pod.deleted':
      return { story: 'pods', key: true, about: [], pod: ev.pod };
    case 'k8s.event': {
      const pod = podOfObject(ev.object);
      const node = ev.object.startsWith('node/') ? [ev.object.slice(5)] : [];
      const routine = ROUTINE_REASONS.has(ev.reason) || (ev.count ?? 1) > 1;
      return { story: kindOfObject(ev.object), key: !routine, about: node, ...(pod ? { pod } : {}) };
    }
    default:
      return { story: 'control-plane', key: false, about: [] };
  }
}

/** A line's shape for collapsing repeats: pods' random suffixes, ids and counts
 * blanked, so "Created pod: web-5d8f-x2k9q" and "… web-5d8f-7hq2c" read as one. */
export function shapeOf(text: string): string {
  return text
    .replace(/-[a-z0-9]{6,10}-[a-z0-9]{5}\b/g, '-…')
    .replace(/\b[0-9a-f]{12,}\b/g, '…')
    // Numbers, but not the ones that end a machine's name (worker-1 and worker-2 differ).
    .replace(/(?<![-\w])\d+(\.\d+)?/g, '#');
}

export interface Collapsed<L> {
  readonly line: L;
  /** How many lines of the same shape in a row it stands for (1: itself). */
  readonly repeats: number;
}

/** Each line's shape, once per line object (lines are immutable): the event log
 * collapses its whole list again at every new line, and at 30 workers three regex
 * passes over each of up to 500 lines per data frame were its largest cost. */
const shapes = new WeakMap<object, string>();

function shapeOfLine(line: { readonly text: string }): string {
  let shape = shapes.get(line);
  if (shape === undefined) shapes.set(line, (shape = shapeOf(line.text)));
  return shape;
}

/** Consecutive lines of the same shape become one, counted. */
export function collapseRepeats<L extends { readonly text: string }>(lines: readonly L[]): Collapsed<L>[] {
  const out: { line: L; repeats: number; shape: string }[] = [];
  for (const line of lines) {
    const shape = shapeOfLine(line);
    const last = out[out.length - 1];
    if (last && last.shape === shape) last.repeats++;
    else out.push({ line, repeats: 1, shape });
  }
  return out.map(({ line, repeats }) => ({ line, repeats }));
}
