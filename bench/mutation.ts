// Mutation score of the suite (issue 8): the whole catalogue against the reference emulator (which must
// be clean), then against every mutant of test/mutants; prints the table and the score, exit 1 when a
// mutant survived. `npm run mutation [-- --threads N --parallel N --seed N --runs N --only ID,ID --json FILE]`.
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { ToolError } from '../lib/errors.js';
import { loadSpec } from '../lib/spec/load.js';
import { selectMutants } from '../test/mutants/catalogue.js';
import { DEFAULT_PARALLEL, MUTATION_RUNS, MUTATION_SEED, runMutation } from '../test/mutants/harness.js';
import { formatReport } from '../test/mutants/table.js';
import { serveThread, threadedRunner } from '../test/mutants/threads.js';

const USAGE =
  'usage: node dist/bench/mutation.js [--threads N] [--parallel N] [--seed N] [--runs N] [--only ID,ID] [--json FILE]';

function integerOption(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ToolError('E_USAGE', `--${name} must be an integer >= ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string' },
      parallel: { type: 'string' },
      seed: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const mutants = selectMutants(values.only?.split(',').filter(Boolean) ?? []);
  const threads = integerOption('threads', values.threads, availableParallelism(), 1);
  const spec = loadSpec();
  let done = 0;
  const report = await runMutation(spec, mutants, {
    parallel: integerOption('parallel', values.parallel, DEFAULT_PARALLEL, 1),
    seed: integerOption('seed', values.seed, MUTATION_SEED, Number.MIN_SAFE_INTEGER),
    runs: integerOption('runs', values.runs, MUTATION_RUNS, 0),
    onResult: (result) => {
      done += 1;
      process.stderr.write(`[${done}/${mutants.length}] ${result.mutant.id}: ${result.status}\n`);
    },
    ...(threads > 1 && { runner: threadedRunner(new URL(import.meta.url), threads) }),
  });
  console.log(formatReport(report));
  console.log(`threads ${threads}, ${values.parallel ?? DEFAULT_PARALLEL} mutants at once per thread`);
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  const clean = report.refused === undefined && report.results.every((result) => result.status === 'killed');
  // The plain closing line CI systems read: a killed mutant is a passed test, anything else a failed one.
  const killed = report.results.filter((result) => result.status === 'killed').length;
  console.log(`mutants: ${killed} passed, ${report.results.length - killed} failed`);
  return clean ? 0 : 1;
}

const fail = (error: unknown): void => {
  const usage = error instanceof ToolError && ['E_USAGE', 'E_CONFIG', 'E_SPEC'].includes(error.code);
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  if (usage) console.error(USAGE);
  process.exitCode = usage ? 2 : 3;
};

if (isMainThread) {
  main().then((code) => {
    process.exitCode = code;
  }, fail);
} else {
  // A worker thread started by threadedRunner: this same file, run for a share of the mutants.
  serveThread().catch(fail);
}
