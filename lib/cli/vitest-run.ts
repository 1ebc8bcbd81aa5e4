import { join, resolve } from 'node:path';
import type { InlineConfig, Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import type { ReporterOutcome, SuiteRunOptions } from '../../suites/support/run-contract.js';
import {
  ConformanceReporter,
  type ConformanceReporterOptions,
} from '../../suites/support/vitest-reporter.js';
import { ToolError } from '../errors.js';
import { FAMILIES, type Family } from '../spec/catalogue.js';
import { inconclusiveTests, type JUnitRun, junitElement } from './junit-verdict.js';
import { ProgressReporter } from './progress-reporter.js';
import { compiledEngine, quietStreams, withoutNewSignalHandlers } from './vitest-environment.js';

/** Families whose suite file has another name: `suites/support/` is the suites' helper folder. */
const SUITE_FILE_NAMES: Partial<Record<Family, string>> = { support: 'support-operations' };

/** The suite file of a family. */
export const suiteFileOf = (family: Family): string => `suites/${SUITE_FILE_NAMES[family] ?? family}.test.ts`;
export const BLOB_DIR = 'blob-reports';

/**
 * The worker's live heap stays about 60-130 MB at `--runs 10000`, but V8 by default lets garbage grow
 * the heap to two to four times that before it marks, which took the worker to 470 MiB (issue 20's goal
 * is 400). Growing by half at most kept it at 330 MiB in the same wall time. A growing factor, not a
 * cap: a run that needs more heap still gets it.
 */
const WORKER_NODE_FLAGS = ['--heap-growing-percent=50'];

export interface SuitesRun {
  root: string;
  reportDir: string;
  /** Families whose suite files run; default all. */
  families?: readonly Family[];
  /** Absent in merge mode: the blob files carry the results. */
  suiteOptions?: SuiteRunOptions;
  /** Set in the worker's process.env (the keys that sign: see signingKeys). */
  workerEnv?: Record<string, string>;
  shard?: { index: number; count: number };
  /** Directory of blob files to merge instead of running the suites. */
  mergeFrom?: string;
  reporter: Omit<ConformanceReporterOptions, 'onReport' | 'reportDir'>;
  /** Lets the caller cancel the run (SIGINT). */
  onStart?: (vitest: Vitest) => void;
}

/**
 * Runs the suites with vitest's Node API and an inline config (no config file), so that the CLI works
 * from any folder. One worker, no isolation, no file parallelism: every suite file shares one engine
 * session (client, RequestId memory, create budget).
 */
export async function runSuites(run: SuitesRun): Promise<ReporterOutcome | undefined> {
  const { BaseSequencer, createVitest, JUnitReporter } = await import('vitest/node');
  const { default: AllureVitestReporter } = await import('allure-vitest/reporter');
  // Families run in catalogue order, so that a run reads like the catalogue (no test depends on it).
  class FamilyOrder extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      const rank = (spec: TestSpecification) =>
        FAMILIES.findIndex((f) => spec.moduleId.endsWith(`/${suiteFileOf(f).slice('suites/'.length)}`));
      return [...files].sort((a, b) => rank(a) - rank(b));
    }
  }
  let outcome: ReporterOutcome | undefined;
  const sharded = run.shard !== undefined;
  const progress = new ProgressReporter();
  const writing: Array<Promise<unknown>> = [];
  // The run's verdict, once the conformance reporter has assembled the report: JUnit names it.
  let announceVerdict: (sentence: string | undefined) => void = () => {};
  const verdictKnown = new Promise<string | undefined>((resolve) => {
    announceVerdict = resolve;
  });
  const [first, second] = vitestOutputs(resolve(run.reportDir), run.shard);
  const conformance = new ConformanceReporter({
    ...run.reporter,
    ...(!sharded && { reportDir: run.reportDir, ...(second !== undefined && { allureResultsDir: second }) }),
    onVerdict: (sentence) => announceVerdict(sentence),
    // vitest calls every reporter's onTestRunEnd in turn, without waiting: the writers below have all
    // started (and Allure, synchronous, finished) once this first reporter's call yields.
    othersWritten: async () => {
      await Promise.resolve();
      await Promise.allSettled(writing);
    },
    onReport: (result) => {
      outcome = result;
    },
  });
  // A merge replays finished results: live progress would only repeat them.
  // First, so that it marks the end of the tests before the other reporters write.
  const reporters: Array<Reporter | [name: string, options: object]> =
    run.mergeFrom === undefined ? [conformance, progress] : [conformance];
  if (sharded) {
    reporters.push(['blob', { outputFile: first }]);
  } else {
    const { TrackedJUnit, RootedAllure } = trackedWriters(JUnitReporter, AllureVitestReporter);
    reporters.push(
      new TrackedJUnit({ outputFile: first, suiteName: 'ecs-conformance' }, writing, run.root, verdictKnown),
    );
    reporters.push(new RootedAllure({ resultsDir: second }, run.root, writing));
  }
  const engine = compiledEngine(run.root);
  const options: InlineConfig & { config: false; mergeReports?: string; shard?: string } = {
    config: false,
    root: run.root,
    include: (run.families ?? FAMILIES).map(suiteFileOf),
    watch: false,
    setupFiles: ['allure-vitest/setup'],
    // vitest types reporter options per built-in name; these are checked against its docs instead.
    reporters: reporters as InlineConfig['reporters'],
    pool: 'forks',
    execArgv: WORKER_NODE_FLAGS,
    isolate: false,
    fileParallelism: false,
    maxWorkers: 1,
    // Hooks run whole families against possibly slow, rate-limited real endpoints; the engine has its
    // own per-request timeouts and stops a run on repeated transport failures.
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    sequence: { shuffle: false, sequencer: FamilyOrder },
    server: { deps: { external: engine.external } },
    ...(run.suiteOptions && { provide: { ecsConformance: run.suiteOptions } }),
    ...(run.workerEnv && { env: run.workerEnv }),
    // Shards are dealt by family (shareOf), not by vitest: a shard with no family (more shards than
    // families) runs no file and still writes its blob file for `merge`.
    ...(run.shard && { passWithNoTests: true }),
    ...(run.mergeFrom !== undefined && { mergeReports: run.mergeFrom }),
  };
  const vitest = await withoutNewSignalHandlers(() =>
    createVitest('test', options, { resolve: { alias: engine.alias }, logLevel: 'error' }, quietStreams()),
  );
  const exitCodeBefore = process.exitCode;
  try {
    run.onStart?.(vitest);
    if (run.mergeFrom !== undefined) await vitest.mergeReports(run.mergeFrom);
    else
      await vitest.start([]).catch((error: unknown) => {
        // vitest ends the test run (reporters, blob file) and then throws when there was no file to run,
        // whatever passWithNoTests says: for a shard without a family that is the expected end.
        if (!(sharded && run.families?.length === 0 && isNoFilesError(error))) throw error;
      });
    if (conformance.failure !== undefined) throw conformance.failure;
  } catch (error) {
    throw asToolError(error);
  } finally {
    await vitest.close();
    // vitest sets process.exitCode on failing tests; the CLI decides the exit code itself.
    process.exitCode = exitCodeBefore;
  }
  return outcome;
}

