// The coordinator posts frames at the pace the page draws them, once the page says it
// draws (src/host/frame-gate.ts), on a fake wall clock.

import { describe, expect, it } from 'vitest';
import type { Frame } from '../protocol/frames';
import { DEFAULT_SETUP } from '../protocol/cluster-setup';
import { Coordinator } from './coordinator';
import { DRAWN_WAIT_MAX_MS } from './frame-gate';
import { InWorkerDriver } from './in-worker-driver';
import { FakeClock } from './testing/fake-clock';

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

describe('frames at the pace the page draws them', () => {
  it('after a frame-drawn, the next frame waits for the next one (or the wait limit); the events still all arrive', async () => {
    const clock = new FakeClock();
    const frames: Frame[] = [];
    const c = new Coordinator({ post: (f) => frames.push(f), wallNow: () => clock.wall, setTimer: clock.setTimer, createDriver: () => new InWorkerDriver(), scenarios: {} });
    const advance = async (ms: number) => {
      for (let end = clock.wall + ms; clock.wall < end; ) {
        clock.advance(Math.min(16, end - clock.wall));
        await settle();
      }
    };
    c.handle({ type: 'start', setup: DEFAULT_SETUP, speed: 1, playing: true });
    await settle();
    await advance(1000);
    const ungated = frames.length;
    expect(ungated).toBeGreaterThan(40); // one per 16 ms while the page never said it drew

    c.handle({ type: 'frame-drawn' });
    await advance(16);
    const afterDrawn = frames.length;
    expect(afterDrawn).toBe(ungated + 1);
    await advance(DRAWN_WAIT_MAX_MS - 40);
    expect(frames.length).toBe(afterDrawn); // nothing until drawn…
    await advance(48);
    expect(frames.length).toBe(afterDrawn + 1); // …or until the wait ran out
    for (let i = 0; i < 10; i++) {
      await advance(48);
      c.handle({ type: 'frame-drawn' });
      await settle();
    }
    expect(frames.length).toBe(afterDrawn + 11); // one per drawn
    // Fewer frames, the same story: every event of the run reached the page.
    c.handle({ type: 'trace', id: 1 });
    await advance(16);
    c.handle({ type: 'frame-drawn' });
    await advance(16);
    const reply = frames.flatMap((f) => f.replies).find((x) => x.id === 1)?.result;
    const seen = frames.reduce((n, f) => n + f.events.length + (f.eventsFolded ?? 0), 0);
    expect(reply?.ok && reply.output.split('\n').filter(Boolean).length).toBe(seen);
  });
});
