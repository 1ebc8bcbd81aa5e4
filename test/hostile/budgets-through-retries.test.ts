import { afterAll, describe, expect, it } from 'vitest';
import { runEngine } from './engine-run.js';
import type { LoopbackServer } from './loopback.js';
import { throttlingTarget } from './targets.js';

// Issue 14, item 7: the rate cap was applied once per request, not per attempt: `--rate 2 --concurrency 1`
// against 503 + Retry-After: 0 sent 12 requests in one second. Every attempt, retries included, is paced,
// and a retried create spends the create budget.
const servers: LoopbackServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});
async function throttleAll(): Promise<LoopbackServer> {
  const target = await throttlingTarget({ status: 503, retryAfter: '0' });
  servers.push(target);
  return target;
}

/** Requests that arrived in each 1-second window, counted from the first arrival. */
function perSecond(arrivals: readonly number[]): number[] {
  const first = arrivals[0] ?? 0;
  const counts: number[] = [];
  for (const at of arrivals) {
    const window = Math.floor((at - first) / 1000);
    counts[window] = (counts[window] ?? 0) + 1;
  }
  return [...counts].map((count) => count ?? 0);
}

describe.concurrent('retries pass the run budgets', () => {
  it('--rate 2: no 1-second window at the target holds more than 2 (+1 for alignment), retries included', async () => {
    const target = await throttleAll();
    const rate = 2;
    const run = await runEngine(target.url, { rate, concurrency: 1, timeoutMs: 15_000 });
    const arrivals = target.requests.map((r) => r.receivedAt);
    // Retries happened (each throttled request was tried 4 times), so they were what was paced.
    expect(arrivals.length).toBeGreaterThanOrEqual(8);
    expect(run.outcome.requests).toBe(arrivals.length);
    const counts = perSecond(arrivals);
    expect(Math.max(...counts), `arrivals per second: ${counts.join(', ')}`).toBeLessThanOrEqual(rate + 1);
  }, 60_000);

  it('--max-creates 2: a create retried against a throttling target spends the budget; no more than 2 creates are sent', async () => {
    const target = await throttleAll();
    // Both rules' cases are valid requests (each may create), retried on 503 like any throttling.
    const run = await runEngine(target.url, {
      only: ['wire.index-gap-accepted', 'wire.unknown-parameter-ignored'],
      runs: 2,
      maxCreates: 2,
      concurrency: 1,
      timeoutMs: 15_000,
      maxConsecutiveTransportFailures: 100,
    });
    const creates = target.requests.filter((r) => r.action === 'CreateSnapshotGroup');
    // Two cases admitted, each first attempt spending one: their retries found the budget spent.
    expect(creates.length).toBe(2);
    for (const c of run.cases.filter((c) => c.verdict !== 'skipped')) expect(c.verdict).toBe('failed');
    const skipped = run.cases.filter((c) => c.verdict === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped) expect(c.reason).toMatch(/max-creates budget \(2\) was spent/);
  }, 60_000);
});
