import type { RuleResult, RunReport } from '../runner/result.js';
import { FAMILIES } from '../spec/catalogue.js';
import { formatActual, formatExpected, representativeSample, sortedRules, VERDICT_LABEL } from './format.js';
import { mdCode, mdTable, mdText, plural } from './markdown-text.js';

function verdictCell(rule: RuleResult): string {
  const label = VERDICT_LABEL[rule.verdict];
  return rule.verdict === 'failed' ? `${label} (${rule.casesFailed}/${rule.casesRun})` : label;
}

/**
 * The rule's expectation, what its sample got, and why when the verdict needs a why (a passed rule's
 * remark too: "IdempotentProcessing itself was not observed"). A sample that expected something else
 * (a multi-fault case, answered by precedence with another rule's error) says so next to its answer,
 * so that a passing row never reads like a failure.
 */
function outcomeCell(rule: RuleResult): string {
  const expected = mdCode(formatExpected(rule.expected), true);
  const why = rule.reason ? ` (${mdText(rule.reason)})` : '';
  const sample = representativeSample(rule);
  if (rule.verdict === 'not-covered' || rule.verdict === 'skipped' || !sample) return `${expected}${why}`;
  const own = formatExpected(sample.expected);
  const itsOwn =
    own === formatExpected(rule.expected)
      ? ''
      : ` (sample ${mdCode(sample.id, true)} expects ${mdCode(own, true)})`;
  return `${expected} → ${mdCode(formatActual(sample.actual), true)}${itsOwn}${why}`;
}

function familyTable(rules: RuleResult[]): string {
  return mdTable(
    ['rule', 'level', 'verdict', 'cases', 'expected → actual'],
    rules.map((rule) => [
      mdCode(rule.id, true),
      rule.level,
      verdictCell(rule),
      String(rule.casesRun),
      outcomeCell(rule),
    ]),
  );
}

/** One table per family, in catalogue order, rules by id. */
export function familySections(report: RunReport): string[] {
  const rules = sortedRules(report.rules);
  return FAMILIES.flatMap((family) => {
    const own = rules.filter((rule) => rule.family === family);
    if (own.length === 0) return [];
    const failed = own.filter((rule) => rule.verdict === 'failed').length;
    const passed = own.filter((rule) => rule.verdict === 'passed').length;
    return [
      `### ${family} (${passed} passed, ${failed} failed, ${plural(own.length, 'rule')})\n\n${familyTable(own)}`,
    ];
  });
}
