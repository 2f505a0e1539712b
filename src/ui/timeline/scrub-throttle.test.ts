import { describe, expect, it } from 'vitest';
import { ScrubThrottle, type ThrottleClock } from './scrub-throttle';

/** A hand-driven clock: `advance` runs the timers that come due. */
function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let ids = 0;
  const clock: ThrottleClock = {
    now: () => now,
    later: (fn, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    cancel: (h) => (timers = timers.filter((t) => t.id !== h)),
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  return { clock, advance, pending: () => timers.length };
}

describe('ScrubThrottle', () => {
  it('sends the first position at once and the last one of a quick drag after the interval', () => {
    const c = fakeClock();
    const sent: number[] = [];
    const t = new ScrubThrottle(80, (at) => sent.push(at), c.clock);
    t.scrub(1000);
    c.advance(10);
    t.scrub(2000);
    c.advance(10);
    t.scrub(3000);
    c.advance(10);
    t.scrub(4000); // the thumb stops here, the mouse still down
    expect(sent).toEqual([1000]);
    c.advance(49);
    expect(sent).toEqual([1000]);
    c.advance(1);
    expect(sent).toEqual([1000, 4000]);
    c.advance(1000);
    expect(sent).toEqual([1000, 4000]);
  });

  it('a release sends its position at once and drops the trailing one', () => {
    const c = fakeClock();
    const sent: number[] = [];
    const t = new ScrubThrottle(80, (at) => sent.push(at), c.clock);
    t.scrub(1000);
    c.advance(5);
    t.scrub(2000);
    t.flush(2500);
    expect(sent).toEqual([1000, 2500]);
    expect(c.pending()).toBe(0);
    c.advance(500);
    expect(sent).toEqual([1000, 2500]);
  });

  it('positions an interval apart all go out', () => {
    const c = fakeClock();
    const sent: number[] = [];
    const t = new ScrubThrottle(80, (at) => sent.push(at), c.clock);
    for (let i = 0; i < 5; i++) {
      t.scrub(i * 100);
      c.advance(80);
    }
    expect(sent).toEqual([0, 100, 200, 300, 400]);
  });

  it("the value reported again at the release sends nothing more (it would pause a run played right after)", () => {
    const c = fakeClock();
    const sent: number[] = [];
    const t = new ScrubThrottle(80, (at) => sent.push(at), c.clock);
    t.scrub(1000);
    c.advance(5);
    t.scrub(2000);
    t.flush(2000); // pointerup
    t.scrub(2000); // the range input's 'change' right after
    c.advance(500);
    expect(sent).toEqual([1000, 2000]);
    expect(c.pending()).toBe(0);
    t.scrub(2100); // a new drag goes on as before
    c.advance(80);
    expect(sent).toEqual([1000, 2000, 2100]);
  });
});
