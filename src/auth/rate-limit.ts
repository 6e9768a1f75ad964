/**
 * Per-credential rate limits: a token bucket for each key, holding `burst` requests and
 * refilled at `perMinute / 60` a second. In memory, so each API instance limits on its
 * own: with N replicas a client may reach N times the rate (put a shared limiter in the
 * gateway if that matters). Full buckets are dropped, so memory follows active clients.
 */
export interface RateLimit {
  readonly perMinute: number;
  readonly burst: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly perMs: number;
  private sweptAt: number;

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = limit.perMinute / 60_000;
    this.sweptAt = now();
  }

  /** Spends one request of `key`'s allowance, or says how long until one is available. */
  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const tokens = this.tokens(key, now);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      return { allowed: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { allowed: false, retryAfterSeconds: this.wait(tokens) };
  }

  /** Returns one request to `key`'s allowance (spent on an attempt that turned out well). */
  giveBack(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket !== undefined) bucket.tokens = Math.min(this.limit.burst, bucket.tokens + 1);
  }

  /** Whether `key` has a request left, without spending it. */
  has(key: string): boolean {
    return this.tokens(key, this.now()) >= 1;
  }

  /** Seconds until `key` has a request left (0 if it has one). */
  retryAfter(key: string): number {
    const tokens = this.tokens(key, this.now());
    return tokens >= 1 ? 0 : this.wait(tokens);
  }

  private tokens(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    return bucket === undefined
      ? this.limit.burst
      : Math.min(this.limit.burst, bucket.tokens + (now - bucket.at) * this.perMs);
  }

  private wait(tokens: number): number {
    return Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000));
  }

  /** How many clients are tracked (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.perMs >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