/** What vitest's own reporters write: the blob file of a shard, else JUnit XML and Allure results. */
export function vitestOutputs(reportDir: string, shard?: { index: number; count: number }): string[] {
  return shard
    ? [join(reportDir, BLOB_DIR, `blob-${shard.index}-${shard.count}.json`)]
    : [join(reportDir, 'junit.xml'), join(reportDir, 'allure-results')];
}

type JUnitClass = typeof import('vitest/node').JUnitReporter;
type AllureClass = typeof import('allure-vitest/reporter').default;

/** vitest's and Allure's writers, loaded with vitest (not when the CLI starts), tracked and rooted. */
function trackedWriters(JUnitReporter: JUnitClass, AllureVitestReporter: AllureClass) {
  /**
   * JUnit whose writing the conformance reporter waits for (and counts as reporting time), written
   * once the run's verdict is known, with inconclusive rules as errors (see junitElement).
   */
  class TrackedJUnit extends JUnitReporter {
    #run: JUnitRun = { verdict: undefined, inconclusive: new Map() };

    constructor(
      options: ConstructorParameters<JUnitClass>[0],
      private readonly writing: Array<Promise<unknown>>,
      private readonly root: string,
      private readonly verdictKnown: Promise<string | undefined>,
    ) {
      super(options);
    }

    override onTestRunEnd(modules: ReadonlyArray<TestModule>): Promise<void> {
      const written = this.verdictKnown.then((verdict) => {
        this.#run = { verdict, inconclusive: inconclusiveTests(modules, this.root) };
        return super.onTestRunEnd(modules);
      });
      this.writing.push(written);
      return written;
    }

    override writeElement(
      name: string,
      attrs: Record<string, unknown>,
      children: () => Promise<void>,
    ): Promise<void> {
      const [element, attributes] = junitElement(name, attrs, this.#run);
      return super.writeElement(element, attributes, children);
    }
  }

  /**
   * allure-vitest names results (`fullName`, hence `historyId`) after the package.json found from the
   * working directory: run from the package root, they are `ecs-conformance:suites/<family>.test.ts#…`
   * wherever the CLI runs, so that Allure history follows a test across folders and machines.
   */
  class RootedAllure extends AllureVitestReporter {
    constructor(
      config: ConstructorParameters<AllureClass>[0],
      private readonly root: string,
      private readonly writing: Array<Promise<unknown>>,
    ) {
      super(config);
    }

    override onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
      const cwd = process.cwd();
      // Synchronous throughout (results are written before it returns): nothing else sees the change.
      process.chdir(this.root);
      try {
        super.onTestRunEnd(modules);
      } finally {
        process.chdir(cwd);
        this.writing.push(Promise.resolve());
      }
    }
  }
  return { TrackedJUnit, RootedAllure };
}

/** vitest's FilesNotFoundError, known by its stable code (the class is not exported). */
const isNoFilesError = (error: unknown): boolean =>
  error instanceof Error && (error as Error & { code?: unknown }).code === 'VITEST_FILES_NOT_FOUND';

function asToolError(error: unknown): unknown {
  if (error instanceof ToolError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/shard/i.test(message)) return new ToolError('E_USAGE', `--shard: ${message}`);
  if (/blob|merge/i.test(message)) return new ToolError('E_CONFIG', `merge: ${message}`);
  return error;
}
