import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acceptanceProblems, reportProblems, validateReport } from '../../lib/reporting/schemas.js';
import { specFilePath } from '../../lib/reporting/spec-file.js';
import type { RunReport } from '../../lib/runner/result.js';
import { fixture } from './helpers.js';

describe('spec/report.schema.json', () => {
  it('is draft 2020-12', () => {
    const schema = JSON.parse(readFileSync(specFilePath('report.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts every fixture run', () => {
    for (const name of ['run-pass', 'run-fail', 'run-not-covered'] as const) {
      expect(reportProblems(fixture(name))).toEqual([]);
    }
  });

  it('accepts every expectation kind and every optional field of RunReport', () => {
    const report = fixture('run-fail');
    const rule = report.rules[0] as RunReport['rules'][number];
    const kinds: RunReport['rules'][number]['expected'][] = [
      { kind: 'success' },
      { kind: 'error', code: 'QuotaExceed.Tags', status: 403, codeMatch: 'prefix' },
      { kind: 'one-of', alternatives: [{ code: 'A', status: 400, codeMatch: 'exact' }] },
      { kind: 'documented-4xx' },
      { kind: 'success-or-documented-4xx' },
    ];
    report.rules = kinds.map((expected, i) => ({ ...rule, id: `x.kind-${i}`, expected, reason: 'why' }));
    expect(reportProblems(report)).toEqual([]);
  });

  it('accepts per-family timings of known families only, each with all four figures', () => {
    const report = fixture('run-pass');
    const timing = { cases: 10, requests: 12, generationMs: 1.5, executionMs: 20 };
    report.timings = { ...report.timings, families: { 'request-shape': timing, valid: timing } };
    expect(reportProblems(report)).toEqual([]);
    const unknown = { ...report, timings: { ...report.timings, families: { nonsense: timing } } };
    expect(reportProblems(unknown as unknown as RunReport)).not.toEqual([]);
    const partial = { ...report, timings: { ...report.timings, families: { valid: { cases: 1 } } } };
    expect(reportProblems(partial as unknown as RunReport)).not.toEqual([]);
  });

  it('names the path and the problem of each violation', () => {
    const report = fixture('run-pass') as unknown as Record<string, unknown>;
    (report.totals as Record<string, unknown>).failed = 'none';
    report.extra = 1;
    const problems = reportProblems(report);
    expect(problems).toContainEqual({ path: '/totals/failed', what: 'must be integer' });
    expect(problems).toContainEqual({ path: '/', what: 'unknown field "extra"' });
  });

  it('rejects an unknown verdict, family or date', () => {
    const report = fixture('run-pass');
    const rule = report.rules[0] as RunReport['rules'][number];
    (rule as { verdict: string }).verdict = 'ok';
    (rule as { family: string }).family = 'misc';
    report.startedAt = 'yesterday';
    const paths = reportProblems(report).map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/rules/0/verdict', '/rules/0/family', '/startedAt']));
  });

  it('validateReport throws E_INTERNAL', () => {
    expect(() => validateReport({} as RunReport)).toThrow(expect.objectContaining({ code: 'E_INTERNAL' }));
  });
});

describe('spec/baseline.schema.json', () => {
  it('accepts rules with a reason and an optional expiry', () => {
    expect(
      acceptanceProblems({
        accepted: [{ rule: 'name.max-length', reason: 'vendor ticket 12', expires: '2030-01-31' }],
      }),
    ).toEqual([]);
  });
  it('rejects a missing reason and a malformed date', () => {
    const problems = acceptanceProblems({ accepted: [{ rule: 'name.max-length', expires: '31/01/2030' }] });
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['/accepted/0', '/accepted/0/expires']),
    );
  });
});
