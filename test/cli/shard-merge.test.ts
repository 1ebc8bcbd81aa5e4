import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../lib/runner/result.js';
import { assertBuilt, runCli } from './helpers/cli.js';

beforeAll(() => assertBuilt());

const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
const testcases = (dir: string): string[] =>
  [...readFileSync(join(dir, 'junit.xml'), 'utf8').matchAll(/<testcase [^>]*name="([^"]*)"/g)]
    .map((m) => m[1] ?? '')
    .sort();
const allureResults = (dir: string): number =>
  readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json')).length;

describe('sharded runs merged with `ecs-conformance merge`', () => {
  it('give the same reports as one unsharded run with the same seed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ecs-cli-shards-'));
    // One or two rules of every family: seven suite files to spread over three shards, quickly.
    const only = [
      'name.min-length,disk-ids.max-count,disk.ever-used,account.balance,protocol.signature-valid',
      'idempotency.same-token-same-result,state.disk-form-snapshots,valid.success-body,valid.request-id-unique',
    ].join(',');
    const common = ['run', '--seed', '4', '--runs', '1', '--only', only];
    const runs = await Promise.all([
      runCli([...common, '--report-dir', 'whole'], { cwd }),
      ...[1, 2, 3].map((i) => runCli([...common, '--shard', `${i}/3`, '--report-dir', 'shards'], { cwd })),
    ]);
    for (const run of runs) expect(run.stderr).not.toMatch(/^error:/m);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0]);
    expect(readdirSync(join(cwd, 'shards', 'blob-reports')).sort()).toEqual([
      'blob-1-3.json',
      'blob-2-3.json',
      'blob-3-3.json',
    ]);

    const merged = await runCli(['merge', 'shards/blob-reports', '--report-dir', 'merged'], { cwd });
    expect(merged.stderr).toBe('');
    expect(merged.code).toBe(0);

    const whole = readReport(join(cwd, 'whole'));
    const combined = readReport(join(cwd, 'merged'));
    expect(combined.seed).toBe(whole.seed);
    expect(combined.profile).toBe(whole.profile);
    const { cases: _c, requests: _r, ...wholeTotals } = whole.totals;
    const { cases: _c2, requests: _r2, ...mergedTotals } = combined.totals;
    expect(mergedTotals).toEqual(wholeTotals);
    expect(combined.rules.map((r) => [r.id, r.verdict])).toEqual(whole.rules.map((r) => [r.id, r.verdict]));
    // Every rule, the cross-cutting ones (checked on every family's responses) included, case for case.
    const strict = (report: RunReport) =>
      report.rules.map((r) => ({
        id: r.id,
        casesRun: r.casesRun,
        casesFailed: r.casesFailed,
        findings: r.findings,
        samples: r.samples.map((sample) => sample.id),
      }));
    expect(strict(combined)).toEqual(strict(whole));
    expect(combined.errorRows.map((row) => row.coverage)).toEqual(whole.errorRows.map((row) => row.coverage));
    expect(testcases(join(cwd, 'merged'))).toEqual(testcases(join(cwd, 'whole')));
    expect(allureResults(join(cwd, 'merged'))).toBe(allureResults(join(cwd, 'whole')));
  }, 180_000);
});
