import { exitCodeFor, type ToolErrorCode } from '../errors.js';
import { type Baseline, gate, renderGate } from '../reporting/index.js';
import type { ExecutedRun } from './execute-run.js';
import { type Io, println } from './io.js';
import { summaryTable } from './summary-table.js';

/**
 * Prints the end of a run (summary table, files, left-behind list) and decides the exit code:
 * 3 when the run did not finish (interrupted, aborted, tool problems, groups left behind), else the
 * baseline gate's verdict, else 1 when any rule failed.
 */
export function finishRun(
  run: ExecutedRun,
  io: Io,
  options: { baseline?: Baseline; shard?: string; extraFiles?: string[] },
): number {
  const { outcome } = run;
  if (outcome !== undefined) {
    println(io.stdout, summaryTable(outcome.report));
    for (const file of [...outcome.files, ...(options.extraFiles ?? [])]) println(io.stdout, `wrote ${file}`);
    if (options.shard)
      println(io.stdout, `shard ${options.shard}: merge the blob results with \`ecs-conformance merge\``);
  }
  println(io.stdout, `left behind: ${run.leftBehind.length === 0 ? 'none' : run.leftBehind.join(', ')}`);
  if (run.interrupted !== undefined) {
    println(io.stderr, `error: run interrupted by ${run.interrupted}`);
    return exitCodeFor('E_INTERRUPTED');
  }
  if (outcome === undefined) {
    println(io.stderr, 'error: the suites ended without a report');
    return 3;
  }
  if (outcome.abort) {
    println(io.stderr, `error: run stopped: ${outcome.abort.message}`);
    return exitCodeFor(outcome.abort.code as ToolErrorCode);
  }
  if (outcome.problems.length > 0) {
    for (const problem of outcome.problems) println(io.stderr, `error: ${problem}`);
    return 3;
  }
  if (run.leftBehind.length > 0) {
    println(
      io.stderr,
      `error: ${run.leftBehind.length} snapshot group(s) could not be deleted; delete them by hand`,
    );
    return 3;
  }
  if (options.baseline !== undefined) {
    const result = gate(outcome.report, options.baseline, new Date());
    println(io.stdout, renderGate(result));
    return result.exitCode;
  }
  const failed = outcome.report.totals.failed;
  println(
    io.stdout,
    failed === 0 ? 'verdict: conformant' : `verdict: NOT conformant (${failed} rule(s) failed)`,
  );
  return failed === 0 ? 0 : 1;
}
