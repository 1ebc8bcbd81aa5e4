import type { ErrorRowCoverage, RunReport } from '../runner/result.js';
import { sortedRules, VERDICT_LABEL } from './format.js';
import { mdCode, mdTable, mdText, plural } from './markdown-text.js';

const COVERAGE_LABEL: Record<ErrorRowCoverage['coverage'], string> = {
  verified: '✅ triggered and verified',
  'answered-wrongly': '❌ triggered, answered wrongly',
  'not-covered': '⚪ not covered',
  'not-reachable': '🚫 not reachable',
};

/** Rules without a pass/fail verdict, with why: nothing passes silently. */
export function openRulesSection(report: RunReport): string | undefined {
  const open = sortedRules(report.rules).filter((r) => r.verdict !== 'passed' && r.verdict !== 'failed');
  if (open.length === 0) return undefined;
  return mdTable(
    ['rule', 'verdict', 'why'],
    open.map((r) => [mdCode(r.id, true), VERDICT_LABEL[r.verdict], mdText(r.reason ?? 'no reason given')]),
  );
}

export function errorRowsSection(report: RunReport): string {
  if (report.errorRows.length === 0) return 'No error-table coverage in this report.';
  const rows = [...report.errorRows].sort((a, b) => a.row - b.row);
  const count = (c: ErrorRowCoverage['coverage']): number => rows.filter((r) => r.coverage === c).length;
  const counts = `${count('verified')} verified, ${count('answered-wrongly')} answered wrongly, ${count('not-covered')} not covered, ${count('not-reachable')} not reachable (of ${plural(rows.length, 'row')}).`;
  const table = mdTable(
    ['#', 'status', 'code', 'coverage', 'rules', 'why'],
    rows.map((r) => [
      String(r.row),
      String(r.status),
      mdCode(r.code, true),
      COVERAGE_LABEL[r.coverage],
      r.rules.map((id) => mdCode(id, true)).join(', '),
      mdText(r.reason ?? ''),
    ]),
  );
  return `${counts}\n\n${table}`;
}

export function leftBehindSection(report: RunReport): string {
  if (report.leftBehind.length === 0) return 'None: every snapshot group the run created was deleted.';
  const list = [...report.leftBehind].sort().map((id) => `- ${mdCode(id)}`);
  return [
    `⚠️ ${plural(report.leftBehind.length, 'snapshot group')} created and not deleted (they cost money):`,
    '',
    ...list,
  ].join('\n');
}
