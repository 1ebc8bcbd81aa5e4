import { performance } from 'node:perf_hooks';
import { DEFAULT_RUNS } from '../../generators/index.js';
import type { Spec } from '../../lib/spec/load.js';
import { inPool } from './pool.js';
import { type RunConstraints, type RunSummary, runAgainstEmulator } from './run-target.js';
import type { Mutant } from './types.js';

/** One fixed seed: a mutant's verdict must not depend on the day it runs. */
export const MUTATION_SEED = 20240319;
/** The generators' default number of random cases per rule (the CLI's too). */
export const MUTATION_RUNS = DEFAULT_RUNS;
/** Runs in flight in one thread: a run waits on timers (ClientToken processing) as much as it computes. */
export const DEFAULT_PARALLEL = 3;

/**
 * killed: at least one rule failed. survived: the run finished with no finding. error: the run could
 * not finish (the engine aborted, or the harness threw): neither a kill nor a pass.
 */
export type MutantStatus = 'killed' | 'survived' | 'error';

export interface MutantResult {
  mutant: Mutant;
  status: MutantStatus;
  summary?: RunSummary;
  error?: string;
}

export interface MutantsConstraints extends Partial<RunConstraints> {
  /** Mutants run at once in this thread. */
  parallel?: number;
  onResult?: (result: MutantResult) => void;
}

export interface MutationReport {
  seed: number;
  runs: number;
  reference: RunSummary;
  /** Set when the reference emulator had findings: then no mutant is run and nothing is scored. */
  refused?: string;
  results: MutantResult[];
  /** killed / all, in [0, 1]; undefined when refused. */
  score?: number;
  elapsedMs: number;
}

/** How the mutants are run once the reference is clean: in this thread by default (the bench uses threads). */
export type MutantsRunner = (
  mutants: readonly Mutant[],
  constraints: MutantsConstraints,
) => Promise<MutantResult[]>;

export const runConstraints = (constraints: Partial<RunConstraints>): RunConstraints => ({
  seed: constraints.seed ?? MUTATION_SEED,
  runs: constraints.runs ?? MUTATION_RUNS,
  ...(constraints.transports !== undefined && { transports: constraints.transports }),
  ...(constraints.concurrency !== undefined && { concurrency: constraints.concurrency }),
  ...(constraints.timeoutMs !== undefined && { timeoutMs: constraints.timeoutMs }),
});

/** Why a reference run is not a clean baseline (undefined when it is). */
export function referenceProblem(summary: RunSummary): string | undefined {
  const problems = [
    ...summary.failed.map(
      (rule) =>
        `rule ${rule.rule} has ${rule.findings} finding(s) by ${rule.checks.join(', ')}: ${rule.example ?? ''}`,
    ),
    ...(summary.abort === undefined ? [] : [`the run aborted (${summary.abort})`]),
    ...(summary.leftBehind.length === 0 ? [] : [`groups left behind: ${summary.leftBehind.join(', ')}`]),
  ];
  return problems.length === 0 ? undefined : problems.join('; ');
}

export function statusOf(summary: RunSummary): MutantStatus {
  if (summary.failed.some((rule) => rule.verdict === 'failed')) return 'killed';
  return summary.abort === undefined ? 'survived' : 'error';
}

export const scoreOf = (results: readonly MutantResult[]): number =>
  results.length === 0 ? 1 : results.filter((result) => result.status === 'killed').length / results.length;

/** The whole catalogue against the unmutated emulator, with the same seed and runs as the mutants. */
export const runReference = (spec: Spec, constraints: Partial<RunConstraints> = {}): Promise<RunSummary> =>
  runAgainstEmulator(spec, {}, runConstraints(constraints));

export async function runMutant(
  spec: Spec,
  mutant: Mutant,
  constraints: Partial<RunConstraints> = {},
): Promise<MutantResult> {
  try {
    const summary = await runAgainstEmulator(
      spec,
      { ...mutant.options, ...(mutant.seams !== undefined && { seams: mutant.seams }) },
      runConstraints(constraints),
    );
    return { mutant, status: statusOf(summary), summary };
  } catch (error) {
    return { mutant, status: 'error', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Every mutant, a few at once, each against its own emulator. */
export const runMutants = (
  spec: Spec,
  mutants: readonly Mutant[],
  constraints: MutantsConstraints = {},
): Promise<MutantResult[]> =>
  inPool(mutants, constraints.parallel ?? DEFAULT_PARALLEL, async (mutant) => {
    const result = await runMutant(spec, mutant, constraints);
    constraints.onResult?.(result);
    return result;
  });

/**
 * The reference emulator first: if it has any finding, every mutant would be "killed" for nothing, so
 * the harness refuses to score. Then every mutant.
 */
export async function runMutation(
  spec: Spec,
  mutants: readonly Mutant[],
  constraints: MutantsConstraints & { runner?: MutantsRunner } = {},
): Promise<MutationReport> {
  const started = performance.now();
  const run = runConstraints(constraints);
  const reference = await runReference(spec, run);
  const problem = referenceProblem(reference);
  const base = { seed: run.seed, runs: run.runs, reference };
  if (problem !== undefined) {
    return { ...base, refused: problem, results: [], elapsedMs: performance.now() - started };
  }
  const { runner = (list, options) => runMutants(spec, list, options), ...rest } = constraints;
  const results = await runner(mutants, { ...rest, ...run });
  return { ...base, results, score: scoreOf(results), elapsedMs: performance.now() - started };
}
