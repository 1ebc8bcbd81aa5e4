import type { ErrorRowCoverage, RuleResult, RunReport, Verdict } from '../runner/result.js';
import type { Family } from '../spec/catalogue.js';
import { compareRules } from './format.js';

/** A rule present in only one of the two reports is `absent` in the other. */
export type DiffVerdict = Verdict | 'absent';

export interface RuleChange {
  rule: string;
  family: Family;
  from: DiffVerdict;
  to: DiffVerdict;
}

export interface RowChange {
  row: number;
  code: string;
  from: ErrorRowCoverage['coverage'] | 'absent';
  to: ErrorRowCoverage['coverage'] | 'absent';
}

export interface RunIdentity {
  target: string;
  seed: number;
  profile: string;
  finishedAt: string;
}

export interface ReportDiff {
  old: RunIdentity;
  new: RunIdentity;
  /** Failing now, not failing before (including rules new to the run). */
  regressions: RuleChange[];
  /** Failing before, passing now. */
  fixes: RuleChange[];
  /** Moved between covered (passed, failed) and not covered (not-covered, skipped, inconclusive, absent). */
  coverageChanges: Array<RuleChange & { direction: 'covered' | 'uncovered' }>;
  /** Any other verdict change, e.g. skipped → not-covered. */
  otherChanges: RuleChange[];
  errorRowChanges: RowChange[];
  totals: { old: RunReport['totals']; new: RunReport['totals'] };
  /** Same seed and profile: case ids in the two reports name the same cases. */
  sameCases: boolean;
}

const isCovered = (v: DiffVerdict): boolean => v === 'passed' || v === 'failed';

const identity = (r: RunReport): RunIdentity => ({
  target: r.target.url,
  seed: r.seed,
  profile: r.profile,
  finishedAt: r.finishedAt,
});

function rowChanges(before: ErrorRowCoverage[], after: ErrorRowCoverage[]): RowChange[] {
  const old = new Map(before.map((r) => [r.row, r]));
  const now = new Map(after.map((r) => [r.row, r]));
  const rows = [...new Set([...old.keys(), ...now.keys()])].sort((a, b) => a - b);
  return rows.flatMap((row) => {
    const from = old.get(row)?.coverage ?? 'absent';
    const to = now.get(row)?.coverage ?? 'absent';
    const code = now.get(row)?.code ?? old.get(row)?.code ?? '';
    return from === to ? [] : [{ row, code, from, to }];
  });
}

export function diffReports(oldReport: RunReport, newReport: RunReport): ReportDiff {
  const before = new Map(oldReport.rules.map((r) => [r.id, r]));
  const after = new Map(newReport.rules.map((r) => [r.id, r]));
  const ids = [...new Set([...before.keys(), ...after.keys()])];
  const rules = ids.map((id) => (after.get(id) ?? before.get(id)) as RuleResult).sort(compareRules);
  const diff: ReportDiff = {
    old: identity(oldReport),
    new: identity(newReport),
    regressions: [],
    fixes: [],
    coverageChanges: [],
    otherChanges: [],
    errorRowChanges: rowChanges(oldReport.errorRows, newReport.errorRows),
    totals: { old: oldReport.totals, new: newReport.totals },
    sameCases: oldReport.seed === newReport.seed && oldReport.profile === newReport.profile,
  };
  for (const rule of rules) {
    const change: RuleChange = {
      rule: rule.id,
      family: rule.family,
      from: before.get(rule.id)?.verdict ?? 'absent',
      to: after.get(rule.id)?.verdict ?? 'absent',
    };
    if (change.from === change.to) continue;
    if (change.to === 'failed') diff.regressions.push(change);
    else if (change.from === 'failed' && change.to === 'passed') diff.fixes.push(change);
    else if (isCovered(change.from) !== isCovered(change.to)) {
      diff.coverageChanges.push({ ...change, direction: isCovered(change.to) ? 'covered' : 'uncovered' });
    } else diff.otherChanges.push(change);
  }
  return diff;
}
