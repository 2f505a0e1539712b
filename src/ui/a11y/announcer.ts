// What a screen reader hears: the event log's key lines, at most one announcement every
// few seconds, the rest folded. Pure: the caller passes the wall clock in, so the rules
// are tested without timers. The log's own narration (src/ui/narrate.ts) is the text;
// this only picks, ranks and folds.

import type { LineKind } from '../narrate';

/** Shortest wall-clock gap between two announcements: a screen reader needs a few
 * seconds to speak one, and a queue of stale news helps no one. */
export const ANNOUNCE_GAP_MS = 4000;
/** Key lines held at most; beyond that the least important is counted, not kept. */
const HELD_LIMIT = 6;
/** Key lines spoken in one announcement; the others are folded into "and N more". */
const SPOKEN_PER_ANNOUNCEMENT = 2;

export interface AnnouncedLine {
  readonly text: string;
  readonly kind: LineKind;
}

/** How much a line matters to someone who cannot see the graph: 0 = routine (not
 * announced). The patterns follow narrate.ts's sentences. */
export function importance(line: AnnouncedLine): number {
  const t = line.text;
  if (line.kind === 'election' && / won the election and leads term \d+/.test(t)) return 3;
  if (line.kind === 'machine') return 3; // "<machine> is down" / "<machine> booted"
  if (/^check failed: /.test(t)) return 3;
  if (/^node \S+ is NotReady$/.test(t)) return 3;
  if (/evict/i.test(t)) return 2;
  if (line.kind === 'election' && /stepped down/.test(t)) return 2;
  if (/^LeaderElection: .* now holds the lease /.test(t)) return 1;
  return 0;
}

interface Held {
  readonly text: string;
  readonly rank: number;
  readonly order: number;
}

export class Announcer {
  private held: Held[] = [];
  private folded = 0;
  private order = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly gapMs = ANNOUNCE_GAP_MS) {}

  /** A new log line; routine lines are dropped here. */
  offer(line: AnnouncedLine): void {
    const rank = importance(line);
    if (rank === 0) return;
    this.held.push({ text: line.text, rank, order: this.order++ });
    if (this.held.length > HELD_LIMIT) {
      // Forget the least important, oldest first: it is counted in "and N more".
      const worst = this.held.reduce((w, h) => (h.rank < w.rank ? h : w));
      this.held = this.held.filter((h) => h !== worst);
      this.folded++;
    }
  }

  /** The announcement due at `nowMs` (wall clock), or null: nothing held, or too soon. */
  due(nowMs: number): string | null {
    if (this.held.length === 0 || nowMs - this.lastAt < this.gapMs) return null;
    // The most important first; among equals, in the order they happened.
    const ranked = this.held.slice().sort((a, b) => b.rank - a.rank || a.order - b.order);
    const spoken = ranked.slice(0, SPOKEN_PER_ANNOUNCEMENT).sort((a, b) => a.order - b.order);
    const more = ranked.length - spoken.length + this.folded;
    this.held = [];
    this.folded = 0;
    this.lastAt = nowMs;
    const text = spoken.map((h) => h.text).join('. ');
    return more > 0 ? `${text}. And ${more} more event${more === 1 ? '' : 's'} in the log.` : `${text}.`;
  }
}
