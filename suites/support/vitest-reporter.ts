import { existsSync } from 'node:fs';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import { writeAllureEnvironment } from '../../lib/reporting/allure-environment.js';
import { sortedRules } from '../../lib/reporting/format.js';
import { appendGithubStepSummary } from '../../lib/reporting/github-summary.js';
import { renderSummaryMarkdown } from '../../lib/reporting/summary-markdown.js';
import { runVerdict } from '../../lib/reporting/verdict.js';
import { writeReports } from '../../lib/reporting/write-reports.js';
import type {
  DifferentialRuleData,
  FamilyTiming,
  RuleResult,
  RunReport,
  Verdict,
} from '../../lib/runner/result.js';
import { resultFromShares, ruleHeader } from '../../lib/runner/rule-result.js';
import { type Catalogue, FAMILIES, type Family, type Rule } from '../../lib/spec/catalogue.js';
import type { FamilyOutcome, PropertyOutcome, ReporterOutcome, RunInfo } from './run-contract.js';

export interface ConformanceReporterOptions {
  version: string;
  /**
   * When the CLI started (ms since the epoch): the timings then split the run's wall time into start-up
   * (until generation starts), generation, execution (until the last test, plus the final sweep) and
   * reporting (every report, JUnit and Allure included). Absent (a merge): the suites' own sums.
   */
  startedAtMs?: number;
  /** Called once the tests are over: resolves when the other report writers (JUnit, Allure) are done. */
  othersWritten?: () => Promise<unknown>;
  /** Where conformance.json and summary.md go; absent: assemble only (a shard writes blob results). */
  reportDir?: string;
  /** The Allure results folder of this run, given the verdict (environment.properties) once written. */
  allureResultsDir?: string;
  /**
   * Told the run's verdict sentence once the report is assembled, before the other writers are waited
   * for (JUnit names it); told `undefined` if assembling failed. Called exactly once.
   */
  onVerdict?: (sentence: string | undefined) => void;
  startupMs?: number;
  /** Used when no suite file recorded run facts (everything crashed). */
  fallbackRun: RunInfo;
  loadCatalogue: (run: RunInfo) => Catalogue | Promise<Catalogue>;
  /** Runs before writing (the CLI sweeps left-behind groups here); returns groups still left behind. */
  finalize?: () => Promise<string[]>;
  onReport: (outcome: ReporterOutcome) => void | Promise<void>;
  env?: Record<string, string | undefined>;
}

/** Collects RuleResults from `task.meta`, assembles the RunReport and writes it. */
export class ConformanceReporter implements Reporter {
  /** Why assembling or writing the report failed: vitest would only log it, the CLI rethrows it. */
  failure: unknown;

  #announced = false;

  constructor(private readonly options: ConformanceReporterOptions) {}

  #announce(sentence: string | undefined): void {
    if (this.#announced) return;
    this.#announced = true;
    this.options.onVerdict?.(sentence);
  }

  async onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): Promise<void> {
    try {
      await this.report(modules, unhandledErrors, reason);
    } catch (error) {
      this.failure = error;
    } finally {
      // Whatever happened: a writer waiting for the verdict must not wait forever.
      this.#announce(undefined);
    }
  }

  private async report(
    modules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): Promise<void> {
    const testsEnded = Date.now();
    // Clean-up first (it is execution, not reporting), so that the report lists what is really left behind.
    const swept = this.options.finalize ? await this.options.finalize() : [];
    const sweepMs = Date.now() - testsEnded;
    const families = modules.flatMap((m) =>
      m.meta().ecsFamily ? [m.meta().ecsFamily as FamilyOutcome] : [],
    );
    const run = earliestRun(families) ?? this.options.fallbackRun;
    const catalogue = await this.options.loadCatalogue(run);
    const problems = [...unhandledErrors.map((e) => `unhandled error: ${e.message}`)];
    const results = new Map<string, RuleResult>();
    const properties = modules.flatMap((module) => collectModule(module, results, problems));
    addCrossCutting(results, families);
    for (const property of properties) {
      if (property.error) problems.push(`${property.family} property: ${property.error}`);
      if (property.failure) mergePropertyFailure(results, property.failure);
    }
    for (const family of families) {
      for (const id of family.rules) if (!results.has(id)) addInconclusive(results, catalogue, id, family);
    }
    const leftBehind = [...families.flatMap((f) => f.leftBehind), ...swept];
    const abort = families.find((f) => f.abort)?.abort;
    const report = assemble(run, results, families, {
      version: this.options.version,
      startupMs: this.options.startupMs ?? 0,
      leftBehind: [...new Set(leftBehind)].sort(),
    });
    // JUnit waits for the verdict (its root names it); Allure has written its results by now.
    this.#announce(runVerdict(report).sentence);
    await this.options.othersWritten?.();
    const wall = this.options.startedAtMs !== undefined && families.length > 0;
    if (wall) wallTimings(report, run, this.options.startedAtMs as number, testsEnded, sweepMs);
    // Up to writing the files below (a second write to record their own time would cost as much again).
    report.timings.reportingMs = Math.max(0, Math.round(Date.now() - testsEnded - (wall ? sweepMs : 0)));
    let files: string[] = [];
    let written = report;
    if (this.options.reportDir !== undefined) {
      ({ report: written, files } = writeReports(report, this.options.reportDir, catalogue));
      if (this.options.allureResultsDir !== undefined && existsSync(this.options.allureResultsDir))
        writeAllureEnvironment(this.options.allureResultsDir, written);
      appendGithubStepSummary(renderSummaryMarkdown(written), this.options.env ?? process.env);
    }
    await this.options.onReport({ report: written, ...(abort && { abort }), problems, files, reason });
  }
}

