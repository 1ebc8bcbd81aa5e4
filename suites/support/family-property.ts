import * as allure from 'allure-js-commons';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { caseArbitrary, caseContext, familyArbitrary } from '../../generators/index.js';
import { deriveSeed } from '../../generators/seed.js';
import type { Case } from '../../lib/cases.js';
import type { Finding } from '../../lib/checks/index.js';
import { ToolError } from '../../lib/errors.js';
import { formatExpected } from '../../lib/reporting/index.js';
import { runCases } from '../../lib/runner/index.js';
import { caseRecord } from '../../lib/runner/samples.js';
import { judgeRefusalsSoFar } from '../../lib/runner/side-effects.js';
import type { Family, Rule } from '../../lib/spec/catalogue.js';
import { findingLines, sampleLines } from './messages.js';
import { propertyRuns } from './progress.js';
import type { PropertyOutcome } from './run-contract.js';
import { engineCall, type SuiteSession } from './session.js';

type Failure = NonNullable<PropertyOutcome['failure']>;

/**
 * One fast-check property per family: cases drawn from the family's arbitraries, each sent through the
 * engine and checked; a failing case is shrunk to a minimal request, and the message shows the seed.
 */
export function defineFamilyProperty(family: Family, session: SuiteSession, rules: readonly Rule[]): void {
  const { options, engine } = session;
  const seed = deriveSeed(options.seed, 'property', family);
  const numRuns = propertyRuns(options.runs);
  test(`${family}: property over generated cases (seed ${seed}, ${numRuns} runs)`, async (context) => {
    const outcome: PropertyOutcome = { family, seed, numRuns };
    context.task.meta.ecsProperty = outcome;
    await allure.feature(family);
    await allure.story(`${family} property`);
    const arbitrary = familyCases(session, family, rules);
    if (arbitrary === undefined) return context.skip('no rule of this family can be exercised in this world');
    if (engine.aborted) return context.skip(`run stopped: ${engine.abortError?.message}`);
    let drawn = 0;
    let last: Failure | undefined;
    const property = fc.asyncProperty(arbitrary, async (drawnCase) => {
      drawn += 1;
      // Fresh ids: the engine never runs one case id twice, and drawn cases reuse the rule's ids.
      const c: Case = { ...drawnCase, id: `${drawnCase.id}~${family}-property-${drawn}` };
      const [result] = await runCases(engine, [c]);
      if (result?.verdict !== 'failed') return;
      const sample = caseRecord(c, result.exchange, result.findings, {
        target: options.targetUrl,
        worldFile: options.worldFile,
      });
      last = { rule: c.rule, caseId: c.id, message: c.description, findings: result.findings, sample };
      throw new Error(`${c.id}: expected ${formatExpected(c.expected)}; ${result.findings.length} findings`);
    });
    let leftBehind: Finding[] = [];
    try {
      await engineCall(session, () => fc.assert(property, { seed, numRuns }));
    } catch (error) {
      if (last === undefined) {
        outcome.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw error;
      }
      outcome.failure = last;
      expect.fail(propertyMessage(family, seed, error, last));
    } finally {
      // What the property's refusals left (state.no-side-effects, in this family's share): found and deleted.
      leftBehind = await engineCall(session, () => judgeRefusalsSoFar(engine));
    }
    if (leftBehind.length > 0)
      expect.fail(
        [`${family} property: refused creates left groups behind`, ...findingLines(leftBehind)].join('\n'),
      );
    if (engine.aborted) context.skip(`run stopped: ${engine.abortError?.message}`);
  });
}

function familyCases(
  session: SuiteSession,
  family: Family,
  rules: readonly Rule[],
): fc.Arbitrary<Case> | undefined {
  const { spec, options } = session;
  const context = caseContext({
    catalogue: spec.catalogue,
    profile: spec.profile,
    world: spec.world,
    transports: options.transports,
    seed: options.seed,
  });
  const wholeFamily = spec.catalogue.rules.filter((rule) => rule.family === family).length === rules.length;
  if (wholeFamily) return unlessUnreachable(() => familyArbitrary(context, family));
  const arbitraries = rules.flatMap((rule) => unlessUnreachable(() => caseArbitrary(context, rule.id)) ?? []);
  return arbitraries.length === 0 ? undefined : fc.oneof(...arbitraries);
}

/** The generators throw E_CONFIG for what the world cannot reach: that is "not covered", not an error. */
function unlessUnreachable<T>(build: () => T): T | undefined {
  try {
    return build();
  } catch (error) {
    if (error instanceof ToolError && error.code === 'E_CONFIG') return undefined;
    throw error;
  }
}

function propertyMessage(family: Family, seed: number, error: unknown, failure: Failure): string {
  const path = /path: "([^"]*)"/.exec(error instanceof Error ? error.message : '')?.[1];
  return [
    `${family} property failed (seed ${seed}${path === undefined ? '' : `, path "${path}"`})`,
    `  shrunk case: ${failure.caseId}: ${failure.message}`,
    ...(failure.sample ? [`  expected:    ${formatExpected(failure.sample.expected)}`] : []),
    ...findingLines(failure.findings),
    ...sampleLines(failure.sample),
  ].join('\n');
}
