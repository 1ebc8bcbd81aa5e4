import type { Finding } from '../checks/finding.js';
import type { CaseRecord, RuleResult, RunReport } from '../runner/result.js';
import { compareNatural, compareText, sortedRules } from './format.js';

const byFinding = (a: Finding, b: Finding): number =>
  compareNatural(a.caseId, b.caseId) || compareText(a.check, b.check) || compareText(a.message, b.message);

const byCase = (a: CaseRecord, b: CaseRecord): number => compareNatural(a.id, b.id);

export function canonicalRule(rule: RuleResult): RuleResult {
  return {
    ...rule,
    findings: [...rule.findings].sort(byFinding),
    samples: [...rule.samples].sort(byCase).map((s) => ({ ...s, findings: [...s.findings].sort(byFinding) })),
  };
}

/**
 * The same run always gives the same bytes: cases run concurrently, so the engine's order of rules,
 * findings and samples may vary between two runs of one seed.
 */
export function canonicalReport(report: RunReport): RunReport {
  return {
    ...report,
    rules: sortedRules(report.rules).map(canonicalRule),
    errorRows: [...report.errorRows].sort((a, b) => a.row - b.row),
    leftBehind: [...report.leftBehind].sort(compareText),
  };
}
