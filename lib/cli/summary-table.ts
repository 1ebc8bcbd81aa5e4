import type { RuleResult, RunReport, Verdict } from '../runner/result.js';
import { shownText } from '../shown-text.js';
import { FAMILIES } from '../spec/catalogue.js';

const COLUMNS: Array<[label: string, verdict: Verdict]> = [
  ['passed', 'passed'],
  ['failed', 'failed'],
  ['not covered', 'not-covered'],
  ['skipped', 'skipped'],
  ['inconclusive', 'inconclusive'],
];

/** The table printed at the end of a run: one row per family, then the failing rules. */
export function summaryTable(report: RunReport): string {
  const header = ['family', 'rules', ...COLUMNS.map(([label]) => label)];
  // Families a narrowed run (--only, a shard) did not touch are left out.
  const families = FAMILIES.filter((family) => report.rules.some((r) => r.family === family));
  const rows = families.map((family) =>
    row(
      family,
      report.rules.filter((r) => r.family === family),
    ),
  );
  rows.push(row('total', report.rules));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(header), rule, ...rows.slice(0, -1).map(line), rule, line(rows.at(-1) ?? [])];
  const failing = report.rules.filter((r) => r.verdict === 'failed');
  if (failing.length > 0) out.push('', 'failed rules:', ...failing.map(failureLine));
  out.push(
    '',
    `${report.totals.cases} cases, ${report.totals.requests} requests, seed ${report.seed}, ` +
      `${report.runs} runs, target ${report.target.embedded ? 'embedded emulator' : shownText(report.target.url)}`,
  );
  return out.join('\n');
}

function row(name: string, rules: RuleResult[]): string[] {
  return [
    name,
    String(rules.length),
    ...COLUMNS.map(([, v]) => String(rules.filter((r) => r.verdict === v).length)),
  ];
}

/** One line per rule, whatever the target answered: its text is bounded and its control characters escaped. */
function failureLine(rule: RuleResult): string {
  const finding = rule.findings[0];
  const detail = finding
    ? `expected ${shownText(finding.expected)}, got ${shownText(finding.actual)}`
    : 'failed';
  const more = rule.findings.length > 1 ? ` (+${rule.findings.length - 1} more findings)` : '';
  return `  ${rule.id}: ${detail}${more}`;
}
