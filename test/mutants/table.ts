import type { MutantResult, MutationReport } from './harness.js';
import type { RunSummary } from './run-target.js';

/** `rule [check, check]; rule [check]` : who killed a mutant. */
export function killedBy(summary: RunSummary | undefined): string {
  if (summary === undefined) return '';
  return summary.failed
    .filter((rule) => rule.verdict === 'failed')
    .map((rule) => `${rule.rule} [${rule.checks.join(', ')}]`)
    .join('; ');
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function row(result: MutantResult): string[] {
  const detail =
    result.status === 'killed'
      ? killedBy(result.summary)
      : (result.error ?? result.summary?.abort ?? 'no finding: a defect of the suite');
  return [result.mutant.id, result.mutant.family, result.status, detail];
}

/** A plain-text table: one mutant a line, then the score. Widths fit the first three columns. */
export function formatReport(report: MutationReport): string {
  const lines: string[] = [];
  const ref = report.reference;
  lines.push(
    `reference emulator: ${ref.verdicts.passed} passed, ${ref.verdicts.failed} failed, ` +
      `${ref.verdicts['not-covered']} not covered, ${ref.verdicts.inconclusive} inconclusive, ` +
      `${ref.verdicts.skipped} skipped; ${ref.cases} cases, ${ref.requests} requests in ${seconds(ref.elapsedMs)}`,
  );
  if (report.refused !== undefined) {
    lines.push(`REFUSED TO SCORE: the reference emulator is not clean: ${report.refused}`);
    return lines.join('\n');
  }
  const rows = report.results.map(row);
  const header = ['mutant', 'family', 'result', 'killed by rule [checks]'];
  const widths = [0, 1, 2].map((col) =>
    Math.max(header[col]?.length ?? 0, ...rows.map((r) => r[col]?.length ?? 0)),
  );
  const format = (cells: string[]) =>
    cells.map((cell, col) => (col < 3 ? cell.padEnd(widths[col] ?? 0) : cell)).join('  ');
  lines.push('', format(header), format(widths.map((w) => '-'.repeat(w)).concat('-'.repeat(24))));
  for (const cells of rows) lines.push(format(cells));
  const killed = report.results.filter((r) => r.status === 'killed').length;
  const survived = report.results.filter((r) => r.status === 'survived').map((r) => r.mutant.id);
  const errors = report.results.filter((r) => r.status === 'error').map((r) => r.mutant.id);
  lines.push(
    '',
    `mutation score: ${killed}/${report.results.length} killed (${((report.score ?? 0) * 100).toFixed(1)}%), ` +
      `seed ${report.seed}, runs ${report.runs}, total ${seconds(report.elapsedMs)}`,
  );
  if (survived.length > 0) lines.push(`survived: ${survived.join(', ')}`);
  if (errors.length > 0) lines.push(`errors: ${errors.join(', ')}`);
  return lines.join('\n');
}
