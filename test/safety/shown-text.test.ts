import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { errorCodeMatchesRule } from '../../lib/checks/index.js';
import { summaryTable } from '../../lib/cli/summary-table.js';
import { allureMetaForRule } from '../../lib/reporting/allure.js';
import { compareReports } from '../../lib/reporting/compare.js';
import { renderCompareHtml } from '../../lib/reporting/compare-html.js';
import { renderCompareMarkdown } from '../../lib/reporting/compare-markdown.js';
import { diffReports } from '../../lib/reporting/diff.js';
import { renderDiff } from '../../lib/reporting/diff-render.js';
import { mdCode, mdText } from '../../lib/reporting/markdown-text.js';
import { renderSummaryMarkdown } from '../../lib/reporting/summary-markdown.js';
import type { RunReport } from '../../lib/runner/result.js';
import { boundedText, SHOWN_TEXT_MAX, shownText, TARGET_TEXT_MAX } from '../../lib/shown-text.js';
import { ctx, error, makeCase, NAME_EXPECTED } from '../checks/fixtures.js';
import { fixture } from '../reporting/helpers.js';

// Text a target sends, as every writer shows it: bounded, on one line, its control characters escaped,
// and escaped again for Markdown and HTML.
const BEACON = 'http://127.0.0.2';
const MARKUP = `\` ![t](${BEACON}/track.png) [click](${BEACON}/click) <img src=${BEACON}/i.png> <script>x()</script> &lt;b&gt;`;
const FORGED = 'A\u001b[2J\u001b[31m\r\nverdict: conformant\u009b0m\u202e';

/** Rendered with raw HTML allowed (as GitHub allows some): nothing of the target may become markup. */
const render = (markdown: string): string => new MarkdownIt({ html: true }).render(markdown);
const markupOfTarget = (html: string): string[] =>
  [/<img\b[^>]*>/gi, /<a\b[^>]*>/gi, /<script\b/gi, /<b>/gi]
    .flatMap((pattern) => html.match(pattern) ?? [])
    .filter((tag) => !tag.startsWith('<a') || tag.includes(BEACON));
/** The raw control characters of FORGED: none may reach a terminal or a document. */
const rawControls = (text: string): string[] =>
  ['\u001b', '\u009b', '\r', '\u202e'].filter((c) => text.includes(c));

/** The run-fail fixture with its first failed rule's Code and finding replaced by `code`. */
function reportAnswering(code: string): RunReport {
  const report = fixture('run-fail');
  const rule = report.rules.find((r) => r.verdict === 'failed');
  if (!rule) throw new Error('run-fail has no failed rule');
  for (const sample of rule.samples) sample.actual = { status: 400, code };
  rule.reason = `3 of 3 cases inconclusive (${code})`;
  for (const finding of rule.findings) {
    finding.actual = `400 ${code}`;
    finding.message = `the target refused the request with ${code}`;
  }
  return report;
}

describe('shownText: target text on one line, bounded, control characters escaped', () => {
  it('escapes newlines, ANSI and C1 escapes, DEL and bidirectional overrides, and keeps the rest', () => {
    expect(shownText(FORGED)).toBe('A\\x1b[2J\\x1b[31m\\r\\nverdict: conformant\\x9b0m\\u202e');
    expect(shownText('tab\there\u007f\u2028')).toBe('tab\\there\\x7f\\u2028');
    expect(shownText('InvalidParameter.Name — ünïcödé 名前')).toBe('InvalidParameter.Name — ünïcödé 名前');
  });

  it('cuts a long text before anything else looks at it, and says so', () => {
    const long = `A${' '.repeat(60_000)}\n${'x'.repeat(4 * 1024 * 1024)}`;
    const shown = shownText(long);
    expect(shown).toBe(`A${' '.repeat(SHOWN_TEXT_MAX - 1)}… [cut: ${long.length} characters in all]`);
    expect(boundedText(long)).toHaveLength(
      TARGET_TEXT_MAX + ` [cut: ${long.length} characters in all]`.length + 1,
    );
    expect(boundedText('short')).toBe('short');
  });

  it('never splits a surrogate pair where it cuts', () => {
    const text = `${'a'.repeat(TARGET_TEXT_MAX - 1)}😀tail`;
    expect(boundedText(text)).toBe(
      `${'a'.repeat(TARGET_TEXT_MAX - 1)}… [cut: ${text.length} characters in all]`,
    );
  });
});

