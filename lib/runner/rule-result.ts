import type { Rule } from '../spec/catalogue.js';
import type { RuleResult, Verdict } from './result.js';
import { mergeTallies, type RuleTally, type TallyData } from './tally.js';

/** A rule's verdict (and why) from its tally; `notCovered` explains a rule no case bore on. */
export function verdictOf(
  tally: RuleTally | undefined,
  notCovered: string | undefined,
): { verdict: Verdict; reason?: string } {
  if (tally !== undefined && tally.findingsTotal > 0) {
    const listed = tally.findings.length;
    return tally.findingsTotal > listed
      ? {
          verdict: 'failed',
          reason: `${tally.findingsTotal} findings in all; the first ${listed} are listed`,
        }
      : { verdict: 'failed' };
  }
  const run = tally?.casesRun ?? 0;
  if (tally === undefined || run === 0) {
    if (tally && tally.skippedBudget > 0) {
      return {
        verdict: 'skipped',
        reason: `${tally.skippedBudget} cases not sent: the max-creates budget was spent`,
      };
    }
    if (tally && tally.notRun > 0)
      return { verdict: 'skipped', reason: `${tally.notRun} cases not sent: the run stopped first` };
    return { verdict: 'not-covered', reason: notCovered ?? 'no case was generated for this rule' };
  }
  if (tally.inconclusive > 0) {
    return {
      verdict: 'inconclusive',
      reason: `${tally.inconclusive} of ${run} cases inconclusive (${tally.firstInconclusive ?? 'no answer'})`,
    };
  }
  if (tally.notRun > 0) {
    return {
      verdict: 'inconclusive',
      reason: `${tally.notRun} of ${run + tally.notRun} cases not sent: the run stopped first`,
    };
  }
  const remarks = [
    // Said only when no case saw it: one that did shows the rule was exercised in full.
    tally.noted > 0 && tally.noted === run
      ? `${tally.firstNote ?? 'a case noted what it could not observe'}${run > 1 ? ` (all ${run} cases)` : ''}`
      : '',
    tally.skippedBudget > 0
      ? `${tally.skippedBudget} more cases not sent: the max-creates budget was spent`
      : '',
  ].filter((remark) => remark !== '');
  return remarks.length > 0 ? { verdict: 'passed', reason: remarks.join('; ') } : { verdict: 'passed' };
}

/** What a result repeats of its rule, whatever its verdict. */
export const ruleHeader = (rule: Rule) => ({
  id: rule.id,
  family: rule.family,
  title: rule.title,
  level: rule.level,
  source: rule.source,
  expected: rule.expected,
});

/** A rule's result from what its cases (and the cross-cutting observations) left. */
export function ruleResult(
  rule: Rule,
  tally: RuleTally | undefined,
  notCovered: string | undefined,
): RuleResult {
  const { verdict, reason } = verdictOf(tally, notCovered);
  return {
    ...ruleHeader(rule),
    verdict,
    ...(reason !== undefined && { reason }),
    casesRun: tally?.casesRun ?? 0,
    casesFailed: tally?.casesFailed ?? 0,
    findings: [...(tally?.findings ?? [])],
    samples: [...(tally?.failing ?? []), ...(tally?.passing ? [tally.passing] : [])],
    ...(tally !== undefined &&
      Object.keys(tally.schema).length > 0 && { schema: structuredClone(tally.schema) }),
    ...(tally !== undefined &&
      Object.keys(tally.transports).length > 0 && { transports: { ...tally.transports } }),
    ...(tally !== undefined &&
      Object.keys(tally.nearMisses).length > 0 && { nearMisses: structuredClone(tally.nearMisses) }),
  };
}

/**
 * A cross-cutting rule's result from shares of its cases (each suite file's, each shard's): the shares
 * added up, judged afresh. `reported` is what a run said of the rule; a rule that run could not finish
 * stays inconclusive unless the shares hold a finding.
 */
export function resultFromShares(reported: RuleResult, shares: readonly TallyData[]): RuleResult {
  const tally = mergeTallies(reported.id, shares);
  const notCovered = reported.verdict === 'not-covered' ? reported.reason : undefined;
  let { verdict, reason } = verdictOf(tally, notCovered);
  if (reported.verdict === 'inconclusive' && verdict !== 'failed') ({ verdict, reason } = reported);
  const { reason: _old, ...header } = reported;
  return {
    ...header,
    verdict,
    ...(reason !== undefined && { reason }),
    casesRun: tally.casesRun,
    casesFailed: tally.casesFailed,
    findings: [...tally.findings],
    samples: [...tally.failing, ...(tally.passing ? [tally.passing] : [])],
  };
}
