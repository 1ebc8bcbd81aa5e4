import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, type CliRun, measureCli } from '../../bench/cli-measure.js';
import type { RunReport } from '../../lib/runner/result.js';
import { readReport } from './normalise.js';

// Issue 15.7: docs/ci-matrix.md lets a CI matrix be wider than the suite. Shards are dealt by family, so a
// shard beyond the families runs nothing, exits 0 and still writes a blob file that `merge` accepts; the
// merged run equals the unsharded one. Two families here (name.* is request-shape, disk.* disk-state),
// spread over three shards: the third is empty.
const COMMON = ['run', '--seed', '5', '--runs', '1', '--only', 'name.*,disk.*'];

let cwd = '';
const dir = (name: string) => join(cwd, name);
let whole: CliRun;
let shards: CliRun[] = [];
let merged: CliRun;
const reports: Record<string, RunReport> = {};

beforeAll(async () => {
  const cli = builtFile('lib/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  cwd = mkdtempSync(join(tmpdir(), 'ecs-scale-shards-wide-'));
  [whole, ...shards] = await Promise.all([
    measureCli(COMMON, { cwd, reportDir: dir('whole') }),
    ...[1, 2, 3].map((i) => measureCli([...COMMON, '--shard', `${i}/3`], { cwd, reportDir: dir('shards') })),
  ]);
  merged = await measureCli(['merge', join(dir('shards'), 'blob-reports')], {
    cwd,
    reportDir: dir('merged'),
  });
  for (const name of ['whole', 'merged'])
    if (existsSync(join(dir(name), 'conformance.json'))) reports[name] = readReport(dir(name));
}, 170_000);

afterAll(() => {
  if (cwd !== '') rmSync(cwd, { recursive: true, force: true });
});

describe('more shards than suite files', () => {
  it('every shard, the empty one included, exits 0 and writes its blob file', () => {
    for (const [i, run] of shards.entries()) {
      expect(run.stderr, `shard ${i + 1}: ${run.stderr}`).not.toMatch(/^(error|internal error):/m);
      expect(run.code, `shard ${i + 1}: ${run.stderr}`).toBe(0);
    }
    expect(readdirSync(join(dir('shards'), 'blob-reports')).sort()).toEqual([
      'blob-1-3.json',
      'blob-2-3.json',
      'blob-3-3.json',
    ]);
    // The third shard really had nothing to run.
    expect(shards[2]?.stdout).toMatch(/^total\s+0\s/m);
  });

  it('merge accepts the set and gives the unsharded run: same rules, verdicts and totals', () => {
    expect(whole.code, whole.stderr).toBe(0);
    expect(merged.code, merged.stderr).toBe(0);
    const verdicts = (r?: RunReport) => r?.rules.map((rule) => `${rule.id}: ${rule.verdict}`);
    expect(reports.whole?.rules.length).toBeGreaterThan(10);
    expect(verdicts(reports.merged)).toEqual(verdicts(reports.whole));
    expect(reports.merged?.totals).toEqual(reports.whole?.totals);
  });
});
