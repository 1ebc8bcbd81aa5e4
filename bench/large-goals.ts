// The goals of issue 20 for `--runs 10000` against the embedded emulator, judged on figures that
// `npm run bench:large` measures side by side in one run (bench/large-run.ts). Pure: the figures in, a
// verdict per goal out, so that the judging is tested without running anything large.

export const GOALS = {
  /** `--runs 10000` on 2 cores. */
  maxWallMs: 5 * 60_000,
  /** Every process of the run: the CLI (with the embedded emulator) and vitest's worker. */
  maxRssBytes: 400 * 1024 * 1024,
  /** Cases drawn per second of generation, at scale. */
  minCasesPerSecond: 10_000,
} as const;

/** What one CLI run left: its wall time, its cases, its generation time, and each process's peak RSS. */
export interface RunFigures {
  runs: number;
  wallMs: number;
  cases: number;
  generationMs: number;
  /** Time a drawing thread spent drawing the cases (large runs draw there, alongside the run). */
  drawingThreadMs?: number;
  peaks: Array<{ role: string; maxRssBytes: number }>;
}

export interface GoalVerdict {
  goal: string;
  measured: string;
  pass: boolean;
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/**
 * Cases per second of drawing: of the drawing thread's time when the cases were drawn there (the run's
 * own generationMs is then mostly receiving them, which would flatter the rate), else of generation.
 */
export const drawingMs = (run: RunFigures): number => run.drawingThreadMs ?? run.generationMs;
export const casesPerSecond = (run: RunFigures): number => (run.cases / Math.max(drawingMs(run), 1)) * 1000;

/**
 * The four goals, on a small run and a large one measured in the same invocation. The wall-time goal
 * is for `--runs 10000`: a smaller large run (`--quick`) is held to it scaled by its share of the cases.
 */
export function judgeGoals(small: RunFigures, large: RunFigures, fullScaleCases?: number): GoalVerdict[] {
  const share = fullScaleCases === undefined ? 1 : Math.min(1, large.cases / Math.max(fullScaleCases, 1));
  const wallGoal = GOALS.maxWallMs * share;
  const caseRatio = large.cases / Math.max(small.cases, 1);
  const wallRatio = large.wallMs / Math.max(small.wallMs, 1);
  const rate = casesPerSecond(large);
  const verdicts: GoalVerdict[] = [
    {
      goal: `--runs ${large.runs} wall time at most ${seconds(wallGoal)}`,
      measured: seconds(large.wallMs),
      pass: large.wallMs <= wallGoal,
    },
    {
      goal: `wall time grows at most linearly from --runs ${small.runs} to --runs ${large.runs}`,
      measured: `wall ×${wallRatio.toFixed(1)} for cases ×${caseRatio.toFixed(1)}`,
      pass: wallRatio <= caseRatio,
    },
    {
      goal: `at least ${GOALS.minCasesPerSecond.toLocaleString('en-US')} generated cases/s at --runs ${large.runs}`,
      measured:
        `${Math.round(rate).toLocaleString('en-US')} cases/s (${large.cases} cases in ${seconds(drawingMs(large))} of ` +
        `${large.drawingThreadMs === undefined ? 'generation' : 'drawing in a thread'})`,
      pass: rate >= GOALS.minCasesPerSecond,
    },
  ];
  for (const run of [small, large]) {
    const peaks = run.peaks.length === 0 ? [{ role: 'every process', maxRssBytes: Number.NaN }] : run.peaks;
    for (const peak of peaks)
      verdicts.push({
        goal: `--runs ${run.runs}: peak RSS of ${peak.role} at most ${mib(GOALS.maxRssBytes)}`,
        measured: Number.isNaN(peak.maxRssBytes) ? 'not measured (no /proc)' : mib(peak.maxRssBytes),
        pass: peak.maxRssBytes <= GOALS.maxRssBytes,
      });
  }
  return verdicts;
}

/** `PASS` or `FAIL`, the goal and what was measured: one line per goal. */
export const goalLines = (verdicts: readonly GoalVerdict[]): string[] =>
  verdicts.map((v) => `  ${v.pass ? 'PASS' : 'FAIL'}  ${v.goal}: ${v.measured}`);
