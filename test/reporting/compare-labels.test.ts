import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { compareReports } from '../../lib/reporting/compare.js';
import { renderCompareHtml } from '../../lib/reporting/compare-html.js';
import { renderCompareMarkdown } from '../../lib/reporting/compare-markdown.js';
import { captureIo } from '../cli/helpers/cli.js';
import { fixture, fixturePath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-compare-labels-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Issue 15.4: targets are named by the user's --label, else "embedded emulator" or the target's host (the
// embedded emulator's port is random, so a URL named nothing); an inconclusive cell says why.
describe('compare: target names', () => {
  it('defaults to "embedded emulator" and the host of a real target, never the random port', () => {
    const m = compareReports([fixture('run-pass'), fixture('run-not-covered')]);
    expect(m.targets.map((t) => t.label)).toEqual(['embedded emulator', 'ecs.vendor.example']);
    expect(renderCompareMarkdown(m)).not.toContain('18080');
  });

  it('uses --label in report order, the rest defaulting', () => {
    const m = compareReports(
      [fixture('run-pass'), fixture('run-fail'), fixture('run-not-covered')],
      ['mine'],
    );
    expect(m.targets.map((t) => t.label)).toEqual(['mine', 'embedded emulator', 'ecs.vendor.example']);
  });

  it('the CLI passes repeated --label, and refuses more labels than reports (exit 2)', async () => {
    const out = captureIo(process.cwd());
    const files = [fixturePath('run-pass'), fixturePath('run-not-covered')];
    const code = await main(
      ['compare', ...files, '--label', 'aliyun', '--label', 'vendor-x', '--out', dir],
      out.io,
    );
    expect(code, out.stderr()).toBe(0);
    expect(readFileSync(join(dir, 'compare.md'), 'utf8')).toContain('| `vendor-x` |');
    const refused = captureIo(process.cwd());
    const args = ['compare', files[0] ?? '', '--label', 'a', '--label', 'b', '--out', dir];
    expect(await main(args, refused.io)).toBe(2);
    expect(refused.stderr()).toMatch(/2 --label for 1 report/);
  });
});

describe('compare: an inconclusive cell shows its reason', () => {
  it('in Markdown and HTML', () => {
    const m = compareReports([fixture('run-not-covered')]);
    const row = m.rows.find((r) => r.cells[0]?.verdict === 'inconclusive');
    const reason = row?.cells[0]?.detail;
    expect(reason).toBeTruthy();
    expect(renderCompareMarkdown(m)).toContain(`inconclusive: ${reason}`);
    expect(renderCompareHtml(m)).toContain(`<code>inconclusive: ${reason}</code>`);
  });
});
