// Full default run benchmark: what `npm start` does (the CLI against the embedded emulator), timed as a
// child process from spawn to exit, with the phases conformance.json records and those it does not
// (vitest's own start-up, JUnit and Allure writing, exit), cases generated per second and the peak
// memory of every process of the run. Then the same run through the engine in-process, for the breakdown
// without vitest. Goal (issue 6): the full default run takes at most 30 s on 2 cores.
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunReport } from '../lib/runner/result.js';
import { type CliRun, measureCli, mib, type ProcessPeak, readReport } from './cli-measure.js';
import { benchEngineRun, type EngineRunBench } from './large-run.js';

export const GOAL_MS = 30_000;
const secs = (ms: number | undefined): string => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);
const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export interface FullRunBench {
  cli: {
    wallMs: number;
    timings: RunReport['timings'];
    cases: number;
    requests: number;
    peaks: ProcessPeak[];
  };
  engine: EngineRunBench;
  goalMet: boolean;
  /** Problems found in what the CLI reports (zero or missing timings). */
  defects: string[];
}

function timingDefects(timings: Partial<RunReport['timings']> | undefined): string[] {
  const names = ['startupMs', 'generationMs', 'executionMs', 'reportingMs'] as const;
  return names
    .filter((name) => typeof timings?.[name] !== 'number' || (timings?.[name] ?? 0) <= 0)
    .map((name) => `conformance.json timings.${name} is ${timings?.[name] ?? 'missing'}`);
}

function printCli(run: CliRun, report: RunReport, log: (line: string) => void): void {
  const t = report.timings;
  const recorded = t.startupMs + t.generationMs + t.executionMs + t.reportingMs;
  const peaks = run.peaks.map((p) => `${p.role} ${mib(p.maxRssBytes)}`).join(', ');
  log(
    `  wall ${secs(run.wallMs)} (exit ${run.code}), ${report.totals.cases} cases, ${report.totals.requests} requests`,
  );
  log(
    `  conformance.json timings: start-up ${int(t.startupMs)} ms, generation ${int(t.generationMs)} ms, ` +
      `execution ${int(t.executionMs)} ms, reporting ${int(t.reportingMs)} ms (sum ${secs(recorded)})`,
  );
  log(
    `  not in timings: ${secs(run.wallMs - recorded)} (vitest start-up and collection, JUnit/Allure, exit)`,
  );
  log(
    `  seen from outside: settings loaded ${secs(run.marks.settled)}, first suite ${secs(run.marks.firstSuite)}, ` +
      `verdict printed ${secs(run.marks.verdict)}, exit ${secs(run.wallMs)}`,
  );
  log(
    `  cases per second of generation time: ${int((report.totals.cases / Math.max(t.generationMs, 1)) * 1000)}`,
  );
  log(`  peak memory (kernel max RSS per process): ${peaks || 'not measured'}`);
}

const ms = (n: number): string => `${Math.round(n).toLocaleString('en-US')} ms`;

function printEngine(r: EngineRunBench, log: (line: string) => void): void {
  const p = r.phases;
  const verdicts = Object.entries(r.verdicts)
    .map(([verdict, n]) => `${n} ${verdict}`)
    .join(', ');
  log(`runs ${r.runs}: ${r.rules} rules (${verdicts}), ${r.casesRun} cases, ${r.requests} requests`);
  log(
    `start-up ${ms(p.startupMs)}, generation ${ms(p.generationMs)}, execution ${ms(p.executionMs)}, ` +
      `reporting ${ms(p.reportingMs)}`,
  );
  log(
    `${Math.round(r.casesGeneratedPerSecond).toLocaleString('en-US')} cases generated/s; ` +
      `${Math.round((r.requests / Math.max(p.executionMs, 1)) * 1000).toLocaleString('en-US')} requests/s`,
  );
  log(
    `reachable heap ${mib(r.heapBeforeBytes)} before, ${mib(r.heapMidRunBytes)} mid-run; ` +
      `peak RSS ${mib(r.maxRssBytes)}; conformance.json ${(r.reportBytes / 1024).toFixed(0)} KiB`,
  );
}

export async function benchFullRun(
  options: { quick?: boolean; log?: (line: string) => void } = {},
): Promise<FullRunBench> {
  const log = options.log ?? ((line: string) => console.log(line));
  const cores = availableParallelism();
  log(`full default run (\`npm start\`: CLI against the embedded emulator), ${cores} cores`);
  const runs: Array<{ run: CliRun; report: RunReport }> = [];
  for (let i = 0; i < (options.quick ? 1 : 2); i++) {
    const run = await measureCli(['run']);
    if (run.code !== 0 && run.code !== 1)
      throw new Error(`the CLI exited ${run.code}: ${run.stderr.split('\n').slice(-5).join(' | ')}`);
    const report = readReport(run.reportDir);
    log(`run ${i + 1}:`);
    printCli(run, report, log);
    runs.push({ run, report });
    rmSync(join(run.reportDir, '..'), { recursive: true, force: true });
  }
  const best = runs.reduce((a, b) => (b.run.wallMs < a.run.wallMs ? b : a));
  const defects = [...new Set(runs.flatMap(({ report }) => timingDefects(report.timings)))];
  for (const defect of defects) log(`  DEFECT: ${defect}`);
  const goalMet = best.run.wallMs <= GOAL_MS;
  log(
    `  best wall ${secs(best.run.wallMs)}: goal <= ${secs(GOAL_MS)} on 2 cores: ${goalMet ? 'met' : 'NOT met'}` +
      (cores === 2 ? '' : ` (measured on ${cores} cores)`),
  );
  log('same run through the engine in-process (runConformance; emulator in a worker thread; no vitest):');
  const engine = await benchEngineRun({ runs: 3 });
  printEngine(engine, (line) => log(`  ${line}`));
  const { report } = best;
  return {
    cli: {
      wallMs: best.run.wallMs,
      timings: report.timings,
      cases: report.totals.cases,
      requests: report.totals.requests,
      peaks: best.run.peaks,
    },
    engine,
    goalMet,
    defects,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchFullRun({ quick: process.argv.includes('--quick') }).catch((error: unknown) => {
    console.error(`full-run benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
