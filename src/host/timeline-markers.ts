// The timeline's markers (issue 11), from the trace as it streams: faults, new etcd
// leaders, lease hand-overs, nodes NotReady / Ready, evictions, restores, violations.
// Each marker remembers the position in the run's trace of the event that made it,
// because that, not its sim time, is what a seek and a fork are exact about: the
// cluster rebuilt at T has exactly the first N events of the run, a fork there keeps
// the markers of those, and re-executing events this book has seen adds nothing (the
// same run makes the same markers).

import type { MarkerKind, TimelineMarker } from '../protocol/timeline';
import type { TraceEvent } from '../protocol/trace';

/** Markers kept at most; a long chaos run drops the oldest (and says how many). */
export const MAX_MARKERS = 5000;

interface Kept extends TimelineMarker {
  /** Position of its event in the run's whole trace (0-based). */
  readonly index: number;
  /** For a lease hand-over: the lease and its new holder (a fork recomputes holders). */
  readonly lease?: readonly [string, string];
}

/** The marker an event makes, if any. `holders` tracks lease holders so only a
 * hand-over (a new holder) is marked, not every renewal. */
export function markerOf(ev: TraceEvent, holders: Map<string, string>): { kind: MarkerKind; label: string } | undefined {
  switch (ev.type) {
    case 'fault':
      return { kind: 'fault', label: `${ev.action}${ev.target ? ` ${ev.target}` : ''}${ev.groups ? ` ${ev.groups.map((g) => g.join(',')).join(' | ')}` : ''}${ev.via && ev.via !== 'ui' ? ` (${ev.via})` : ''}` };
    case 'raft.role':
      return ev.role === 'leader' ? { kind: 'leader', label: `${ev.member} became leader (term ${ev.term})` } : undefined;
    case 'lease.holder': {
      // A node's own lease never changes hands: only the control plane's are marked.
      if (ev.lease.startsWith('kube-node-lease/') || holders.get(ev.lease) === ev.holder) return undefined;
      holders.set(ev.lease, ev.holder);
      return { kind: 'lease', label: `${ev.lease} lease → ${ev.holder || 'nobody'}` };
    }
    case 'node.ready':
      return { kind: 'node', label: `${ev.node} ${ev.ready ? 'Ready' : 'NotReady'}` };
    case 'k8s.event':
      return ev.reason === 'TaintManagerEviction' ? { kind: 'eviction', label: `evicted ${ev.object.replace(/^Pod\//, '')}` } : undefined;
    case 'etcd.restore':
      return { kind: 'restore', label: `etcd restored from ${ev.file} (revision ${ev.revision})` };
    case 'process.crash':
      return { kind: 'violation', label: `${ev.process} on ${ev.machine} crashed: ${ev.error}` };
    default:
      return undefined;
  }
}

export class MarkerBook {
  private markers: Kept[] = [];
  private holders = new Map<string, string>();
  /** Events of the run's trace scanned so far: re-executed ones add nothing. */
  private seen = 0;
  private dropped = 0;
  /** Bumped on every change (frames carry the list only when it moved). */
  version = 0;

  /** The events trace[from..] whose positions in the whole trace are base + i. */
  scan(trace: readonly TraceEvent[], from: number, base: number): void {
    for (let i = Math.max(from, this.seen - base); i < trace.length; i++) {
      const ev = trace[i]!;
      const m = markerOf(ev, this.holders);
      if (m) this.push({ at: ev.t, ...m, index: base + i, ...(ev.type === 'lease.holder' ? { lease: [ev.lease, ev.holder] as const } : {}) });
    }
    this.seen = Math.max(this.seen, base + trace.length);
  }

  /** A marker that does not come from one event (a verdict that turned red), placed
   * where the run's trace has `index` events. */
  note(at: number, kind: MarkerKind, label: string, index: number): void {
    if (this.markers.some((m) => m.kind === kind && m.label === label)) return;
    this.push({ at, kind, label, index });
  }

  /** A fork where the run's trace has `events` events: the dropped future's markers go. */
  cut(events: number): void {
    const keep = this.markers.findIndex((m) => m.index >= events);
    if (keep >= 0) {
      this.markers = this.markers.slice(0, keep);
      this.version++;
    }
    this.seen = Math.min(this.seen, events);
    // Lease holders as of the fork: recomputed from what is kept.
    this.holders = new Map();
    for (const m of this.markers) if (m.lease) this.holders.set(m.lease[0], m.lease[1]);
  }

  get list(): readonly TimelineMarker[] {
    return this.markers.map(({ at, kind, label }) => ({ at, kind, label }));
  }

  get droppedCount(): number {
    return this.dropped;
  }

  private push(m: Kept): void {
    this.markers.push(m);
    if (this.markers.length > MAX_MARKERS) {
      const over = this.markers.length - MAX_MARKERS;
      this.markers.splice(0, over);
      this.dropped += over;
    }
    this.version++;
  }
}
