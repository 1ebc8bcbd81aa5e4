import { describe, expect, it } from 'vitest';
import { runSoak, soakProblems } from '../../bench/soak.js';

// The short soak of `npm test`; `npm run soak` runs the 60-second one at concurrency 64.
describe('the emulator under load (5 s at concurrency 16)', () => {
  it('answers no 5xx, drops no connection, keeps its heap flat and its state whole', async () => {
    const report = await runSoak({ seconds: 5, concurrency: 16, sampleEveryMs: 250 });
    expect(soakProblems(report, { maxMemoryRatio: 1.5 })).toEqual([]);
    // The mix really ran: every kind of request, groups created and deleted, state checked on the way.
    expect(report.requests).toBeGreaterThan(500);
    for (const kind of ['lifecycle', 'case', 'describe', 'junk'])
      expect(report.byKind[kind] ?? 0).toBeGreaterThan(0);
    for (const status of ['200', '400', '403', '404'])
      expect(report.byStatus[status] ?? 0).toBeGreaterThan(0);
    expect(Object.keys(report.byStatus).filter((status) => !/^[234]\d\d$/.test(status))).toEqual([]);
    expect(report.groups.created).toBeGreaterThan(10);
    expect(report.invariantChecks).toBeGreaterThanOrEqual(10);
    expect(report.memoryMiB.length).toBeGreaterThanOrEqual(10);
  }, 30_000);
});
