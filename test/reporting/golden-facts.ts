import { expect } from 'vitest';
import type { RunReport } from '../../lib/runner/result.js';

/**
 * The facts a golden file must show whatever its bytes: a golden alone freezes whatever the writer did
 * the day it was taken (the first ones froze a redaction bug), so each golden test also asserts these.
 */

/** No secret value left: every Signature, SecurityToken and AccessKeySecret reads `***`. */
export function expectRedacted(text: string): void {
  // `Signature=` exactly: SignatureMethod=... and SignatureNonce=... are other parameters.
  const leaks = [
    ...text.matchAll(/(Signature|SecurityToken|AccessKeySecret)(=|%3D|":\s*")(?!\*\*\*)[^&"'\s,]+/g),
  ].map((m) => m[0]);
  expect(leaks, 'secrets left in a golden text').toEqual([]);
}

/** `|` that ends a Markdown table cell (an escaped `\|` is text). */
const cellBars = (line: string): number => (line.match(/(?<!\\)\|/g) ?? []).length;

/** Every row of every Markdown table has its header's cells: a value with a raw `|` would add one. */
export function expectWellFormedTables(markdown: string): void {
  const lines = markdown.split('\n');
  let tables = 0;
  for (let i = 0; i + 1 < lines.length; i += 1) {
    if (!/^\|( --- \|)+$/.test(lines[i + 1] as string)) continue;
    tables += 1;
    const width = cellBars(lines[i] as string);
    for (let j = i + 2; j < lines.length && (lines[j] as string).startsWith('|'); j += 1) {
      expect(cellBars(lines[j] as string), `table row: ${lines[j]}`).toBe(width);
    }
  }
  expect(tables, 'Markdown tables found').toBeGreaterThan(0);
}

/** The summary's verdict line and totals row say what the report's totals say. */
export function expectSummaryFacts(markdown: string, report: RunReport): void {
  const t = report.totals;
  // Written out here, not read from runVerdict: the golden must agree with the totals on its own.
  const verdict =
    t.failed > 0
      ? '❌ verdict: NOT conformant'
      : t.inconclusive > 0
        ? '❔ verdict: not evaluated'
        : '✅ verdict: conformant';
  const line = markdown.split('\n')[2] ?? '';
  expect(
    line.startsWith(`**${verdict} (${t.failed} failed, ${t.inconclusive} inconclusive, ${t.passed} passed`),
  ).toBe(true);
  const row = [t.rules, t.passed, t.failed, t.notCovered, t.skipped, t.inconclusive, t.cases, t.requests];
  expect(markdown).toContain(`| ${row.join(' | ')} |`);
  for (const rule of report.rules) {
    const mark = { passed: '✅', failed: '❌' }[rule.verdict as string];
    if (mark !== undefined) expect(markdown).toMatch(new RegExp(`\\| \`${rule.id}\` \\| \\w+ \\| ${mark} `));
  }
  expectWellFormedTables(markdown);
  expectRedacted(markdown);
}

/** conformance.json holds the report's verdicts and totals, and its totals add up. */
export function expectConformanceFacts(json: string, report: RunReport): void {
  const written = JSON.parse(json) as RunReport;
  expect(written.totals).toEqual(report.totals);
  expect(written.rules.map((r) => `${r.id} ${r.verdict}`).sort()).toEqual(
    report.rules.map((r) => `${r.id} ${r.verdict}`).sort(),
  );
  const count = (verdict: string) => written.rules.filter((r) => r.verdict === verdict).length;
  expect({
    rules: written.rules.length,
    passed: count('passed'),
    failed: count('failed'),
    notCovered: count('not-covered'),
    skipped: count('skipped'),
    inconclusive: count('inconclusive'),
  }).toEqual({
    rules: written.totals.rules,
    passed: written.totals.passed,
    failed: written.totals.failed,
    notCovered: written.totals.notCovered,
    skipped: written.totals.skipped,
    inconclusive: written.totals.inconclusive,
  });
  expectRedacted(json);
}
