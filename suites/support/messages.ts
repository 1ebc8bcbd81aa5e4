import type { Finding } from '../../lib/checks/finding.js';
import { formatActual, formatExpected } from '../../lib/reporting/index.js';
import type { CaseRecord, RuleResult } from '../../lib/runner/result.js';
import { shownText } from '../../lib/shown-text.js';

/** Findings listed in a test's failure message; conformance.json holds them all. */
const MAX_LISTED = 5;

/**
 * A failed rule's message: expected versus actual, then its findings and how to replay one. Whatever
 * quotes the target is shown on one line (JUnit, Allure and the console show these messages).
 */
export function ruleFailureMessage(rule: RuleResult): string {
  const sample = rule.samples.find((s) => s.findings.length > 0) ?? rule.samples[0];
  const lines = [
    `${rule.id}: ${rule.casesFailed} of ${rule.casesRun} cases failed`,
    `  expected: ${formatExpected(rule.expected)}`,
    ...(sample ? [`  actual:   ${shownText(formatActual(sample.actual))} (${sample.id})`] : []),
    `  source:   "${rule.source.quote}"`,
    ...findingLines(rule.findings),
    ...(sample ? [`  replay:   ${sample.reproduce.command}`] : []),
  ];
  return lines.join('\n');
}

export function findingLines(findings: readonly Finding[]): string[] {
  const listed = findings
    .slice(0, MAX_LISTED)
    .map(
      (f) =>
        `  - [${f.check}] ${f.caseId}: ${shownText(f.message)} (expected ${shownText(f.expected)}, actual ${shownText(f.actual)})`,
    );
  if (findings.length > MAX_LISTED) listed.push(`  ... and ${findings.length - MAX_LISTED} more findings`);
  return listed;
}

/** The request of a shrunk counterexample, redacted as recorded, for a property's failure message. */
export function sampleLines(sample: CaseRecord | undefined): string[] {
  if (sample === undefined) return [];
  const { method, url, body } = sample.request;
  return [
    `  request:  ${method} ${url}${body === '' ? '' : ` body ${body}`}`,
    `  replay:   ${sample.reproduce.command}`,
  ];
}
