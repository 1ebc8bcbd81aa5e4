import type { TransportVariant } from '../cases.js';
import type { RunReport } from '../runner/result.js';
import { mdCode, mdTable, mdText, plural } from './markdown-text.js';

/** One line a reader (or a PR check) can stop at. */
export function verdictLine(report: RunReport): string {
  const { totals } = report;
  const failed = report.rules.filter((r) => r.verdict === 'failed');
  const must = failed.filter((r) => r.level === 'must').length;
  const open = [
    totals.notCovered > 0 ? `${totals.notCovered} not covered` : '',
    totals.skipped > 0 ? `${totals.skipped} skipped` : '',
    totals.inconclusive > 0 ? `${totals.inconclusive} inconclusive` : '',
  ].filter((part) => part !== '');
  const tail = open.length > 0 ? `; ${open.join(', ')}` : '';
  if (totals.failed > 0) {
    return `**❌ NOT CONFORMANT**: ${totals.failed} of ${plural(totals.rules, 'rule')} failed (${must} must, ${failed.length - must} should)${tail}.`;
  }
  if (totals.passed === 0) return `**⚪ NOTHING VERIFIED**: no rule ran to a verdict${tail}.`;
  return `**✅ CONFORMANT**: all ${plural(totals.passed, 'rule')} that reached a verdict passed${tail}.`;
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
