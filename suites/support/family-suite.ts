import { afterAll, beforeAll, expect, test } from 'vitest';
import { CROSS_CUTTING_RULES } from '../../lib/checks/index.js';
import { ToolError } from '../../lib/errors.js';
import { applyAllure } from '../../lib/reporting/index.js';
import { type RuleResult, runRules } from '../../lib/runner/index.js';
import { watchTallies } from '../../lib/runner/record.js';
import { resultFromShares, ruleHeader } from '../../lib/runner/rule-result.js';
import type { Family, Rule } from '../../lib/spec/catalogue.js';
import { defineFamilyProperty } from './family-property.js';
import { InconclusiveRule } from './inconclusive.js';
import { ruleFailureMessage } from './messages.js';
import type { FamilyOutcome } from './run-contract.js';
import { engineCall, suiteSession } from './session.js';

/**
 * One suite file per family: `beforeAll` runs the family's rules through the shared engine session,
 * then one test per rule reports its verdict (failed fails, inconclusive throws InconclusiveRule with
 * the reason, not covered and skipped are skipped with the reason, never passed), then one fast-check
 * property draws further cases of the family.
 */
export async function defineFamilySuite(family: Family): Promise<void> {
  const session = await suiteSession();
  const rules = session.engine.rules.filter((rule) => rule.family === family);
  const results = new Map<string, RuleResult>();
  const engine = session.engine;
  const outcome: FamilyOutcome = {
    family,
    run: session.run,
    rules: rules.map((rule) => rule.id),
    requests: 0,
    cases: 0,
    generationMs: 0,
    executionMs: 0,
    leftBehind: [],
  };
  const before = { requests: 0, cases: 0, executionMs: 0, generationMs: 0, drawnElsewhereMs: 0 };
  // Every family's cases bear on the cross-cutting rules: this file's share goes into its meta, and the
  // reporter adds up the shares of all files (of all shards), so a sharded run reports what one would.
  const crossCutting = Object.values(CROSS_CUTTING_RULES).filter((id) =>
    engine.rules.some((rule) => rule.id === id),
  );
  let watch: ReturnType<typeof watchTallies> | undefined;

  // biome-ignore lint/correctness/noEmptyPattern: vitest wants the (unused) context destructured.
  beforeAll(async ({}, file) => {
    // Set first: if anything below throws, the reporter still knows what this file was about.
    file.meta.ecsFamily = outcome;
    watch = watchTallies(engine, crossCutting);
    Object.assign(before, {
      requests: engine.requests,
      cases: engine.casesRun,
      executionMs: engine.executionMs,
      // Planning happens once per session: the first file counts it; every file counts its own draws.
      generationMs: session.generationReported ? engine.generationMs : 0,
      drawnElsewhereMs: engine.cases.drawnElsewhereMs?.() ?? 0,
    });
    session.generationReported = true;
    try {
      const ruleResults = await engineCall(session, () => runRules(engine, outcome.rules));
      for (const result of ruleResults) results.set(result.id, result);
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      engine.abort(error);
    }
  });

  /**
   * This file's share of a cross-cutting rule, judged alone: what a test of it asserts, so that its
   * status depends only on this file's cases (not on the files run before it in the worker, nor on
   * which shard ran them). The run's verdict on the rule adds up every file's share (see the reporter).
   */
  const share = (reported: RuleResult): RuleResult => {
    const tally = watch?.peek()[reported.id];
    return resultFromShares(reported, tally ? [tally] : []);
  };
  const crossCuttingIds = new Set<string>(crossCutting);

  for (const rule of rules) {
    test(`${rule.id}: ${rule.title}`, async (context) => {
      const reported = results.get(rule.id) ?? inconclusive(rule, engine.abortError?.message);
      const result = crossCuttingIds.has(rule.id) ? share(reported) : reported;
      context.task.meta.ecsRule = result;
      await applyAllure(result);
      if (result.verdict === 'failed') expect.fail(ruleFailureMessage(result));
      if (result.verdict === 'inconclusive') throw new InconclusiveRule(result.reason ?? 'no reason given');
      if (result.verdict !== 'passed')
        context.skip(`${result.verdict}: ${result.reason ?? 'no reason given'}`);
    });
  }

  // The cross-cutting rules of other families, as this family's cases bore on them: a violation fails
  // a test of the file whose cases found it, in a sharded run as in a whole one. One test, not one per
  // rule: most families bear on only some of them, and a skipped test per rule would only be noise.
  const others = engine.rules.filter((rule) => crossCuttingIds.has(rule.id) && rule.family !== family);
  if (others.length > 0) {
    test(`cross-cutting rules, as the ${family} cases found them`, async (context) => {
      context.task.meta.ecsCrossCutting = others.map((rule) => rule.id);
      const shares = others.map((rule) => share(notBorneOn(rule, `no ${family} case bore on it`)));
      const failed = shares.filter((result) => result.verdict === 'failed');
      for (const result of failed) await applyAllure(result);
      if (failed.length > 0) expect.fail(failed.map(ruleFailureMessage).join('\n\n'));
      const stopped = engine.abortError?.message;
      if (stopped !== undefined) throw new InconclusiveRule(`run stopped: ${stopped}`);
      if (shares.every((result) => result.casesRun === 0))
        context.skip(`not-covered: no ${family} case bore on ${others.map((rule) => rule.id).join(', ')}`);
    });
  }

  defineFamilyProperty(family, session, rules);

  // biome-ignore lint/correctness/noEmptyPattern: vitest wants the (unused) context destructured.
  afterAll(({}, file) => {
    outcome.requests = engine.requests - before.requests;
    outcome.cases = engine.casesRun - before.cases;
    outcome.executionMs = engine.executionMs - before.executionMs;
    outcome.generationMs = engine.generationMs - before.generationMs;
    const drawnElsewhere = engine.cases.drawnElsewhereMs?.();
    if (drawnElsewhere !== undefined) outcome.drawingThreadMs = drawnElsewhere - before.drawnElsewhereMs;
    const abort = engine.abortError;
    if (abort) outcome.abort = { code: abort.code, message: abort.message };
    if (watch) outcome.crossCutting = watch.stop();
    if (engine.reference !== undefined) outcome.differential = engine.reference.dataFor(outcome.rules);
    // The suites never close the session (the CLI sweeps): the cassette is written as each file ends.
    engine.recorder?.write();
    file.meta.ecsFamily = outcome;
  });
}

function notBorneOn(rule: Rule, reason: string): RuleResult {
  return {
    ...ruleHeader(rule),
    verdict: 'not-covered',
    reason,
    casesRun: 0,
    casesFailed: 0,
    findings: [],
    samples: [],
  };
}

function inconclusive(rule: Rule, why: string | undefined): RuleResult {
  return {
    ...ruleHeader(rule),
    verdict: 'inconclusive',
    reason: why === undefined ? 'the family did not run' : `run stopped: ${why}`,
    casesRun: 0,
    casesFailed: 0,
    findings: [],
    samples: [],
  };
}
