import { shownText } from '../shown-text.js';
import type { ReportDiff, RuleChange, RunIdentity } from './diff.js';
import { diffReports } from './diff.js';
import { readReportFile } from './read-files.js';
import { scrubText } from './scrub.js';

// The two reports may come from anywhere (a vendor's run): every text in them is shown on one line.
const run = (r: RunIdentity): string =>
  `${shownText(r.target)} (seed ${r.seed}, profile ${shownText(r.profile)}, finished ${shownText(r.finishedAt)})`;

const change = (c: RuleChange): string => shownText(`${c.rule} [${c.family}]: ${c.from} → ${c.to}`);

function section(title: string, lines: string[]): string[] {
  return [`${title} (${lines.length}):`, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : ['  none'])];
}

/** Plain text for the terminal: regressions first, since they decide the exit code. */
export function renderDiff(diff: ReportDiff): string {
  const t = diff.totals;
  const totals = (['passed', 'failed', 'notCovered', 'skipped', 'inconclusive'] as const)
    .filter((key) => t.old[key] !== t.new[key])
    .map((key) => `${key} ${t.old[key]} → ${t.new[key]}`);
  const lines = [
    `old: ${run(diff.old)}`,
    `new: ${run(diff.new)}`,
    ...(diff.sameCases ? [] : ['note: seed or profile differ, so the two runs did not send the same cases']),
    '',
    ...section('regressions', diff.regressions.map(change)),
    ...section('fixes', diff.fixes.map(change)),
    ...section(
      'coverage changes',
      diff.coverageChanges.map(
        (c) => `${change(c)} (${c.direction === 'covered' ? 'now covered' : 'no longer covered'})`,
      ),
    ),
    ...section('other verdict changes', diff.otherChanges.map(change)),
    ...section(
      'error table rows',
      diff.errorRowChanges.map((r) => shownText(`row ${r.row} ${r.code}: ${r.from} → ${r.to}`)),
    ),
    `totals: ${totals.length > 0 ? totals.join(', ') : 'unchanged'}`,
    '',
    diff.regressions.length > 0
      ? `RESULT: ${diff.regressions.length} regression(s)`
      : 'RESULT: no regression',
  ];
  return scrubText(`${lines.join('\n')}\n`);
}

export const diffExitCode = (diff: ReportDiff): 0 | 1 => (diff.regressions.length > 0 ? 1 : 0);

/** `ecs-conformance diff OLD NEW`: bad files throw ToolError E_CONFIG (exit 2). */
export function runDiffCommand(
  oldFile: string,
  newFile: string,
): { text: string; exitCode: 0 | 1; diff: ReportDiff } {
  const diff = diffReports(readReportFile(oldFile), readReportFile(newFile));
  return { text: renderDiff(diff), exitCode: diffExitCode(diff), diff };
}
