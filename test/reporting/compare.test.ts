import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../lib/reporting/compare.js';
import { runCompareCommand } from '../../lib/reporting/compare-command.js';
import { renderCompareHtml } from '../../lib/reporting/compare-html.js';
import { renderCompareMarkdown } from '../../lib/reporting/compare-markdown.js';
import { expectRedacted, expectWellFormedTables } from './golden-facts.js';
import { expectGolden, fixture, fixturePath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const matrix = () => compareReports([fixture('run-pass'), fixture('run-fail'), fixture('run-not-covered')]);

describe('compareReports', () => {
  it('has one row per rule, in family order, with one cell per target', () => {
    const m = matrix();
    expect(m.rows.map((r) => r.rule).slice(0, 4)).toEqual([
      'disk-ids.belong-to-instance',
      'name.max-length',
      'region.required',
      'disk.category-essd',
    ]);
    expect(m.rows.every((r) => r.cells.length === 3)).toBe(true);
  });

  it('shows the code and status a failing target returned, or its transport error', () => {
    const rows = Object.fromEntries(matrix().rows.map((r) => [r.rule, r.cells]));
    expect(rows['disk.ever-used']).toEqual([
      { verdict: 'pass' },
      { verdict: 'fail', code: 'IncorrectDiskStatus', status: 403 },
      {
        verdict: 'not-covered',
        detail: 'no disk in the world is attached-but-never-used (disk.everUsed: false)',
      },
    ]);
    expect(rows['name.max-length']?.[1]).toEqual({ verdict: 'fail', status: 200 });
    expect(rows['protocol.signature-valid']?.[1]).toEqual({ verdict: 'fail', detail: 'socket hang up' });
    expect(rows['account.balance']?.[2]?.verdict).toBe('skipped');
  });

  it('totals each target, and marks rules a target does not have as absent', () => {
    const extra = fixture('run-pass');
    extra.rules = extra.rules.slice(0, 2);
    const m = compareReports([fixture('run-not-covered'), extra]);
    expect(m.targets[0]?.totals).toEqual({
      pass: 7,
      fail: 0,
      'not-covered': 1,
      skipped: 1,
      inconclusive: 1,
      absent: 0,
    });
    expect(m.targets[1]?.totals).toEqual({
      pass: 2,
      fail: 0,
      'not-covered': 0,
      skipped: 0,
      inconclusive: 0,
      absent: 8,
    });
  });

  it('keeps target labels unique when one target appears twice', () => {
    const m = compareReports([fixture('run-pass'), fixture('run-fail')]);
    expect(m.targets.map((t) => t.label)).toEqual(['embedded emulator #1', 'embedded emulator #2']);
  });
});

describe('compare renderers', () => {
  it('Markdown matches its golden file', () => {
    expectGolden('compare.md', renderCompareMarkdown(matrix()), (md) => {
      // One row per target with its verdict counts, as compareReports counted them.
      for (const [i, target] of matrix().targets.entries()) {
        const t = target.totals;
        const counts = [t.pass, t.fail, t['not-covered'], t.skipped, t.inconclusive, t.absent].join(' | ');
        expect(md).toMatch(new RegExp(`^\\| ${i + 1} \\| .* \\| ${counts} \\|$`, 'm'));
      }
      expect(md).toContain('❌ `fail: IncorrectDiskStatus 403`');
      expectWellFormedTables(md);
      expectRedacted(md);
    });
  });
  it('HTML matches its golden file', () => {
    expectGolden('compare.html', renderCompareHtml(matrix()), (html) => {
      for (const target of matrix().targets) {
        expect(html).toContain(
          `<td class="total-pass">${target.totals.pass}</td><td class="total-fail">${target.totals.fail}</td>`,
        );
      }
      // Text from the reports is escaped: a rule title's apostrophe, never a raw one inside a cell.
      expect(html).toContain('only that instance&#39;s disks');
      expect(html).not.toContain("instance's disks");
      for (const cell of html.matchAll(/<td[^>]*>(.*?)<\/td>/g)) {
        const text = (cell[1] as string).replace(/<\/?(code|small|br|span)( class="[a-z-]+")?>/g, '');
        expect(text, cell[0]).not.toMatch(/[<>"]/);
      }
      expectRedacted(html);
    });
  });
  it('HTML is self-contained: no external script, style, image or link', () => {
    const html = renderCompareHtml(matrix());
    expect(html).not.toMatch(/<(script|img|link|iframe)[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
    expect(html).not.toMatch(/@import/i);
  });
  it('HTML escapes what a target returned', () => {
    const hostile = fixture('run-fail');
    const rule = hostile.rules.find((r) => r.id === 'disk.ever-used');
    const sample = rule?.samples[0];
    if (!sample) throw new Error('fixture changed');
    sample.actual.code = '<script>alert("x")</script>';
    const html = renderCompareHtml(compareReports([hostile]));
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
  });
});

describe('runCompareCommand', () => {
  it('writes compare.md and compare.html', () => {
    const out = join(dir, 'out');
    const { files } = runCompareCommand([fixturePath('run-pass'), fixturePath('run-not-covered')], out);
    expect(files).toEqual([join(out, 'compare.md'), join(out, 'compare.html')]);
    for (const file of files) expect(existsSync(file)).toBe(true);
    expect(readFileSync(join(out, 'compare.md'), 'utf8')).toContain('| `ecs.vendor.example` |');
  });
  it('refuses an empty list with E_USAGE', () => {
    expect(() => runCompareCommand([], dir)).toThrow(expect.objectContaining({ code: 'E_USAGE' }));
  });
});
