import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { createClient } from '../../lib/client/index.js';
import { runEngine, SPEC } from './engine-run.js';
import { type LoopbackServer, type Recorded, requestKey } from './loopback.js';
import { throttlingTarget } from './targets.js';

// These targets answer at once: a timeout would only mean an overloaded test machine, not a finding.
const ANSWERING_TIMEOUT_MS = 15_000;
let emulator: RunningEmulator;
const servers: LoopbackServer[] = [];
const track = async (started: Promise<LoopbackServer>): Promise<LoopbackServer> => {
  const server = await started;
  servers.push(server);
  return server;
};
beforeAll(async () => {
  emulator = await startEmulator({ world: SPEC.world, limits: SPEC.profile.limits });
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await emulator.close();
});

/** Arrival times of each request's attempts, by request. */
function attemptsByRequest(requests: Recorded[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of requests) out.set(requestKey(r), [...(out.get(requestKey(r)) ?? []), r.receivedAt]);
  return out;
}

describe.concurrent('throttling that passes: the run waits, retries and ends conformant', () => {
  it.each([
    ['429 with Retry-After: 1', 429, '1', 950],
    ['503 without Retry-After', 503, undefined, 90],
  ] as const)('%s', async (_, status, retryAfter, minGapMs) => {
    const target = await track(
      throttlingTarget({ status, upstream: emulator.url, ...(retryAfter && { retryAfter }) }),
    );
    const run = await runEngine(target.url, { timeoutMs: ANSWERING_TIMEOUT_MS });
    expect(run.outcome.abort).toBeUndefined();
    for (const c of run.cases) expect(c.verdict, c.reason).toBe('passed');
    for (const rule of run.outcome.rules) expect(rule.verdict).toBe('passed');
    // Every request was throttled once, then retried after the wait the target asked for (or a backoff).
    const attempts = attemptsByRequest(target.requests);
    expect(attempts.size).toBe(run.cases.length);
    for (const [key, times] of attempts) {
      expect(times, key).toHaveLength(2);
      expect((times[1] ?? 0) - (times[0] ?? 0), key).toBeGreaterThanOrEqual(minGapMs);
    }
    expect(run.outcome.requests).toBe(target.requests.length);
  });
});

describe.concurrent('throttling that never ends: bounded retries, then the case says what happened', () => {
  /**
   * The client's default: 3 retries after the first attempt, never more; every attempt counted. This is
   * what bounds the run's length (asserted instead of a wall-clock bound, which would measure the load).
   */
  function expectBoundedRetries(target: LoopbackServer, requests: number): void {
    // At most: once the breaker stopped the run, requests still in flight are not retried further.
    for (const [key, times] of attemptsByRequest(target.requests))
      expect(times.length, key).toBeLessThanOrEqual(4);
    expect(requests).toBe(target.requests.length);
  }

  it('429 without Retry-After: each case inconclusive, as the target never evaluated it', async () => {
    const target = await track(throttlingTarget({ status: 429 }));
    const run = await runEngine(target.url, { timeoutMs: ANSWERING_TIMEOUT_MS });
    // Issue 14: throttling that outlives every retry trips the circuit breaker (the cases were all in flight).
    expect(run.outcome.abort?.message).toMatch(/^the target throttled every request: /);
    for (const c of run.cases) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(/was throttled \(429 Throttling\.User\)/);
    }
    for (const rule of run.outcome.rules) expect(rule.verdict).toBe('inconclusive');
    expectBoundedRetries(target, run.outcome.requests);
  });

  it('503 with Retry-After: 1: each case failed with a finding naming the 503', async () => {
    const target = await track(throttlingTarget({ status: 503, retryAfter: '1' }));
    const run = await runEngine(target.url, { timeoutMs: ANSWERING_TIMEOUT_MS });
    // Issue 14: throttling that outlives every retry trips the circuit breaker (the cases were all in flight).
    expect(run.outcome.abort?.message).toMatch(/^the target throttled every request: /);
    for (const c of run.cases) {
      expect(c.verdict, c.reason).toBe('failed');
      expect(c.findings).toBeGreaterThan(0);
    }
    for (const rule of run.outcome.rules) {
      expect(rule.verdict).toBe('failed');
      expect(rule.findings.map((f) => f.actual)).toContainEqual('503 ServiceUnavailable');
    }
    expectBoundedRetries(target, run.outcome.requests);
  });
});

it('a Retry-After of an hour is capped by the client: the wait stays bounded', async () => {
  const target = await track(throttlingTarget({ status: 429, retryAfter: '3600' }));
  const client = createClient({
    target: target.url,
    credentials: () => ({ accessKeyId: 'LTAI5tThrottle', accessKeySecret: 'throttle-secret-value' }),
    transport: { retry: { maxRetries: 2, maxDelayMs: 200 } },
  });
  const exchange = await client.call('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']], 'main');
  await client.close();
  // What bounds the wait, asserted as behaviour (a wall-clock bound would measure the machine's load):
  // the retries stop at maxRetries, and each waited the capped delay, not the hour asked for.
  expect(exchange.response?.status).toBe(429);
  expect(target.requests).toHaveLength(3);
  expect(exchange.retries).toHaveLength(2);
  for (const retry of exchange.retries) {
    expect(retry.delayMs).toBeLessThanOrEqual(200);
    expect(retry.reason).toMatch(/429 Throttling\.User, Retry-After 3600/);
  }
});
