import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../lib/runner/index.js';
import { runScheduled } from '../../lib/runner/scheduler.js';

describe('createRateLimiter', () => {
  function clocked(rate: number, burst?: number) {
    let now = 0;
    const waits: number[] = [];
    const limiter = createRateLimiter({
      rate,
      ...(burst !== undefined && { burst }),
      now: () => now,
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    return { limiter, waits, advance: (ms: number) => (now += ms) };
  }

  it('lets one request go at once, then one per 1/rate', async () => {
    const { limiter, waits } = clocked(10);
    for (let i = 0; i < 5; i++) await limiter.take();
    expect(waits).toEqual([100, 200, 300, 400]);
  });

  it('refills while quiet, up to the burst, never beyond', async () => {
    const { limiter, waits, advance } = clocked(10, 3);
    for (let i = 0; i < 3; i++) await limiter.take();
    expect(waits).toEqual([]);
    advance(10_000);
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(waits).toEqual([100]);
  });

  it('counts callers already waiting: n requests in one instant need (n - burst) / rate seconds', async () => {
    const { limiter, waits, advance } = clocked(4);
    await limiter.take();
    advance(100);
    await Promise.all([limiter.take(), limiter.take()]);
    expect(waits).toEqual([150, 400]);
  });
});

describe('runScheduled', () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

  it('never runs two items holding one key alone at once, and keeps the bound', async () => {
    const held = new Set<string>();
    let running = 0;
    let most = 0;
    const clashes: string[] = [];
    const items = Array.from({ length: 40 }, (_, i) => ({
      id: i,
      keys: [...new Set([`k${i % 4}`, ...(i % 7 === 0 ? ['k1'] : [])])],
    }));
    const result = await runScheduled(items, {
      concurrency: 3,
      locks: (item) => ({ exclusive: item.keys, shared: [] }),
      stopped: () => false,
      run: async (item) => {
        running += 1;
        most = Math.max(most, running);
        for (const key of item.keys) {
          if (held.has(key)) clashes.push(key);
          held.add(key);
        }
        await tick();
        for (const key of item.keys) held.delete(key);
        running -= 1;
      },
    });
    expect(clashes).toEqual([]);
    expect(most).toBe(3);
    expect(result.notStarted).toEqual([]);
  });

  it('lets sharers run together, never beside an exclusive holder, and does not starve the exclusive one', async () => {
    const log: string[] = [];
    const holders = new Map<string, number>();
    const items = [
      { id: 'r1', mode: 'shared' },
      { id: 'r2', mode: 'shared' },
      { id: 'w1', mode: 'exclusive' },
      { id: 'r3', mode: 'shared' },
    ] as const;
    let mostReaders = 0;
    await runScheduled(items, {
      concurrency: 4,
      locks: (item) =>
        item.mode === 'exclusive' ? { exclusive: ['d'], shared: [] } : { exclusive: [], shared: ['d'] },
      stopped: () => false,
      run: async (item) => {
        log.push(`start ${item.id}`);
        if (item.mode === 'exclusive' && (holders.get('d') ?? 0) > 0) log.push('CLASH');
        if (item.mode === 'shared' && holders.get('w') === 1) log.push('CLASH');
        holders.set(
          item.mode === 'exclusive' ? 'w' : 'd',
          (holders.get(item.mode === 'exclusive' ? 'w' : 'd') ?? 0) + 1,
        );
        mostReaders = Math.max(mostReaders, holders.get('d') ?? 0);
        await tick();
        holders.set(
          item.mode === 'exclusive' ? 'w' : 'd',
          (holders.get(item.mode === 'exclusive' ? 'w' : 'd') ?? 1) - 1,
        );
      },
    });
    expect(log).not.toContain('CLASH');
    expect(mostReaders).toBe(2);
    // r3 came after w1: it waits for w1 rather than overtaking it.
    expect(log).toEqual(['start r1', 'start r2', 'start w1', 'start r3']);
  });

  it('starts nothing more once stopped, and returns what did not start', async () => {
    let started = 0;
    const result = await runScheduled([1, 2, 3, 4, 5], {
      concurrency: 1,
      locks: () => ({ exclusive: [], shared: [] }),
      stopped: () => started >= 2,
      run: async () => {
        started += 1;
        await tick();
      },
    });
    expect(result.notStarted).toEqual([3, 4, 5]);
  });

  it('lets in-flight items finish, then rejects with a failure of one', async () => {
    const finished: number[] = [];
    const run = runScheduled([1, 2, 3], {
      concurrency: 2,
      locks: () => ({ exclusive: [], shared: [] }),
      stopped: () => false,
      run: async (item) => {
        if (item === 1) throw new Error('bug');
        await tick();
        finished.push(item);
      },
    });
    await expect(run).rejects.toThrow('bug');
    expect(finished).toEqual([2]);
  });
});
