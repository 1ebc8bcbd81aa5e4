import { afterAll, beforeAll, expect, test } from 'vitest';
import { CROSS_CUTTING_RULES } from '../../lib/checks/index.js';
import { ToolError } from '../../lib/errors.js';
import { applyAllure } from '../../lib/reporting/index.js';
import { type RuleResult, runRules } from '../../lib/runner/index.js';
import { watchTallies } from '../../lib/runner/record.js';
import { ruleHeader } from '../../lib/runner/rule-result.js';
import type { Family, Rule } from '../../lib/spec/catalogue.js';
import { defineFamilyProperty } from './family-property.js';
import { ruleFailureMessage } from './messages.js';
import { engineCall, suiteSession } from './session.js';
import type { FamilyOutcome } from './vitest-reporter.js';

/**
 * One suite file per family: `beforeAll` runs the family's rules through the shared engine session,
 * then one test per rule reports its verdict (failed fails, not covered and skipped are skipped with
 * the reason, never passed), then one fast-check property draws further cases of the family.
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
  const before = { requests: 0, cases: 0, executionMs: 0 };
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
    });
    // Generation happens once per session: the first file to run counts its time.
    if (!session.generationReported) {
      session.generationReported = true;
      outcome.generationMs = engine.generationMs;
    }
    try {
      const ruleResults = await engineCall(session, () => runRules(engine, outcome.rules));
      for (const result of ruleResults) results.set(result.id, result);
    } catch (error) {
      if (!(error instanceof ToolError)) throw error;
      engine.abort(error);
    }
  });

  for (const rule of rules) {
    test(`${rule.id}: ${rule.title}`, async (context) => {
      const result = results.get(rule.id) ?? inconclusive(rule, engine.abortError?.message);
      context.task.meta.ecsRule = result;
      await applyAllure(result);
      if (result.verdict === 'failed') expect.fail(ruleFailureMessage(result));
      if (result.verdict !== 'passed')
        context.skip(`${result.verdict}: ${result.reason ?? 'no reason given'}`);
    });
  }

  defineFamilyProperty(family, session, rules);

  // biome-ignore lint/correctness/noEmptyPattern: vitest wants the (unused) context destructured.
  afterAll(({}, file) => {
    outcome.requests = engine.requests - before.requests;
    outcome.cases = engine.casesRun - before.cases;
    outcome.executionMs = engine.executionMs - before.executionMs;
    const abort = engine.abortError;
    if (abort) outcome.abort = { code: abort.code, message: abort.message };
    if (watch) outcome.crossCutting = watch.stop();
    file.meta.ecsFamily = outcome;
  });
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
