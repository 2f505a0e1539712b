// client-go's client-side rate limiter: rest.Config's QPS and Burst become
// flowcontrol.NewTokenBucketRateLimiter(qps, burst), a golang.org/x/time/rate Limiter
// (client-go util/flowcontrol/throttle.go). Its arithmetic, on the sim clock:
// - the bucket starts full, with `burst` tokens, and refills at `qps` tokens a second,
//   never above `burst`;
// - every request takes one token. When none is left, rate.Limiter's Wait reserves the
//   next one anyway (the count goes below zero) and sleeps until it has accrued, so
//   waiting requests are served in the order they asked, each 1/qps after the one before.
// A reservation is exact (fractional tokens included); its time is rounded up to the
// sim's whole milliseconds.

export class TokenBucket {
  /** Tokens at `last` (below zero: reserved ahead by requests still waiting). */
  private tokens: number;
  private last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    now: number,
  ) {
    if (!(qps > 0) || !(burst >= 1)) throw new Error(`a token bucket needs qps > 0 and burst >= 1 (got qps ${qps}, burst ${burst})`);
    this.tokens = burst;
    this.last = now;
  }

  /** Takes one token for a request asked at `now` (never earlier than the last
   * request asked): returns the sim time it may be sent at (`now` when a token was
   * there). */
  reserve(now: number): number {
    this.advance(now);
    this.tokens -= 1;
    if (this.tokens >= 0) return now;
    return now + Math.ceil((-this.tokens * 1000) / this.qps);
  }

  /** Tokens available at `now` (negative: that many requests are already booked
   * ahead). For views and tests. */
  available(now: number): number {
    this.advance(now);
    return this.tokens;
  }

  private advance(now: number): void {
    if (now <= this.last) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.qps) / 1000);
    this.last = now;
  }
}
