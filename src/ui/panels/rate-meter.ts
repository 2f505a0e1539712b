// The header's measured speed, smoothed: sim ms per wall ms over the last few seconds,
// not a one-second sample (which swings with every slow frame, issue 14: 0.4× to 42×).

export class RateMeter {
  private samples: { wall: number; sim: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  /** Adds a sample; returns the rate over the window (undefined until two samples). */
  sample(wall: number, sim: number): number | undefined {
    this.samples.push({ wall, sim });
    while (this.samples.length > 2 && wall - this.samples[1]!.wall >= this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    return wall > first.wall ? (sim - first.sim) / (wall - first.wall) : undefined;
  }

  /** Paused, finished or restarted: the next rate starts afresh. */
  reset(): void {
    this.samples = [];
  }
}