/**
 * The phases as parts of the wall time: start-up until the session started planning, generation
 * (planning, and drawing the cases as they run: the files' sums), execution from the session's start to
 * the last test (the final sweep included) less the draws, and the rest.
 */
export function wallTimings(
  report: RunReport,
  run: RunInfo,
  startedAtMs: number,
  testsEnded: number,
  sweepMs: number,
): void {
  const sessionOpened = Date.parse(report.startedAt);
  if (Number.isNaN(sessionOpened)) return;
  const planning = run.planningMs ?? 0;
  const draws = Math.max(0, report.timings.generationMs - planning);
  report.timings.startupMs = Math.max(0, Math.round(sessionOpened - planning - startedAtMs));
  report.timings.executionMs = Math.max(0, Math.round(testsEnded - sessionOpened + sweepMs - draws));
}

/**
 * Cross-cutting rules are checked on every family's responses: their result is the sum of every file's
 * share (see FamilyOutcome.crossCutting), so that shards merged report what one unsharded run does.
 */
function addCrossCutting(results: Map<string, RuleResult>, families: FamilyOutcome[]): void {
  const ordered = [...families].sort((a, b) => a.family.localeCompare(b.family));
  const ids = new Set(ordered.flatMap((f) => Object.keys(f.crossCutting ?? {})));
  for (const id of [...ids].sort()) {
    const reported = results.get(id);
    if (reported === undefined) continue;
    const shares = ordered.flatMap((f) => (f.crossCutting?.[id] ? [f.crossCutting[id]] : []));
    results.set(id, resultFromShares(reported, shares));
  }
}

function earliestRun(families: FamilyOutcome[]): RunInfo | undefined {
  return [...families].sort((a, b) => a.run.startedAt.localeCompare(b.run.startedAt))[0]?.run;
}

function collectModule(
  module: TestModule,
  results: Map<string, RuleResult>,
  problems: string[],
): PropertyOutcome[] {
  for (const error of module.errors()) problems.push(`${module.relativeModuleId}: ${error.message}`);
  const properties: PropertyOutcome[] = [];
  for (const test of module.children.allTests()) {
    const meta = test.meta();
    if (meta.ecsRule) results.set(meta.ecsRule.id, structuredClone(meta.ecsRule));
    else if (meta.ecsProperty) properties.push(meta.ecsProperty);
    else if (meta.ecsCrossCutting === undefined && test.result().state === 'failed')
      problems.push(`${test.fullName}: ${firstError(test)}`);
  }
  return properties;
}

const firstError = (test: TestCase): string => test.result().errors?.[0]?.message ?? 'failed';

/** A counterexample found by a family's property makes its rule fail, with the shrunk case as sample. */
function mergePropertyFailure(
  results: Map<string, RuleResult>,
  failure: NonNullable<PropertyOutcome['failure']>,
) {
  const rule = results.get(failure.rule);
  if (rule === undefined) return;
  rule.verdict = 'failed';
  delete rule.reason;
  rule.casesRun += 1;
  rule.casesFailed += 1;
  rule.findings.push(...failure.findings);
  if (failure.sample) rule.samples.push(failure.sample);
}

