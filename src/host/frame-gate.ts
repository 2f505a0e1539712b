// Frames at the pace the page draws them. The coordinator may post a frame every 16 ms,
// but a page busy with a large cluster draws fewer: the frames it cannot draw queue up
// in its message queue, each costs a decode, a store update and a React render, and the
// page falls further behind (rAF intervals of 200–700 ms at 30 workers, issue 14). Once
// the page says it draws (UiCommand 'frame-drawn', sent from its animation frame), a
// frame is posted only after the previous one was drawn. A frame carries everything
// since the previous one (events, packets, view changes), so nothing is lost by posting
// fewer. A hidden tab draws nothing: past DRAWN_WAIT_MAX_MS a frame goes anyway, so the
// trace is still trimmed and the checker fed. Pages that never say (tests, Node) get
// every frame as before.

/** The longest the coordinator waits for the page to draw before it posts again. */
export const DRAWN_WAIT_MAX_MS = 250;

export class FrameGate {
  /** The page has said it drew a frame at least once: it will keep saying so. */
  private acking = false;
  /** Wall ms the frame the page has not drawn yet was posted, if any. */
  private undrawnSince: number | undefined;

  /** Whether a frame may be posted at `wall`. */
  open(wall: number): boolean {
    return !this.acking || this.undrawnSince === undefined || wall - this.undrawnSince >= DRAWN_WAIT_MAX_MS;
  }

  /** Wall ms until the gate opens at the latest. */
  waitMs(wall: number): number {
    return this.open(wall) ? 0 : Math.max(1, this.undrawnSince! + DRAWN_WAIT_MAX_MS - wall);
  }

  posted(wall: number): void {
    this.undrawnSince = wall;
  }

  drawn(): void {
    this.acking = true;
    this.undrawnSince = undefined;
  }
}
