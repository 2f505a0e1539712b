// When each console answer arrived, in sim time, so that a lesson that follows a seek
// back reads only the answers the learner had at that moment: a step done by reading
// `etcdctl get greeting --rev=2` after the moment sought is to do again, and the old
// answer must not count. The store keeps every reply across seeks (the console still
// prints them); this is the lesson's own record.

type Replies = Readonly<Record<number, unknown>>;

export class AnswerClock {
  private readonly at = new Map<string, number>();

  /** The result each stamp was for: the same result seen again is not news. */
  private readonly seen = new Map<string, unknown>();

  /** Stamps the replies that are new or answered again (a replayed line gives a new
   * result object) with the sim time `now`. */
  stamp(replies: Replies, now: number): void {
    for (const [id, r] of Object.entries(replies)) {
      if (this.seen.get(id) === r) continue;
      this.seen.set(id, r);
      this.at.set(id, now);
    }
  }

  /** The run went back to `to`: answers that came after it are forgotten (until a
   * replay answers them again or the learner asks again). */
  rewind(to: number): void {
    for (const [id, t] of this.at) if (t > to) this.at.delete(id);
  }

  /** The answer to command `id` counts. */
  readonly has = (id: string): boolean => this.at.has(id);
}