function addInconclusive(
  results: Map<string, RuleResult>,
  catalogue: Catalogue,
  id: string,
  family: FamilyOutcome,
) {
  const rule: Rule | undefined = catalogue.rules.find((r) => r.id === id);
  if (rule === undefined) return;
  const reason = family.abort ? `run stopped: ${family.abort.message}` : 'the suite did not report a result';
  results.set(id, {
    ...ruleHeader(rule),
    verdict: 'inconclusive',
    reason,
    casesRun: 0,
    casesFailed: 0,
    findings: [],
    samples: [],
  });
}

/** Each family's cases, requests and phases, in catalogue order (a merge may list a family's shards apart). */
export function familyTimings(families: FamilyOutcome[]): Partial<Record<Family, FamilyTiming>> {
  const out: Partial<Record<Family, FamilyTiming>> = {};
  const ordered = [...families].sort((a, b) => FAMILIES.indexOf(a.family) - FAMILIES.indexOf(b.family));
  for (const f of ordered) {
    const known = out[f.family] ?? { cases: 0, requests: 0, generationMs: 0, executionMs: 0 };
    out[f.family] = {
      cases: known.cases + f.cases,
      requests: known.requests + f.requests,
      generationMs: known.generationMs + Math.round(f.generationMs),
      executionMs: known.executionMs + Math.round(f.executionMs),
    };
  }
  return out;
}

function assemble(
  run: RunInfo,
  results: Map<string, RuleResult>,
  families: FamilyOutcome[],
  extra: { version: string; startupMs: number; leftBehind: string[] },
): RunReport {
  // The writers' order (family, then id), so that what the CLI prints matches conformance.json.
  const rules = sortedRules([...results.values()]);
  const count = (verdict: Verdict) => rules.filter((r) => r.verdict === verdict).length;
  const sum = (pick: (f: FamilyOutcome) => number) => families.reduce((total, f) => total + pick(f), 0);
  const casesFromFamilies = sum((f) => f.cases);
  return {
    tool: { name: 'ecs-conformance', version: extra.version },
    target: run.target,
    world: run.world,
    profile: run.profile,
    seed: run.seed,
    runs: run.runs,
    transports: run.transports,
    startedAt: run.startedAt,
    finishedAt: new Date().toISOString(),
    timings: {
      startupMs: extra.startupMs,
      generationMs: Math.round(sum((f) => f.generationMs)),
      executionMs: Math.round(sum((f) => f.executionMs)),
      reportingMs: 0,
      ...(families.some((f) => f.drawingThreadMs !== undefined) && {
        drawingThreadMs: Math.round(sum((f) => f.drawingThreadMs ?? 0)),
      }),
      ...(families.length > 0 && { families: familyTimings(families) }),
    },
    totals: {
      rules: rules.length,
      passed: count('passed'),
      failed: count('failed'),
      notCovered: count('not-covered'),
      skipped: count('skipped'),
      inconclusive: count('inconclusive'),
      cases: casesFromFamilies > 0 ? casesFromFamilies : rules.reduce((total, r) => total + r.casesRun, 0),
      requests: sum((f) => f.requests),
    },
    rules,
    errorRows: [],
    leftBehind: extra.leftBehind,
    ...(run.reference !== undefined && { differential: differentialOf(run.reference, rules, families) }),
  };
}

/** The families' comparisons, rule by rule in the report's order, with their sums. */
function differentialOf(
  reference: string,
  rules: readonly RuleResult[],
  families: readonly FamilyOutcome[],
): NonNullable<RunReport['differential']> {
  const byRule = new Map<string, DifferentialRuleData>();
  for (const family of families) {
    for (const [rule, data] of Object.entries(family.differential ?? {})) {
      const total = byRule.get(rule) ?? { compared: 0, disagreeing: 0, uncompared: 0 };
      total.compared += data.compared;
      total.disagreeing += data.disagreeing;
      total.uncompared += data.uncompared;
      for (const [answer, count] of Object.entries(data.referenceAnswers ?? {})) {
        total.referenceAnswers ??= {};
        total.referenceAnswers[answer] = (total.referenceAnswers[answer] ?? 0) + count;
      }
      byRule.set(rule, total);
    }
  }
  const listed = rules.flatMap((rule) => {
    const data = byRule.get(rule.id);
    return data === undefined ? [] : [{ rule: rule.id, ...data }];
  });
  const sum = (pick: (data: DifferentialRuleData) => number) =>
    listed.reduce((total, data) => total + pick(data), 0);
  return {
    reference,
    compared: sum((d) => d.compared),
    disagreeing: sum((d) => d.disagreeing),
    uncompared: sum((d) => d.uncompared),
    rules: listed,
  };
}
