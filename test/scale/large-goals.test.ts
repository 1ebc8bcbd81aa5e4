import { describe, expect, it } from 'vitest';
import { GOALS, goalLines, judgeGoals, type RunFigures } from '../../bench/large-goals.js';

const MIB = 1024 * 1024;
const small: RunFigures = {
  runs: 100,
  wallMs: 12_000,
  cases: 7_400,
  generationMs: 900,
  peaks: [
    { role: 'cli + embedded emulator', maxRssBytes: 180 * MIB },
    { role: 'vitest worker', maxRssBytes: 200 * MIB },
  ],
};
const large: RunFigures = {
  runs: 10_000,
  wallMs: 290_000,
  cases: 737_075,
  generationMs: 60_000,
  peaks: [
    { role: 'cli + embedded emulator', maxRssBytes: 250 * MIB },
    { role: 'vitest worker', maxRssBytes: 390 * MIB },
  ],
};
const failing = (verdicts: ReturnType<typeof judgeGoals>) =>
  verdicts.filter((v) => !v.pass).map((v) => v.goal);

describe('issue 20 goals, as bench:large judges them', () => {
  it('passes figures within every goal, one verdict per goal and per process of each run', () => {
    const verdicts = judgeGoals(small, large);
    expect(failing(verdicts)).toEqual([]);
    expect(verdicts).toHaveLength(3 + 2 + 2);
    expect(goalLines(verdicts).every((line) => line.startsWith('  PASS  '))).toBe(true);
  });

  it('fails each goal on its own figure', () => {
    expect(failing(judgeGoals(small, { ...large, wallMs: GOALS.maxWallMs + 1 }))).toEqual([
      '--runs 10000 wall time at most 300.0 s',
    ]);
    // 10,000 cases/s is 73.7 s of generation for these cases.
    expect(failing(judgeGoals(small, { ...large, generationMs: 74_000 }))).toEqual([
      'at least 10,000 generated cases/s at --runs 10000',
    ]);
    // Wall time 100 times larger for 99.6 times the cases: worse than linear.
    expect(failing(judgeGoals({ ...small, wallMs: 2_900 }, large))).toEqual([
      'wall time grows at most linearly from --runs 100 to --runs 10000',
    ]);
    const heavy = { ...large, peaks: [{ role: 'vitest worker', maxRssBytes: 401 * MIB }] };
    expect(failing(judgeGoals(small, heavy))).toEqual([
      '--runs 10000: peak RSS of vitest worker at most 400 MiB',
    ]);
  });

  it('judges the generation rate on the drawing thread’s time when the cases were drawn there', () => {
    // The run's own 2 s of getting the cases (receiving them) would claim 368,000 cases/s.
    const threaded = { ...large, generationMs: 2_000, drawingThreadMs: 74_000 };
    expect(failing(judgeGoals(small, threaded))).toEqual([
      'at least 10,000 generated cases/s at --runs 10000',
    ]);
    expect(failing(judgeGoals(small, { ...threaded, drawingThreadMs: 70_000 }))).toEqual([]);
  });

  it('fails the memory goal when no process could be measured, rather than claiming it', () => {
    const verdicts = judgeGoals({ ...small, peaks: [] }, large);
    expect(failing(verdicts)).toEqual(['--runs 100: peak RSS of every process at most 400 MiB']);
  });

  it('holds a quick run to its share of the 5 minutes', () => {
    const quick = { ...large, runs: 1_000, cases: 73_700, wallMs: 31_000, generationMs: 6_000 };
    expect(failing(judgeGoals(small, quick, 737_000))).toEqual(['--runs 1000 wall time at most 30.0 s']);
    expect(failing(judgeGoals(small, { ...quick, wallMs: 29_000 }, 737_000))).toEqual([]);
  });
});
