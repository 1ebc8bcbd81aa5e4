import { describe, expect, it } from 'vitest';
import { runEngine } from './engine-run.js';
import { deadPort } from './loopback.js';

describe('a dead target stops the run after the configured number of consecutive transport failures', () => {
  it.each([1, 3])('maxConsecutiveTransportFailures %i', async (streak) => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const run = await runEngine(url, { runs: 2, concurrency: 1, maxConsecutiveTransportFailures: streak });
    const sent = run.cases.filter((c) => c.verdict !== 'skipped');
    // One case at a time: exactly `streak` cases were sent, each refused at once and never retried.
    expect(sent).toHaveLength(streak);
    for (const c of sent) {
      expect(c.verdict).toBe('inconclusive');
      expect(c.reason).toMatch(new RegExp(`^E_TARGET_UNREACHABLE: cannot reach ${url}: ECONNREFUSED`));
    }
    expect(run.outcome.requests).toBe(streak);
    const skipped = run.cases.filter((c) => c.verdict === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const c of skipped)
      expect(c.reason).toMatch(/not sent: the run stopped first \(E_TARGET_UNSTABLE\)/);
    expect(run.outcome.abort?.code).toBe('E_TARGET_UNSTABLE');
    expect(run.outcome.abort?.message).toContain(
      `${streak} consecutive requests to ${url} failed at the transport level`,
    );
  });
});
