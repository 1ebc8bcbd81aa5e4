import type { RuleResult, RunReport } from '../runner/result.js';
import { boundedText } from '../shown-text.js';
import type { Family } from '../spec/catalogue.js';
import { canonicalReport } from './canonical.js';
import { formatExpected, representativeSample, sortedRules } from './format.js';
import { differentialSentence } from './summary-differential.js';
import { defaultTargetLabel } from './target-label.js';
import { type RunVerdictStatus, runVerdict } from './verdict.js';

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
  /** The target's run verdict, in the words its own reports use (runVerdict). */
  verdict: { status: RunVerdictStatus; sentence: string };
  totals: Record<CellVerdict, number>;
  /** A differential run: its reference, and how often the target disagreed with it. */
  differential?: { reference: string; sentence: string };
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

/** The user's labels (`compare --label`, in report order) or defaults; a repeated name gets ` #n`. */
function labels(reports: readonly RunReport[], given: readonly string[]): string[] {
  const names = reports.map((r, i) => given[i] ?? defaultTargetLabel(r.target));
  return names.map((name, i) => (names.filter((n) => n === name).length > 1 ? `${name} #${i + 1}` : name));
}

/** Rule by rule, target by target. Rules are the union of all reports, in catalogue family order. */
export function compareReports(
  input: readonly RunReport[],
  givenLabels: readonly string[] = [],
): CompareMatrix {
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
  const names = labels(reports, givenLabels);
  const verdicts = reports.map(runVerdict);
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
      verdict: { status: verdicts[i]?.status ?? 'not-evaluated', sentence: verdicts[i]?.sentence ?? '' },
      totals,
      ...(report.differential !== undefined && {
        differential: {
          reference: report.differential.reference,
          sentence: differentialSentence(report.differential),
        },
      }),
    };
  });
  return { targets, rows };
}

/** An inconclusive cell's reason is shown in the cell: cut, since it may quote a target's answer. */
const MAX_REASON_CHARS = 160;

/** Cells whose text says more than their verdict (what failed, why no verdict). */
export const cellHasText = (cell: MatrixCell): boolean =>
  cell.verdict === 'fail' || (cell.verdict === 'inconclusive' && cell.detail !== undefined);

/**
 * "fail: InvalidParameter 400", "fail: success 200", "inconclusive: no concurrent duplicate overlapped",
 * "pass": the words both renderers show.
 */
export function cellText(cell: MatrixCell): string {
  if (cell.verdict === 'inconclusive' && cell.detail !== undefined) {
    const reason =
      cell.detail.length > MAX_REASON_CHARS ? `${cell.detail.slice(0, MAX_REASON_CHARS)}…` : cell.detail;
    return `inconclusive: ${reason}`;
  }
  if (cell.verdict !== 'fail') return cell.verdict;
  if (cell.code !== undefined) return `fail: ${cell.code} ${cell.status ?? '(no status)'}`;
  if (cell.status !== undefined) {
    return `fail: ${cell.status >= 200 && cell.status < 300 ? 'success ' : ''}${cell.status}`;
  }
  return cell.detail !== undefined ? `fail: transport error: ${cell.detail}` : 'fail';
}

export const rowDiffers = (row: MatrixRow): boolean =>
  new Set(row.cells.map((cell) => cellText(cell))).size > 1;
