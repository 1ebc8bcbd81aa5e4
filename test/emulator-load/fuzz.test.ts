import { describe, expect, it } from 'vitest';
import { runFuzz } from '../../bench/fuzz.js';

// The short fuzz of `npm test` (a fresh seed each time, printed on failure); `npm run fuzz` runs more.
describe('the emulator fuzzed with raw HTTP requests (300 runs)', () => {
  it('answers every request below 500 and keeps serving', async () => {
    const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
    const report = await runFuzz({ runs: 300, ...(seed !== undefined && { seed }) });
    const replay = `replay: FUZZ_SEED=${report.seed} npx vitest run test/emulator-load/fuzz.test.ts`;
    expect(report.failure, `${replay}\n${report.failure}`).toBeUndefined();
    expect(report.crashes, replay).toEqual([]);
    expect(report.aliveAfter, replay).toBe(true);
    expect(report.byStatus.none ?? 0).toBe(0);
    expect(Object.keys(report.byStatus).filter((status) => Number(status) >= 500)).toEqual([]);
    const answered = Object.values(report.byStatus).reduce((sum, n) => sum + n, 0);
    expect(answered).toBe(300);
  }, 60_000);
});
