import { describe, expect, it } from 'vitest';
import { allureEnvironment } from '../../lib/reporting/allure-environment.js';
import { compareReports } from '../../lib/reporting/compare.js';
import { renderCompareHtml } from '../../lib/reporting/compare-html.js';
import { renderCompareMarkdown } from '../../lib/reporting/compare-markdown.js';
import { validateReport } from '../../lib/reporting/schemas.js';
import { renderSummaryMarkdown } from '../../lib/reporting/summary-markdown.js';
import type { RunReport } from '../../lib/runner/result.js';
import { fixture } from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>|`**';

function differential(): RunReport {
  const report = fixture('run-fail');
  const rule = report.rules[0]?.id ?? 'name.max-length';
  return {
    ...report,
    differential: {
      reference: 'cassette:parity',
      compared: 12,
      disagreeing: 2,
      uncompared: 1,
      rules: [
        { rule, compared: 12, disagreeing: 2, uncompared: 1, referenceAnswers: { [`400 ${HOSTILE}`]: 3 } },
      ],
    },
  };
}

describe('the differential section', () => {
  it('is valid conformance.json, and absent from a run without a reference', () => {
    expect(() => validateReport(differential())).not.toThrow();
    expect(renderSummaryMarkdown(fixture('run-fail'))).not.toContain('## Differential run');
    expect(allureEnvironment(fixture('run-fail'))).not.toContain('reference=');
  });

  it('shows in summary.md, Allure and the compare matrix, target text escaped', () => {
    const report = differential();
    const summary = renderSummaryMarkdown(report);
    expect(summary).toContain('## Differential run');
    expect(summary).toContain(
      'Compared with the reference `cassette:parity`: 2 cases of 12 compared disagreed with the reference; 1 case not compared',
    );
    expect(summary).toContain('### Ambiguities settled by evidence');
    // In a code span (where Markdown shows it as text), its pipe escaped for the table.
    expect(summary).toContain('| ``400 <img src=x onerror=alert(1)>\\|`**`` ×3 |');
    expect(allureEnvironment(report)).toContain('reference=cassette:parity\n');
    const matrix = compareReports([report, fixture('run-pass')]);
    expect(renderCompareMarkdown(matrix)).toContain('- #1 compared with `cassette:parity`: 2 cases of 12');
    expect(renderCompareMarkdown(matrix)).not.toContain('#2 compared');
    expect(renderCompareHtml(matrix)).toContain('<li>#1 compared with <code>cassette:parity</code>');
  });
});
