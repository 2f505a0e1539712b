// Pacing: which sim time the run should have reached by now, at the chosen speed. The
// anchor is a (wall, sim) pair the target grows from. A turn that could not reach the
// target keeps its debt, so the next turns catch up (the chosen speed is reached
// whenever the machine can); past `maxDebtWallMs` the excess is forgiven, so a run does
// not race for long after a stall it could not help (a tab in the background).

export class Pace {
  private anchor = { wall: 0, sim: 0 };

  constructor(private readonly maxDebtWallMs = 2000) {}

  /** Starts pacing from here (start, resume, a new speed, the end of the boot). */
  reanchor(wall: number, sim: number): void {
    this.anchor = { wall, sim };
  }

  /** The sim time the run should have reached at `wall` (Infinity: as fast as possible). */
  target(wall: number, speed: number): number {
    return speed === 0 ? Infinity : this.anchor.sim + (wall - this.anchor.wall) * speed;
  }

  /** The run stopped at `sim`, short of the target: keep at most maxDebtWallMs of debt. */
  behind(sim: number, wall: number, speed: number): void {
    const maxDebt = this.maxDebtWallMs * speed;
    if (this.target(wall, speed) - sim > maxDebt) this.anchor = { wall, sim: sim + maxDebt };
  }
}
