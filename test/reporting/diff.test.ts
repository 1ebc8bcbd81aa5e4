import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffReports } from '../../lib/reporting/diff.js';
import { renderDiff, runDiffCommand } from '../../lib/reporting/diff-render.js';
import { expectRedacted } from './golden-facts.js';
import { expectGolden, type FixtureName, fixture, fixturePath } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'reporting-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('diffReports', () => {
  it('finds regressions when rules start failing', () => {
    const diff = diffReports(fixture('run-pass'), fixture('run-fail'));
    expect(diff.regressions.map((c) => [c.rule, c.from, c.to])).toEqual([
      ['name.max-length', 'passed', 'failed'],
      ['disk.ever-used', 'passed', 'failed'],
      ['protocol.signature-valid', 'passed', 'failed'],
    ]);
    expect(diff.fixes).toEqual([]);
    expect(diff.errorRowChanges.map((r) => [r.row, r.from, r.to])).toEqual([
      [1, 'verified', 'answered-wrongly'],
      [2, 'verified', 'answered-wrongly'],
      [3, 'verified', 'answered-wrongly'],
    ]);
  });

  it('finds fixes and coverage changes in both directions', () => {
    const diff = diffReports(fixture('run-fail'), fixture('run-not-covered'));
    expect(diff.fixes.map((c) => c.rule)).toEqual(['name.max-length', 'protocol.signature-valid']);
    expect(diff.coverageChanges.map((c) => [c.rule, c.from, c.to, c.direction])).toEqual([
      ['disk.ever-used', 'failed', 'not-covered', 'uncovered'],
      ['account.balance', 'passed', 'skipped', 'uncovered'],
      ['idempotency.parameter-mismatch', 'passed', 'inconclusive', 'uncovered'],
    ]);
    const back = diffReports(fixture('run-not-covered'), fixture('run-pass'));
    expect(back.coverageChanges.every((c) => c.direction === 'covered')).toBe(true);
    expect(back.sameCases).toBe(false);
  });

  it('counts a rule new to the run that fails as a regression, and a dropped rule as uncovered', () => {
    const old = fixture('run-pass');
    const now = fixture('run-pass');
    const added = {
      ...(now.rules[0] as (typeof now.rules)[number]),
      id: 'tag.max-count',
      verdict: 'failed' as const,
    };
    now.rules = [...now.rules.filter((r) => r.id !== 'valid.success-body'), added];
    const diff = diffReports(old, now);
    expect(diff.regressions).toEqual([
      { rule: 'tag.max-count', family: 'request-shape', from: 'absent', to: 'failed' },
    ]);
    expect(diff.coverageChanges).toEqual([
      { rule: 'valid.success-body', family: 'valid', from: 'passed', to: 'absent', direction: 'uncovered' },
    ]);
  });

  it('finds nothing between a run and itself', () => {
    const diff = diffReports(fixture('run-fail'), fixture('run-fail'));
    expect([
      diff.regressions,
      diff.fixes,
      diff.coverageChanges,
      diff.otherChanges,
      diff.errorRowChanges,
    ]).toEqual([[], [], [], [], []]);
  });
});

describe('renderDiff', () => {
  it('matches its golden file', () => {
    const pairs: Array<[string, FixtureName, FixtureName]> = [
      ['diff-fail-to-not-covered.txt', 'run-fail', 'run-not-covered'],
      ['diff-pass-to-fail.txt', 'run-pass', 'run-fail'],
    ];
    for (const [golden, before, after] of pairs) {
      const diff = diffReports(fixture(before), fixture(after));
      expectGolden(golden, renderDiff(diff), (text) => {
        // The verdict line and the counts are the diff's, and the totals the two reports'.
        const verdict =
          diff.regressions.length > 0 ? `RESULT: ${diff.regressions.length} regression(s)` : 'RESULT:';
        expect(text).toContain(verdict);
        expect(text).toContain(`regressions (${diff.regressions.length}):`);
        expect(text).toContain(`fixes (${diff.fixes.length}):`);
        expect(text).toContain(`coverage changes (${diff.coverageChanges.length}):`);
        const [a, b] = [fixture(before).totals, fixture(after).totals];
        if (a.passed !== b.passed) expect(text).toContain(`passed ${a.passed} → ${b.passed}`);
        expectRedacted(text);
      });
    }
  });
});

describe('runDiffCommand', () => {
  it('exits 1 on a regression', () => {
    const { exitCode, text } = runDiffCommand(fixturePath('run-pass'), fixturePath('run-fail'));
    expect(exitCode).toBe(1);
    expect(text).toContain('regressions (3):');
    expect(text).toContain('RESULT: 3 regression(s)');
  });
  it('exits 0 when there are only fixes', () => {
    const { exitCode, text } = runDiffCommand(fixturePath('run-fail'), fixturePath('run-pass'));
    expect(exitCode).toBe(0);
    expect(text).toContain('fixes (3):');
  });
  it('throws E_CONFIG naming a file that is not a report', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"rules": 3}');
    expect(() => runDiffCommand(bad, fixturePath('run-pass'))).toThrow(
      expect.objectContaining({ code: 'E_CONFIG', message: expect.stringContaining('bad.json') }),
    );
  });
});
