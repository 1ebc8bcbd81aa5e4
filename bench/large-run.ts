import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { ALL_TRANSPORTS, caseSource } from '../generators/index.js';
import { IDEMPOTENT_PROCESSING_MS } from '../lib/cli/emulator-timing.js';
import { RUN_DEFAULTS } from '../lib/cli/run-settings.js';
import { allureMetaForRule, writeReports } from '../lib/reporting/index.js';
import { runConformance } from '../lib/runner/index.js';
import type { RunReport, Verdict } from '../lib/runner/result.js';
import { loadSpec } from '../lib/spec/load.js';
import { allureFiles, builtFile, type CliRun, measureCli, mib, readReport } from './cli-measure.js';
import { goalLines, judgeGoals, type RunFigures } from './large-goals.js';

// CommonJS (eval workers are); imports the compiled ESM emulator by URL. Answers its URL, then 'closed'.
const EMULATOR_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { startEmulator } = await import(workerData.emulatorUrl);
  const emulator = await startEmulator({ world: workerData.world, limits: workerData.limits,
    host: '127.0.0.1', port: 0, idempotentProcessingMs: workerData.idempotentProcessingMs });
  parentPort.once('message', async () => { await emulator.close(); parentPort.postMessage('closed'); });
  parentPort.postMessage(emulator.url);
})();
`;

/** A full collection, when the process allows it (`--expose-gc`, or the flag set at run time). */
function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return gc ?? (() => undefined);
}

export interface EngineRunBench {
  runs: number;
  rules: number;
  casesGenerated: number;
  casesRun: number;
  requests: number;
  phases: { startupMs: number; generationMs: number; executionMs: number; reportingMs: number };
  casesGeneratedPerSecond: number;
  /** Heap still reachable (after a full collection) before the run started, and mid-run. */
  heapBeforeBytes: number;
  heapMidRunBytes: number;
  /** Reachable heap when `heapAtCases[i]` cases had finished (when asked for). */
  heapAtCasesBytes: number[];
  /** Kernel peak RSS of this process so far (the emulator's worker thread included). */
  maxRssBytes: number;
  verdicts: Partial<Record<Verdict, number>>;
  reportBytes: number;
}

/**
 * One run through the engine in this process, phase by phase as the CLI does it but without vitest:
 * spec load and emulator start, generation, execution, reporting (conformance.json, summary.md and each
 * rule's Allure data). The emulator runs in a worker thread, as it runs outside the engine in the CLI.
 */
export async function benchEngineRun(options: {
  runs: number;
  only?: string[];
  seed?: number;
  /** How long the emulator holds a ClientToken as processing; default the CLI's. */
  idempotentProcessingMs?: number;
  /** Cases in flight; default the CLI's against its embedded emulator. */
  concurrency?: number;
  /** Case counts at which to measure the reachable heap (each costs a full collection). */
  heapAtCases?: number[];
}): Promise<EngineRunBench> {
  const gc = collector();
  const startupStart = performance.now();
  const spec = loadSpec();
  const worker = new Worker(EMULATOR_WORKER, {
    eval: true,
    workerData: {
      emulatorUrl: pathToFileURL(builtFile('emulator/index.js')).href,
      world: spec.world,
      limits: spec.profile.limits,
      // As the CLI starts the embedded emulator (lib/cli/execute-run.ts).
      idempotentProcessingMs: options.idempotentProcessingMs ?? IDEMPOTENT_PROCESSING_MS,
    },
  });
  const target = await new Promise<string>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const startupMs = performance.now() - startupStart;
  const reportDir = mkdtempSync(join(tmpdir(), 'ecs-bench-engine-'));
  try {
    gc();
    const heapBeforeBytes = process.memoryUsage().heapUsed;
    let heapMidRunBytes = 0;
    let casesFinished = 0;
    const heapAtCasesBytes: number[] = [];
    let casesGenerated = 0;
    let finishedRules = 0;
    const startedAt = new Date().toISOString();
    const outcome = await runConformance({
      target,
      world: spec.world,
      catalogue: spec.catalogue,
      profile: spec.profile,
      seed: options.seed ?? 1,
      runs: options.runs,
      // As the CLI runs against its embedded emulator.
      concurrency: options.concurrency ?? RUN_DEFAULTS.embeddedConcurrency,
      transports: [...ALL_TRANSPORTS],
      ...(options.only && { only: options.only }),
      // Streams the cases as the engine does by default, counting them as they are drawn.
      generate: (input) => {
        const source = caseSource(input);
        return {
          notCovered: source.notCovered,
          *casesFor(rule: string) {
            for (const c of source.casesFor(rule)) {
              casesGenerated += 1;
              yield c;
            }
          },
        };
      },
      // Mid-run (first rule done, most cases still to be drawn and run), what is reachable.
      onEvent: (event) => {
        if (event.type === 'case-finished') {
          casesFinished += 1;
          const at = options.heapAtCases?.indexOf(casesFinished) ?? -1;
          if (at >= 0) {
            gc();
            heapAtCasesBytes[at] = process.memoryUsage().heapUsed;
          }
        }
        if (event.type !== 'rule-finished') return;
        finishedRules += 1;
        if (finishedRules !== 1) return;
        gc();
        heapMidRunBytes = process.memoryUsage().heapUsed;
      },
    });
    const reportingStart = performance.now();
    const report = engineReport(outcome, spec, target, options, startedAt);
    const { report: written } = writeReports(report, reportDir, spec.catalogue);
    for (const rule of written.rules) allureMetaForRule(rule);
    const reportingMs = performance.now() - reportingStart;
    const verdicts: Partial<Record<Verdict, number>> = {};
    for (const rule of outcome.rules) verdicts[rule.verdict] = (verdicts[rule.verdict] ?? 0) + 1;
    return {
      runs: options.runs,
      rules: outcome.rules.length,
      casesGenerated,
      casesRun: outcome.cases,
      requests: outcome.requests,
      phases: { startupMs, reportingMs, ...outcome.timings },
      casesGeneratedPerSecond: (casesGenerated / Math.max(outcome.timings.generationMs, 1)) * 1000,
      heapBeforeBytes,
      heapMidRunBytes,
      heapAtCasesBytes,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
      verdicts,
      reportBytes: statSync(join(reportDir, 'conformance.json')).size,
    };
  } finally {
    worker.postMessage('close');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    rmSync(reportDir, { recursive: true, force: true });
  }
}

function engineReport(
  outcome: Awaited<ReturnType<typeof runConformance>>,
  spec: ReturnType<typeof loadSpec>,
  target: string,
  options: { runs: number; seed?: number },
  startedAt: string,
): RunReport {
  const count = (verdict: Verdict) => outcome.rules.filter((rule) => rule.verdict === verdict).length;
  return {
    tool: { name: 'ecs-conformance', version: 'bench' },
    target: { url: target, embedded: true },
    world: { name: spec.world.name, file: 'fixtures/default.world.yaml' },
    profile: spec.profile.name,
    seed: options.seed ?? 1,
    runs: options.runs,
    transports: [...ALL_TRANSPORTS],
    startedAt,
    finishedAt: new Date().toISOString(),
    timings: { startupMs: 0, generationMs: 0, executionMs: 0, reportingMs: 0 },
    totals: {
      rules: outcome.rules.length,
      passed: count('passed'),
      failed: count('failed'),
      notCovered: count('not-covered'),
      skipped: count('skipped'),
      inconclusive: count('inconclusive'),
      cases: outcome.cases,
      requests: outcome.requests,
    },
    rules: outcome.rules,
    errorRows: [],
    leftBehind: outcome.leftBehind,
  };
}

const peakOf = (run: CliRun): number => Math.max(0, ...run.peaks.map((p) => p.maxRssBytes));

/** The case count of `--runs 10000` with the default world and catalogue: the scale the goals are set at. */
const FULL_SCALE_RUNS = 10_000;

interface MeasuredCliRun {
  run: CliRun;
  figures: RunFigures;
  report?: RunReport;
}

async function largeCliRun(runs: number, log: (line: string) => void): Promise<MeasuredCliRun> {
  const run = await measureCli(['run', '--runs', String(runs)]);
  const files = allureFiles(run.reportDir);
  const report = existsSync(join(run.reportDir, 'conformance.json')) ? readReport(run.reportDir) : undefined;
  log(
    `--runs ${runs}: exit ${run.code}, wall ${(run.wallMs / 1000).toFixed(1)} s, ` +
      (report ? `${report.totals.cases} cases, ${report.totals.requests} requests, ` : 'no report, ') +
      `peak RSS ${run.peaks.map((p) => `${p.role} ${mib(p.maxRssBytes)}`).join(', ')}`,
  );
  if (report) {
    const t = report.timings;
    log(
      `  phases: start-up ${(t.startupMs / 1000).toFixed(1)} s, generation ${(t.generationMs / 1000).toFixed(1)} s, ` +
        `execution ${(t.executionMs / 1000).toFixed(1)} s, reporting ${(t.reportingMs / 1000).toFixed(1)} s` +
        (t.drawingThreadMs === undefined
          ? ''
          : `; drawing thread ${(t.drawingThreadMs / 1000).toFixed(1)} s`),
    );
    for (const line of familyLines(t.families)) log(line);
  }
  log(`  allure-results: ${files.results} results, ${files.attachments} attachments, ${files.total} files`);
  if (run.code > 1) log(`  stderr: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const figures: RunFigures = {
    runs,
    wallMs: run.wallMs,
    cases: report?.totals.cases ?? 0,
    generationMs: report?.timings.generationMs ?? 0,
    ...(report?.timings.drawingThreadMs !== undefined && { drawingThreadMs: report.timings.drawingThreadMs }),
    peaks: run.peaks,
  };
  return { run, figures, ...(report && { report }) };
}

