// Callbacks due at a sim time, run from a process's tick (a process has no timers of
// its own: time only moves when the host hands it inputs).

export class Timers {
  private readonly due: { at: number; fn: () => void }[] = [];

  at(time: number, fn: () => void): void {
    this.due.push({ at: time, fn });
  }

  /** Runs, in the order they were set, the callbacks due by `now`. */
  run(now: number): void {
    for (let i = 0; i < this.due.length; ) {
      if (this.due[i]!.at <= now) this.due.splice(i, 1)[0]!.fn();
      else i++;
    }
  }
}
