import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunEvent, runConformance } from '../../lib/runner/index.js';
import { type FakeTarget, startFakeTarget } from './fake-target.js';
import { longNameCase, options, validCase } from './fixtures.js';

const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});
async function fake(...args: Parameters<typeof startFakeTarget>): Promise<FakeTarget> {
  const target = await startFakeTarget(...args);
  targets.push(target);
  return target;
}

/** A port nothing listens on: bound once, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('per-disk serialisation', () => {
  it('never has a create in flight beside another request on its disk, yet runs other disks in parallel', async () => {
    const target = await fake({ createDelayMs: 25 });
    const disks = ['d-1', 'd-2', 'd-3'];
    const cases = Array.from({ length: 12 }, (_, i) => validCase([disks[i % 3] as string]));
    cases.push(validCase(['d-1', 'd-2']), longNameCase('d-3'), longNameCase('d-3'), longNameCase('d-1'));
    const outcome = await runConformance(options(target.url, cases, { concurrency: 8 }));
    expect(target.sharedDiskInFlight).toEqual([]);
    expect(target.maxCreatesInFlight).toBeGreaterThanOrEqual(2);
    // Three disks: at most three accepted creates, plus refusals sharing a disk with each other.
    expect(target.maxCreatesInFlight).toBeLessThanOrEqual(5);
    expect(outcome.rules.flatMap((rule) => rule.findings)).toEqual([]);
    expect(target.created).toHaveLength(13);
  });

  it('lets creates share a disk when the target finishes snapshots before answering (createsShareDisks)', async () => {
    const target = await fake({ createDelayMs: 25 });
    const cases = Array.from({ length: 8 }, () => validCase(['d-1']));
    const outcome = await runConformance(
      options(target.url, cases, { concurrency: 4, createsShareDisks: true }),
    );
    expect(target.maxCreatesInFlight).toBe(4);
    expect(target.sharedDiskInFlight).toContain('d-1');
    expect(outcome.rules.flatMap((rule) => rule.findings)).toEqual([]);
    expect(target.created).toHaveLength(8);
  });

  it('lets refusals share a disk, within the concurrency bound', async () => {
    const target = await fake({ createDelayMs: 20 });
    const cases = Array.from({ length: 10 }, () => longNameCase('d-1'));
    await runConformance(options(target.url, cases, { concurrency: 4 }));
    expect(target.maxCreatesInFlight).toBe(4);
  });

  it('respects the concurrency bound for cases without disks', async () => {
    const target = await fake({ createDelayMs: 20 });
    const cases = Array.from({ length: 10 }, () => ({ ...longNameCase(), disks: [] }));
    await runConformance(options(target.url, cases, { concurrency: 3 }));
    expect(target.maxCreatesInFlight).toBe(3);
  });
});

describe('max-creates budget', () => {
  it('skips, never sends, the cases that would create beyond the budget', async () => {
    const target = await fake();
    const events: RunEvent[] = [];
    const cases = [
      validCase(['d-1'], 'valid.success-body'),
      validCase(['d-2'], 'valid.success-body'),
      longNameCase('d-1'),
      validCase(['d-3']),
      validCase(['d-4']),
      validCase(['d-5']),
    ];
    const outcome = await runConformance(
      options(target.url, cases, { maxCreates: 2, onEvent: (e) => events.push(e) }),
    );
    expect(target.created).toHaveLength(2);
    // The refused case spends no budget: it is sent.
    expect(target.seen.filter((seen) => seen.action === 'CreateSnapshotGroup')).toHaveLength(3);
    const skipped = events.filter((e) => e.type === 'case-finished' && e.verdict === 'skipped');
    expect(skipped.map((e) => (e.type === 'case-finished' ? e.caseId : ''))).toEqual(
      cases.slice(3).map((c) => c.id),
    );
    const rule = outcome.rules.find((r) => r.id === 'valid.boundaries-accepted');
    expect(rule?.verdict).toBe('skipped');
    expect(rule?.reason).toContain('max-creates');
    expect(outcome.cases).toBe(3);
  });
});

describe('rate cap', () => {
  it('spaces requests at 1/rate across the run', async () => {
    const target = await fake();
    const arrivals: number[] = [];
    target.seen.push = (...items) => {
      arrivals.push(performance.now());
      return Array.prototype.push.apply(target.seen, items);
    };
    const cases = Array.from({ length: 6 }, (_, i) => longNameCase(`d-${i}`));
    await runConformance(options(target.url, cases, { rate: 20, concurrency: 6 }));
    expect(arrivals).toHaveLength(6);
    // 20/s is one request per 50 ms: six requests span at least 250 ms less the first one's connect time.
    expect((arrivals.at(-1) as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(200);
  });
});

describe('transport failures', () => {
  it('stops after N consecutive failures against a closed port, quickly, saying what happened', async () => {
    const port = await closedPort();
    const events: RunEvent[] = [];
    const cases = Array.from({ length: 30 }, (_, i) => longNameCase(`d-${i}`));
    const outcome = await runConformance(
      options(`http://127.0.0.1:${port}`, cases, {
        maxConsecutiveTransportFailures: 3,
        concurrency: 2,
        onEvent: (e) => events.push(e),
      }),
    );
    // "Quickly" as behaviour: the streak stopped it after a handful of requests, not a stopwatch.
    expect(outcome.abort?.code).toBe('E_TARGET_UNSTABLE');
    expect(outcome.abort?.message).toContain('3 consecutive requests');
    expect(outcome.abort?.message).toContain(`127.0.0.1:${port}`);
    expect(outcome.requests).toBeLessThanOrEqual(4);
    expect(events.filter((e) => e.type === 'aborted')).toHaveLength(1);
    const rule = outcome.rules.find((r) => r.id === 'name.max-length');
    expect(rule?.verdict).toBe('inconclusive');
    expect(rule?.reason).toContain('E_TARGET_UNREACHABLE');
  });
});

describe('interruption', () => {
  it('stops starting cases on abort, cleans up what it created and reports E_INTERRUPTED', async () => {
    const target = await fake({ createDelayMs: 5 });
    const controller = new AbortController();
    const cases = Array.from({ length: 20 }, (_, i) => validCase([`d-${i % 2}`]));
    const outcome = await runConformance(
      options(target.url, cases, {
        concurrency: 2,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === 'case-finished') controller.abort();
        },
      }),
    );
    expect(outcome.abort?.code).toBe('E_INTERRUPTED');
    expect(outcome.cases).toBeLessThan(cases.length);
    expect(target.groups.size).toBe(0);
    expect(outcome.leftBehind).toEqual([]);
  });
});
