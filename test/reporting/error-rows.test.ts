import { describe, expect, it } from 'vitest';
import { errorRowCoverage } from '../../lib/reporting/error-rows.js';
import type { ErrorRowCoverage } from '../../lib/runner/result.js';
import { catalogue, type FixtureName, fixture } from './helpers.js';

const coverage = (name: FixtureName): Record<number, ErrorRowCoverage> =>
  Object.fromEntries(errorRowCoverage(catalogue(), fixture(name).rules).map((row) => [row.row, row]));

describe('errorRowCoverage', () => {
  it('is what the fixtures carry (they were produced by it and reviewed)', () => {
    for (const name of ['run-pass', 'run-fail', 'run-not-covered'] as const) {
      expect(errorRowCoverage(catalogue(), fixture(name).rules)).toEqual(fixture(name).errorRows);
    }
  });

  it('marks a row verified when a mapped rule ran and passed', () => {
    expect(coverage('run-pass')[1]).toEqual({
      row: 1,
      status: 403,
      code: 'IncorrectDiskStatus.NeverUsed',
      coverage: 'verified',
      rules: ['disk.ever-used'],
    });
  });

  it('marks a row answered wrongly when a mapped rule failed', () => {
    const row = coverage('run-fail')[2];
    expect(row?.coverage).toBe('answered-wrongly');
    expect(row?.reason).toBe('failed: name.max-length');
  });

  it('gives the reason of each mapped rule that did not run to a verdict', () => {
    const rows = coverage('run-not-covered');
    expect(rows[1]?.coverage).toBe('not-covered');
    expect(rows[1]?.reason).toContain('disk.ever-used: not-covered (no disk in the world');
    expect(rows[6]?.reason).toBe('account.balance: skipped (excluded by --only)');
    expect(rows[7]?.reason).toContain('inconclusive');
    expect(rows[9]?.reason).toBe('tag.max-count: not in this run');
  });

  it("keeps the catalogue's reason for rows no request can reach", () => {
    expect(coverage('run-pass')[8]).toMatchObject({
      coverage: 'not-reachable',
      reason: expect.stringContaining('server-side'),
    });
  });

  it('notes when a one-of rule passed with another documented code than the row', () => {
    const rows = coverage('run-not-covered');
    expect(rows[4]?.reason).toBe('passed with the documented alternative IncorrectDiskType.NotSupport 403');
    expect(rows[5]?.reason).toBeUndefined();
  });

  it("reads the row's observed code only from the rule's own samples, not another rule's case", () => {
    const rules = structuredClone(fixture('run-pass').rules);
    const rule = rules.find((r) => r.id === 'disk.ever-used');
    const own = rule?.samples[0];
    expect(own?.id.startsWith('disk.ever-used/')).toBe(true);
    if (rule === undefined || own === undefined) return;
    // The passing sample of a multi-fault case of another rule, refused for another of its faults.
    rule.samples = [
      { ...own, id: 'tag.max-count/multi/0', actual: { status: 403, code: 'QuotaExceed.Tags' } },
    ];
    const row = errorRowCoverage(catalogue(), [rule]).find((r) => r.row === 1);
    expect(row?.coverage).toBe('verified');
    expect(row?.reason).toBeUndefined();
  });

  it('lets a failing mapped rule outweigh a passing one', () => {
    const rules = fixture('run-fail').rules;
    const rows = errorRowCoverage(
      {
        errorRows: [
          {
            row: 1,
            status: 400,
            code: 'X',
            message: '',
            description: '',
            rules: ['region.required', 'name.max-length'],
          },
        ],
      },
      rules,
    );
    expect(rows[0]).toMatchObject({
      coverage: 'answered-wrongly',
      reason: 'failed: name.max-length; passed: region.required',
    });
  });

  it('reports a row with no mapped rule as not covered rather than dropping it', () => {
    const rows = errorRowCoverage(
      { errorRows: [{ row: 3, status: 400, code: 'X', message: '', description: '', rules: [] }] },
      [],
    );
    expect(rows).toEqual([
      {
        row: 3,
        status: 400,
        code: 'X',
        rules: [],
        coverage: 'not-covered',
        reason: 'no rule is mapped to this row',
      },
    ]);
  });
});