/** Per family: cases, requests, and the rates of generation and execution (conformance.json's timings). */
function familyLines(families: RunReport['timings']['families']): string[] {
  const rate = (n: number, ms: number) => Math.round((n / Math.max(ms, 1)) * 1000).toLocaleString('en-US');
  return Object.entries(families ?? {}).map(
    ([family, f]) =>
      `    ${family.padEnd(17)} ${String(f.cases).padStart(7)} cases ${String(f.requests).padStart(7)} requests  ` +
      `generation ${(f.generationMs / 1000).toFixed(1).padStart(5)} s (${rate(f.cases, f.generationMs)} cases/s)  ` +
      `execution ${(f.executionMs / 1000).toFixed(1).padStart(5)} s (${rate(f.requests, f.executionMs)} requests/s)`,
  );
}

/**
 * Issue 20's figures, measured side by side in one invocation: `--runs 100` then `--runs 10000`
 * (`--quick`: 1000) through the CLI against its embedded emulator, each process's peak RSS polled from
 * /proc; then PASS or FAIL per goal (bench/large-goals.ts), with the date and the machine's load, since
 * wall times on a shared machine say little without it.
 */
export async function benchLargeRun(options: { quick?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const large = options.quick ? 1_000 : FULL_SCALE_RUNS;
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  log(
    `large runs, ${new Date().toISOString()}: CLI against the embedded emulator, --runs 100 next to --runs ${large}`,
  );
  log(`machine: ${availableParallelism()} cores, load average ${load()} (1, 5, 15 min) before`);
  const small = await largeCliRun(100, log);
  const big = await largeCliRun(large, log);
  log(`load average ${load()} (1, 5, 15 min) after`);
  const ratio = peakOf(big.run) / Math.max(peakOf(small.run), 1);
  log(`peak RSS ratio (--runs ${large} / --runs 100): ${ratio.toFixed(2)}`);
  const sameFiles = allureFiles(big.run.reportDir).total === allureFiles(small.run.reportDir).total;
  log(`allure-results file count independent of --runs: ${sameFiles ? 'yes' : 'NO'}`);
  // The wall-time goal is for --runs 10000: a quick run is held to its share of those cases.
  const fullScaleCases = options.quick ? (small.figures.cases / 100) * FULL_SCALE_RUNS : undefined;
  const verdicts = judgeGoals(small.figures, big.figures, fullScaleCases);
  log('goals (issue 20):');
  for (const line of goalLines(verdicts)) log(line);
  for (const run of [small.run, big.run]) rmSync(join(run.reportDir, '..'), { recursive: true, force: true });
  return {
    ratio,
    sameFiles,
    wallMs: big.run.wallMs,
    code: big.run.code,
    verdicts,
    passed: verdicts.every((v) => v.pass) && big.run.code === 0 && small.run.code === 0,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchLargeRun({ quick: process.argv.includes('--quick') })
    .then((outcome) => {
      if (!outcome.passed) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(`large-run benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    });
}
