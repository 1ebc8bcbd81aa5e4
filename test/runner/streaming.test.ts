import { afterEach, describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import type { CaseStream } from '../../lib/runner/generate.js';
import { closeSession, createSession, runRules } from '../../lib/runner/index.js';
import { runScheduled } from '../../lib/runner/scheduler.js';
import { type FakeTarget, startFakeTarget } from './fake-target.js';
import { longNameCase, options, validCase } from './fixtures.js';

const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('runScheduled over a stream', () => {
  it('takes items only as far ahead as the look-ahead, and runs them all', async () => {
    let taken = 0;
    let done = 0;
    let most = 0;
    function* items(): Generator<number> {
      for (let i = 0; i < 200; i++) {
        taken += 1;
        most = Math.max(most, taken - done);
        yield i;
      }
    }
    const ran: number[] = [];
    const result = await runScheduled(items(), {
      concurrency: 3,
      lookAhead: 10,
      locks: () => ({ exclusive: [], shared: [] }),
      stopped: () => false,
      run: async (item) => {
        await tick();
        ran.push(item);
        done += 1;
      },
    });
    expect(result.notStarted).toEqual([]);
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    // Ten waiting plus the three running, at most.
    expect(most).toBeLessThanOrEqual(13);
  });

  it('leaves the rest of the stream untaken once stopped, and fails on a stream that throws', async () => {
    const source = [1, 2, 3, 4, 5, 6][Symbol.iterator]();
    let started = 0;
    const result = await runScheduled(source, {
      concurrency: 1,
      lookAhead: 2,
      locks: () => ({ exclusive: [], shared: [] }),
      stopped: () => started >= 2,
      run: async () => {
        started += 1;
        await tick();
      },
    });
    expect(result.notStarted).toEqual([3]);
    expect([...source]).toEqual([4, 5, 6]);
    function* broken(): Generator<number> {
      yield 1;
      throw new Error('generator bug');
    }
    await expect(
      runScheduled(broken(), {
        concurrency: 2,
        lookAhead: 4,
        locks: () => ({ exclusive: [], shared: [] }),
        stopped: () => false,
        run: async () => {
          await tick();
        },
      }),
    ).rejects.toThrow('generator bug');
  });
});

describe('a session streams its cases', () => {
  it('draws a window of cases ahead of those judged, rule by rule, and finishes each rule in turn', async () => {
    const target = await startFakeTarget();
    targets.push(target);
    const refused = Array.from({ length: 120 }, () => longNameCase());
    const created = [validCase(['d-1']), validCase(['d-2'])];
    let drawn = 0;
    let judged = 0;
    let most = 0;
    const calls: string[] = [];
    const finished: string[] = [];
    const stream: CaseStream = {
      notCovered: [],
      casesFor: function* (rule: string) {
        calls.push(rule);
        for (const c of [...created, ...refused].filter((x: Case) => x.rule === rule)) {
          drawn += 1;
          most = Math.max(most, drawn - judged);
          yield c;
        }
      },
    };
    const session = await createSession(
      options(target.url, [], {
        concurrency: 2,
        generate: () => stream,
        onEvent: (event) => {
          if (event.type === 'case-finished') judged += 1;
          if (event.type === 'rule-finished') finished.push(`${event.result.id}@${judged}`);
        },
      }),
    );
    expect(drawn).toBe(0);
    const results = await runRules(session, ['name.max-length', 'valid.boundaries-accepted']);
    await closeSession(session);
    expect(results.map((r) => [r.id, r.verdict, r.casesRun])).toEqual([
      ['name.max-length', 'passed', 120],
      ['valid.boundaries-accepted', 'passed', 2],
    ]);
    // Catalogue order, each rule drawn once; at most the look-ahead (2 slots x 8) plus those running.
    expect(calls).toEqual(['name.max-length', 'valid.boundaries-accepted']);
    expect(most).toBeLessThanOrEqual(2 * 8 + 2);
    expect(finished).toEqual(['name.max-length@120', 'valid.boundaries-accepted@122']);
    // A rule's cases are taken once per session.
    const again = await runRules(session, ['name.max-length']);
    expect(again[0]?.casesRun).toBe(120);
    expect(calls).toHaveLength(2);
  });
});
