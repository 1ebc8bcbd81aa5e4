import type { Finding } from '../checks/finding.js';
import type { RuleResult, RunReport } from '../runner/result.js';
import { formatActual, formatExpected, sortedRules } from './format.js';
import { mdCode, mdFence, mdTable, mdText, plural } from './markdown-text.js';
import { sourceLink } from './source-links.js';

/** Bounds keep a 10,000-case failure readable (and under GitHub's 1 MiB step summary limit). */
const MAX_FINDINGS = 10;
const MAX_REPLAYS = 3;

function findingsTable(findings: Finding[]): string {
  const shown = findings.slice(0, MAX_FINDINGS);
  const table = mdTable(
    ['check', 'case', 'message', 'expected', 'actual'],
    shown.map((f) => [
      mdCode(f.check, true),
      mdCode(f.caseId, true),
      mdText(f.message),
      mdCode(f.expected, true),
      mdCode(f.actual, true),
    ]),
  );
  const more = findings.length - shown.length;
  return more > 0 ? `${table}\n\n… and ${plural(more, 'more finding')} in conformance.json.` : table;
}

function replays(rule: RuleResult): string {
  const failing = rule.samples.filter((s) => s.findings.length > 0);
  const commands = [...new Set(failing.map((s) => s.reproduce.command))].slice(0, MAX_REPLAYS);
  if (commands.length === 0) return '';
  return `Replay:\n\n${mdFence(commands.join('\n'), 'sh')}`;
}

function failure(rule: RuleResult): string {
  const sample = rule.samples.find((s) => s.findings.length > 0);
  const actual = sample
    ? `${mdCode(formatActual(sample.actual))} (case ${mdCode(sample.id)}: ${mdText(sample.description)})`
    : 'see the findings';
  const lines = [
    `### ❌ ${mdCode(rule.id)}: ${mdText(rule.title)} (${rule.level})`,
    '',
    `> ${mdText(rule.source.quote)} ([${rule.source.document === 'api-doc' ? 'API page' : 'protocol reference'}](${sourceLink(rule.source).url}))`,
    '',
    `- expected: ${mdCode(formatExpected(rule.expected))}`,
    `- actual: ${actual}`,
    `- ${rule.casesFailed} of ${plural(rule.casesRun, 'case')} failed`,
  ];
  if (rule.findings.length > 0) lines.push('', findingsTable(rule.findings));
  const replay = replays(rule);
  if (replay !== '') lines.push('', replay);
  return lines.join('\n');
}

/** Each failed rule with expected versus actual, its findings and how to replay it. */
export function failureSections(report: RunReport): string[] {
  return sortedRules(report.rules)
    .filter((rule) => rule.verdict === 'failed')
    .map(failure);
}
