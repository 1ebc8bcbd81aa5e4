import { setTimeout as sleep } from 'node:timers/promises';

export interface RateLimiterConstraints {
  /** Requests per second. */
  rate: number;
  /** Requests that may go at once after a quiet spell. Default 1: evenly spaced, safe on sliding windows. */
  burst?: number;
  now?: () => number;
  wait?: (ms: number) => Promise<unknown>;
}

/** A token bucket shared by every request of a run. */
export interface RateLimiter {
  /** Resolves when the caller may send one request. */
  take(): Promise<void>;
}

export function createRateLimiter(constraints: RateLimiterConstraints): RateLimiter {
  const burst = constraints.burst ?? 1;
  const interval = 1000 / constraints.rate;
  const now = constraints.now ?? (() => performance.now());
  const wait = constraints.wait ?? sleep;
  // Tokens go negative: a debt that callers already waiting have reserved, so none race for one token.
  let tokens = burst;
  let refilledAt = now();
  return {
    async take(): Promise<void> {
      const t = now();
      tokens = Math.min(burst, tokens + (t - refilledAt) / interval) - 1;
      refilledAt = t;
      if (tokens < 0) await wait(-tokens * interval);
    },
  };
}
