import { exitCodeFor, type ToolErrorCode } from '../errors.js';
import { type Baseline, gate, renderGate, runVerdict } from '../reporting/index.js';
import type { RunReport } from '../runner/result.js';
import { shownText } from '../shown-text.js';
import type { ExecutedRun } from './execute-run.js';
import { type Io, println } from './io.js';
import { summaryTable } from './summary-table.js';

/**
 * Prints the end of a run (summary table, files, left-behind list, the verdict) and decides the exit
 * code: 3 when the run did not finish (interrupted, aborted, tool problems, groups left behind), else
 * the verdict's (runVerdict: 1 when a rule failed, 3 when the target could not be evaluated, else 0),
 * with a baseline the gate's for failures. Nothing passes silently (DESIGN.md principle 3).
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
  // Group ids come from the target's answers: each shown on one line, bounded.
  const leftBehind = run.leftBehind.map((entry) => shownText(entry));
  println(io.stdout, `left behind: ${leftBehind.length === 0 ? 'none' : leftBehind.join(', ')}`);
  // Said whatever else went wrong: these cost money until someone acts.
  leftBehindErrors(run.leftBehind, io);
  if (run.interrupted !== undefined) {
    println(io.stderr, `error: run interrupted by ${run.interrupted}`);
    return exitCodeFor('E_INTERRUPTED');
  }
  if (outcome === undefined) {
    println(io.stderr, 'error: the suites ended without a report');
    return 3;
  }
  if (outcome.abort) {
    println(io.stderr, `error: run stopped: ${shownText(outcome.abort.message)}`);
    return exitCodeFor(outcome.abort.code as ToolErrorCode);
  }
  if (outcome.problems.length > 0) {
    for (const problem of outcome.problems) println(io.stderr, `error: ${shownText(problem)}`);
    return 3;
  }
  if (run.leftBehind.length > 0) return 3;
  const { report } = outcome;
  // More shards than families (a wide CI matrix): this one ran nothing, and the merged run has the verdict.
  if (options.shard !== undefined && report.rules.length === 0) {
    println(
      io.stdout,
      `shard ${options.shard}: no family fell to this shard; the merged run states the verdict`,
    );
    return 0;
  }
  // One verdict, one sentence: the same words as summary.md, conformance.json, JUnit and Allure.
  const verdict = runVerdict(report);
  println(io.stdout, `verdict: ${verdict.sentence}`);
  if (options.baseline !== undefined) {
    const result = gate(report, options.baseline, new Date());
    println(io.stdout, renderGate(result));
    if (result.exitCode !== 0) return result.exitCode;
    return unevaluated(report, io) ? 3 : 0;
  }
  if (verdict.status === 'not-evaluated') unevaluated(report, io);
  return verdict.exitCode;
}

/** Group ids that could not be deleted, and creates that may have made a group nobody could find. */
function leftBehindErrors(leftBehind: readonly string[], io: Io): void {
  // A group id is one word; a lost create is a sentence (`unknown group on d-… (…)`).
  const lost = leftBehind.filter((entry) => /\s/.test(entry));
  const groups = leftBehind.length - lost.length;
  if (groups > 0)
    println(io.stderr, `error: ${groups} snapshot group(s) could not be deleted; delete them by hand`);
  if (lost.length > 0) {
    println(
      io.stderr,
      `error: ${lost.length} create(s) lost their answer and may have made a snapshot group the run could ` +
        'not find (possibly created, id unknown); look for it on the target and delete it by hand',
    );
  }
}

/**
 * True (and says why on stderr) when the run says nothing either way about some rules it meant to
 * check: a rule inconclusive, or not one rule evaluated. A target that throttles or drops everything is
 * not conformant.
 */
function unevaluated(report: RunReport, io: Io): boolean {
  const inconclusive = report.rules.filter((rule) => rule.verdict === 'inconclusive');
  if (inconclusive.length > 0) {
    println(
      io.stderr,
      `error: run could not finish: the target could not be evaluated: ${inconclusive.length} of ` +
        `${report.rules.length} rule(s) inconclusive (${shownText(mainReason(inconclusive.map((r) => r.reason)))})`,
    );
    return true;
  }
  const decided = report.rules.some((rule) => rule.verdict === 'passed' || rule.verdict === 'failed');
  if (report.rules.length > 0 && !decided) {
    const { notCovered, skipped } = report.totals;
    println(
      io.stderr,
      `error: run could not finish: no rule could be checked (${notCovered} not covered, ${skipped} skipped)`,
    );
    return true;
  }
  return false;
}

/** The most frequent case-level reason: "3 of 4 cases inconclusive (X)" counts as X. */
function mainReason(reasons: ReadonlyArray<string | undefined>): string {
  const counts = new Map<string, number>();
  for (const reason of reasons) {
    const inner = /^\d+ of \d+ cases inconclusive \((.*)\)$/s.exec(reason ?? '')?.[1] ?? reason;
    const key = inner ?? 'no reason given';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = 'no reason given';
  let most = 0;
  for (const [reason, count] of counts) {
    if (count > most) {
      best = reason;
      most = count;
    }
  }
  return counts.size > 1 ? `mostly ${best}; ${counts.size - 1} other reason(s)` : best;
}
