// How often frames go out while a cluster boots as fast as possible. Each frame costs
// the page a render; at one frame per 16 ms of a boot run flat out, the page fell
// behind, and the frame with the first etcd leader waited in its queue behind frames
// nobody had time to look at. So during the boot: the first frame at once (the
// cluster's shape), the first one with an etcd leader at once, the others at most every
// BOOT_FRAME_MS (issue 14: the first leader drawn within 1 s of navigation).

/** Wall ms between frames while booting. */
export const BOOT_FRAME_MS = 100;

export class BootFrames {
  private leaderShown = false;

  /** A new run boots. */
  reset(): void {
    this.leaderShown = false;
  }

  /** True once, for the first window after which there is an etcd leader: stop the
   * turn and send a frame now. */
  leaderElected(hasLeader: boolean): boolean {
    if (!hasLeader || this.leaderShown) return false;
    this.leaderShown = true;
    return true;
  }

  /** The least wall time between two frames. */
  gap(booting: boolean, frameMs: number): number {
    return booting ? Math.max(frameMs, BOOT_FRAME_MS) : frameMs;
  }
}
