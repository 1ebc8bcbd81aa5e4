import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, type CliRun, measureCli } from '../../bench/cli-measure.js';
import { CROSS_CUTTING_RULES } from '../../lib/checks/index.js';
import type { RunReport } from '../../lib/runner/result.js';
import { allureCases, comparableReport, comparableSummary, junitCases, readReport } from './normalise.js';

// Issue 10, item 2: `run --shard I/N` in separate processes (each with its own embedded emulator, as on
// separate CI machines), then `merge`, must give the reports of one unsharded run with the same seed.
// The whole catalogue at one run per rule: every suite file, spread over three shards.
const SEED = '7';
const COMMON = ['run', '--seed', SEED, '--runs', '1'];

let cwd = '';
const dir = (name: string) => join(cwd, name);
let whole: CliRun;
let wholeAgain: CliRun;
let shards: CliRun[] = [];
let merged: CliRun;
const reports: Record<string, RunReport> = {};

beforeAll(async () => {
  const cli = builtFile('lib/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  cwd = mkdtempSync(join(tmpdir(), 'ecs-scale-shards-'));
  [whole, wholeAgain, ...shards] = await Promise.all([
    measureCli(COMMON, { cwd, reportDir: dir('whole') }),
    measureCli(COMMON, { cwd, reportDir: dir('whole-again') }),
    ...[1, 2, 3].map((i) => measureCli([...COMMON, '--shard', `${i}/3`], { cwd, reportDir: dir('shards') })),
  ]);
  merged = await measureCli(['merge', join(dir('shards'), 'blob-reports')], {
    cwd,
    reportDir: dir('merged'),
  });
  for (const name of ['whole', 'whole-again', 'merged'])
    if (existsSync(join(dir(name), 'conformance.json'))) reports[name] = readReport(dir(name));
}, 170_000);

afterAll(() => {
  if (cwd !== '') rmSync(cwd, { recursive: true, force: true });
});

const crossCutting = new Set<string>(Object.values(CROSS_CUTTING_RULES));

/** A report the runs must have written: comparing two missing ones would compare undefined with undefined. */
function written(name: 'whole' | 'whole-again' | 'merged'): RunReport {
  const report = reports[name];
  expect(report, `${name}/conformance.json was not written`).toBeDefined();
  expect(report?.rules.length, `${name}: rules`).toBeGreaterThanOrEqual(80);
  return report as RunReport;
}

describe('three shards run as separate processes and merged, next to one unsharded run (same seed)', () => {
  it('every process finishes cleanly and each shard leaves one blob file', () => {
    const runs = { whole, wholeAgain, shard1: shards[0], shard2: shards[1], shard3: shards[2], merged };
    for (const [name, run] of Object.entries(runs)) {
      const tail = `${name}: ${`${run?.stdout ?? ''}${run?.stderr ?? ''}`.trim().split('\n').slice(-4).join(' | ')}`;
      expect(run?.stderr, tail).not.toMatch(/^(error|internal error):/m);
      expect(run?.code, tail).toBe(0);
    }
    expect(readdirSync(join(dir('shards'), 'blob-reports')).sort()).toEqual([
      'blob-1-3.json',
      'blob-2-3.json',
      'blob-3-3.json',
    ]);
    // Not vacuous: the whole catalogue ran, and no shard ran it alone.
    expect(reports.whole?.totals.rules).toBeGreaterThanOrEqual(80);
    for (const shard of shards) expect(shard.stderr.match(/^running /gm)?.length ?? 0).toBeLessThan(7);
  });

  it('conformance.json: the same rules, verdicts and totals', () => {
    const verdicts = (r: RunReport) => r.rules.map((rule) => `${rule.id}: ${rule.verdict}`);
    expect(verdicts(written('merged'))).toEqual(verdicts(written('whole')));
    expect(written('merged').totals).toEqual(written('whole').totals);
    expect(written('merged').errorRows.map((row) => `${row.row} ${row.coverage}`)).toEqual(
      written('whole').errorRows.map((row) => `${row.row} ${row.coverage}`),
    );
  });

  it('conformance.json: the same case counts and findings for every rule, cross-cutting rules included', () => {
    const counts = (r: RunReport) =>
      r.rules.map((rule) => ({
        id: rule.id,
        crossCutting: crossCutting.has(rule.id),
        casesRun: rule.casesRun,
        casesFailed: rule.casesFailed,
        findings: rule.findings.length,
      }));
    expect(counts(written('merged'))).toEqual(counts(written('whole')));
  });

  it('conformance.json: one seed gives one report, unsharded twice (timings, times, ports, fresh ids aside)', () => {
    expect(comparableReport(written('whole-again'))).toEqual(comparableReport(written('whole')));
  });

  it('conformance.json: the merged report equals the unsharded one in content', () => {
    expect(comparableReport(written('merged'))).toEqual(comparableReport(written('whole')));
  });

  it('summary.md: the same text (target port and times aside)', () => {
    expect(comparableSummary(dir('merged'))).toEqual(comparableSummary(dir('whole')));
  });

  it('junit.xml: the same test cases with the same statuses', () => {
    const cases = junitCases(dir('whole'));
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(junitCases(dir('merged'))).toEqual(cases);
  });

  it('allure-results: the same results, statuses, labels and attachment counts', () => {
    const cases = allureCases(dir('whole'));
    expect(cases.length).toBeGreaterThanOrEqual(80);
    expect(allureCases(dir('merged'))).toEqual(cases);
  });

  it('merge refuses an incomplete set of shards instead of reporting the rules it has as the whole run', async () => {
    const partial = dir('partial-blobs');
    mkdirSync(partial);
    for (const file of ['blob-1-3.json', 'blob-2-3.json'])
      copyFileSync(join(dir('shards'), 'blob-reports', file), join(partial, file));
    const run = await measureCli(['merge', partial], { cwd, reportDir: dir('partial-merged') });
    expect(run.stdout).not.toMatch(/^verdict: conformant/m);
    expect(run.code, `${run.stdout}${run.stderr}`.trim().split('\n').slice(-3).join(' | ')).not.toBe(0);
    expect(run.stderr).toMatch(/3\/3/);
  }, 30_000);
});
