import type { TransportVariant } from '../cases.js';
import type { RunReport } from '../runner/result.js';
import { mdCode, mdTable, mdText } from './markdown-text.js';
import { runVerdict, VERDICT_ICON } from './verdict.js';

/** One line a reader (or a PR check) can stop at: the run's verdict sentence, as every output says it. */
export function verdictLine(report: RunReport): string {
  const verdict = runVerdict(report);
  const failed = report.rules.filter((r) => r.verdict === 'failed');
  const must = failed.filter((r) => r.level === 'must').length;
  const levels = failed.length > 0 ? ` Failed: ${must} must, ${failed.length - must} should.` : '';
  return `**${VERDICT_ICON[verdict.status]} verdict: ${verdict.sentence}**${levels}`;
}

const transport = (t: TransportVariant): string => `${t.signature} ${t.method} ${t.body} ${t.format}`;

export function runFacts(report: RunReport): string {
  const target = `${mdCode(report.target.url, true)}${report.target.embedded ? ' (embedded emulator)' : ''}`;
  const rows: string[][] = [
    ['target', target],
    ['world', `${mdText(report.world.name)} (${mdCode(report.world.file, true)})`],
    ['profile', mdText(report.profile)],
    ['seed / runs', `${report.seed} / ${report.runs}`],
    ['transports', report.transports.map(transport).map(mdText).join(', ') || 'none'],
    ['tool', `${report.tool.name} ${mdText(report.tool.version)}`],
    ['started / finished', `${report.startedAt} / ${report.finishedAt}`],
  ];
  return mdTable(['run', ''], rows);
}

export function totalsTable(report: RunReport): string {
  const t = report.totals;
  return mdTable(
    ['rules', 'passed', 'failed', 'not covered', 'skipped', 'inconclusive', 'cases', 'requests'],
    [[t.rules, t.passed, t.failed, t.notCovered, t.skipped, t.inconclusive, t.cases, t.requests].map(String)],
  );
}