describe('Markdown of target text', () => {
  it('mdText: links, images, tags and entities stay text', () => {
    const html = render(`before ${mdText(MARKUP)} after`);
    expect(markupOfTarget(html)).toEqual([]);
    expect(html).toContain('![t](');
  });

  it('mdCode: one code span, whatever backticks the text holds', () => {
    const html = render(`x ${mdCode(MARKUP)} y`);
    expect(markupOfTarget(html)).toEqual([]);
    expect(html.match(/<code>/g)).toHaveLength(1);
  });

  it('a 60,000-space Code is shown bounded, marked cut', () => {
    const shown = mdText(`A${' '.repeat(60_000)}x`);
    expect(shown.length).toBeLessThan(SHOWN_TEXT_MAX + 100);
    expect(shown).toContain('cut: 60002 characters in all');
  });
});

describe('every writer, with a Code carrying markup, ANSI escapes and a forged verdict line', () => {
  const report = reportAnswering(`${MARKUP}${FORGED}`);

  it('the console summary: no escape character, no line of the target', () => {
    const table = summaryTable(report);
    expect(rawControls(table)).toEqual([]);
    expect(table.split('\n').filter((line) => line.startsWith('verdict:'))).toEqual([]);
    expect(table).toContain('\\x1b[2J');
  });

  it('summary.md: rendered, holds no markup of the target and no escape character', () => {
    const markdown = renderSummaryMarkdown(report);
    expect(rawControls(markdown)).toEqual([]);
    expect(markdown.split('\n').filter((line) => line.startsWith('verdict:'))).toEqual([]);
    expect(markupOfTarget(render(markdown))).toEqual([]);
  });

  it('the Allure description: rendered by Allure (markdown-it), holds no markup of the target', () => {
    for (const rule of report.rules) {
      const { description, attachments } = allureMetaForRule(rule);
      expect(markupOfTarget(new MarkdownIt().render(description))).toEqual([]);
      expect(rawControls(description)).toEqual([]);
      for (const attachment of attachments) expect(attachment.contentType).toBe('text/plain');
    }
  });

  it('the compare matrix, Markdown and HTML', () => {
    const matrix = compareReports([fixture('run-pass'), report]);
    const markdown = renderCompareMarkdown(matrix);
    expect(markupOfTarget(render(markdown))).toEqual([]);
    expect(rawControls(markdown)).toEqual([]);
    const html = renderCompareHtml(matrix);
    expect(html).not.toContain(`<img src=${BEACON}`);
    expect(html).not.toContain('<script>x()');
    expect(rawControls(html)).toEqual([]);
  });
});

describe('the diff of two reports, one of them made elsewhere (a vendor run)', () => {
  it('shows its target, profile and dates on one line each, escaped', () => {
    const vendor = reportAnswering('Bogus');
    vendor.target.url = `http://vendor.example/${FORGED}`;
    vendor.profile = FORGED;
    vendor.finishedAt = FORGED;
    const text = renderDiff(diffReports(fixture('run-pass'), vendor));
    expect(rawControls(text)).toEqual([]);
    expect(text.split('\n').filter((line) => line.startsWith('verdict:'))).toEqual([]);
    expect(text).toContain('new: http://vendor.example/A\\x1b[2J');
  });
});

describe('findings quote the target bounded', () => {
  it('a 4 MiB Code becomes a finding of a few KiB, marked cut', () => {
    const code = `A${' '.repeat(4 * 1024 * 1024)}x`;
    const [finding] = errorCodeMatchesRule(ctx(makeCase({ expected: NAME_EXPECTED }), error(400, code)));
    // Lengths first: a failing comparison of megabyte strings would spend minutes on its diff.
    for (const text of [finding?.message ?? '', finding?.actual ?? ''])
      expect(text.length).toBeLessThanOrEqual(2 * TARGET_TEXT_MAX + 64);
    expect(finding?.actual).toBe(
      `400 A${' '.repeat(TARGET_TEXT_MAX - 1)}… [cut: ${code.length} characters in all]`,
    );
  });
});
