import type { RuleResult, RunReport } from '../runner/result.js';
import { boundedText } from '../shown-text.js';
import type { Family } from '../spec/catalogue.js';
import { canonicalReport } from './canonical.js';
import { formatExpected, representativeSample, sortedRules } from './format.js';

/** `absent`: the rule is not in that target's report at all (an older tool version, or `--only`). */
export type CellVerdict = 'pass' | 'fail' | 'not-covered' | 'skipped' | 'inconclusive' | 'absent';

export const CELL_VERDICTS: readonly CellVerdict[] = [
  'pass',
  'fail',
  'not-covered',
  'skipped',
  'inconclusive',
  'absent',
];

export interface MatrixCell {
  verdict: CellVerdict;
  /** What a failing target answered, from its first failing case. */
  code?: string;
  status?: number;
  /** A transport error, or why the rule was not covered / skipped / inconclusive. */
  detail?: string;
}

export interface MatrixTarget {
  label: string;
  url: string;
  profile: string;
  seed: number;
  toolVersion: string;
  finishedAt: string;
  totals: Record<CellVerdict, number>;
}

export interface MatrixRow {
  rule: string;
  family: Family;
  level: 'must' | 'should';
  title: string;
  expected: string;
  /** One per target, in the order of `targets`. */
  cells: MatrixCell[];
}

export interface CompareMatrix {
  targets: MatrixTarget[];
  rows: MatrixRow[];
}

const VERDICT_TO_CELL = {
  passed: 'pass',
  failed: 'fail',
  'not-covered': 'not-covered',
  skipped: 'skipped',
  inconclusive: 'inconclusive',
} as const;

function cellFor(rule: RuleResult | undefined): MatrixCell {
  if (!rule) return { verdict: 'absent' };
  const verdict = VERDICT_TO_CELL[rule.verdict];
  if (verdict !== 'fail') return rule.reason ? { verdict, detail: rule.reason } : { verdict };
  const actual = representativeSample(rule)?.actual;
  // The target's Code as recorded is unbounded: the matrix quotes at most TARGET_TEXT_MAX of it.
  return {
    verdict,
    ...(actual?.code !== undefined && { code: boundedText(actual.code) }),
    ...(actual?.status !== undefined && { status: actual.status }),
    ...(actual?.transportError !== undefined && { detail: boundedText(actual.transportError) }),
  };
}

/** Reports of one target may be compared too (two profiles, two tool versions): labels stay unique. */
function labels(reports: readonly RunReport[]): string[] {
  const urls = reports.map((r) => r.target.url);
  return urls.map((url, i) => (urls.filter((u) => u === url).length > 1 ? `${url} #${i + 1}` : url));
}

/** Rule by rule, target by target. Rules are the union of all reports, in catalogue family order. */
export function compareReports(input: readonly RunReport[]): CompareMatrix {
  const reports = input.map(canonicalReport);
  const byTarget = reports.map((r) => new Map(r.rules.map((rule) => [rule.id, rule])));
  const union = new Map<string, RuleResult>();
  for (const report of reports)
    for (const rule of report.rules) if (!union.has(rule.id)) union.set(rule.id, rule);
  const rows = sortedRules([...union.values()]).map((rule) => ({
    rule: rule.id,
    family: rule.family,
    level: rule.level,
    title: rule.title,
    expected: formatExpected(rule.expected),
    cells: byTarget.map((rules) => cellFor(rules.get(rule.id))),
  }));
  const names = labels(reports);
  const targets = reports.map((report, i) => {
    const totals = Object.fromEntries(CELL_VERDICTS.map((v) => [v, 0])) as Record<CellVerdict, number>;
    for (const row of rows) {
      const cell = row.cells[i];
      if (cell) totals[cell.verdict] += 1;
    }
    return {
      label: names[i] ?? report.target.url,
      url: report.target.url,
      profile: report.profile,
      seed: report.seed,
      toolVersion: report.tool.version,
      finishedAt: report.finishedAt,
      totals,
    };
  });
  return { targets, rows };
}

/** "fail: InvalidParameter 400", "fail: success 200", "pass": the words both renderers show. */
export function cellText(cell: MatrixCell): string {
  if (cell.verdict !== 'fail') return cell.verdict;
  if (cell.code !== undefined) return `fail: ${cell.code} ${cell.status ?? '(no status)'}`;
  if (cell.status !== undefined) {
    return `fail: ${cell.status >= 200 && cell.status < 300 ? 'success ' : ''}${cell.status}`;
  }
  return cell.detail !== undefined ? `fail: transport error: ${cell.detail}` : 'fail';
}

export const rowDiffers = (row: MatrixRow): boolean =>
  new Set(row.cells.map((cell) => cellText(cell))).size > 1;
