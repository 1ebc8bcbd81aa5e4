import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtFile, type CliRun, measureCli } from '../../bench/cli-measure.js';
import { type RunningEmulator, renderBody, startEmulator } from '../../emulator/index.js';
import type { RunReport } from '../../lib/runner/result.js';
import { loadSpec } from '../../lib/spec/load.js';
import { allureCases, junitCases, readReport } from './normalise.js';

// Issue 10, item 2, with findings: a target that breaks a cross-cutting rule (valid.error-body) only in
// the answers to disk-state cases. Shards run as separate processes, each against its own target, then
// merged: JUnit and Allure must equal one unsharded run's, the failure included, and the failure must
// fail a test of the family whose cases found it (not only the shard that happens to hold that rule).
const SEED = '7';
const SPEC = loadSpec();
const WORLD = join(import.meta.dirname, '../../fixtures/default.world.yaml');

/** The reference emulator, except that errors of the disk-state codes come without HostId. */
const brokenTarget = (): Promise<RunningEmulator> =>
  startEmulator({
    world: SPEC.world,
    limits: SPEC.profile.limits,
    idempotentProcessingMs: 150,
    seams: {
      render: (input) => {
        const rendered = renderBody(input);
        if (input.kind !== 'error' || !input.error.code.startsWith('IncorrectDiskStatus')) return rendered;
        const body =
          input.format === 'XML'
            ? rendered.body.replace(/<HostId>[^<]*<\/HostId>/, '')
            : JSON.stringify({ ...(JSON.parse(rendered.body) as object), HostId: undefined });
        return { ...rendered, body };
      },
    },
  });

let cwd = '';
const dir = (name: string) => join(cwd, name);
const targets: RunningEmulator[] = [];
let whole: CliRun;
let merged: CliRun;
let shards: CliRun[] = [];
const reports: Record<string, RunReport> = {};

beforeAll(async () => {
  const cli = builtFile('lib/cli/main.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm test does)`);
  cwd = mkdtempSync(join(tmpdir(), 'ecs-scale-shards-failing-'));
  targets.push(...(await Promise.all([1, 2, 3, 4].map(brokenTarget))));
  const run = (target: RunningEmulator, extra: string[], reportDir: string) =>
    measureCli(
      [
        'run',
        '--target',
        target.url,
        '--world',
        WORLD,
        '--seed',
        SEED,
        '--runs',
        '1',
        '--rate',
        '0',
        ...extra,
      ],
      { cwd, reportDir },
    );
  [whole, ...shards] = await Promise.all([
    run(targets[0] as RunningEmulator, [], dir('whole')),
    ...[1, 2, 3].map((i) => run(targets[i] as RunningEmulator, ['--shard', `${i}/3`], dir('shards'))),
  ]);
  merged = await measureCli(['merge', join(dir('shards'), 'blob-reports')], {
    cwd,
    reportDir: dir('merged'),
  });
  for (const name of ['whole', 'merged'])
    if (existsSync(join(dir(name), 'conformance.json'))) reports[name] = readReport(dir(name));
}, 170_000);

afterAll(async () => {
  await Promise.all(targets.map((target) => target.close()));
  if (cwd !== '') rmSync(cwd, { recursive: true, force: true });
});

const tail = (run?: CliRun) =>
  `${run?.stdout ?? ''}${run?.stderr ?? ''}`.trim().split('\n').slice(-4).join(' | ');

describe('a cross-cutting rule broken in one family, three shards merged next to one unsharded run', () => {
  it('both find the defect: exit 1, valid.error-body failed with the same findings', () => {
    expect(whole.code, tail(whole)).toBe(1);
    expect(merged.code, tail(merged)).toBe(1);
    for (const shard of shards) expect([0, 1], tail(shard)).toContain(shard.code);
    const errorBody = (report?: RunReport) => report?.rules.find((rule) => rule.id === 'valid.error-body');
    expect(errorBody(reports.whole)?.verdict).toBe('failed');
    expect(errorBody(reports.merged)?.casesFailed).toBe(errorBody(reports.whole)?.casesFailed);
    expect(errorBody(reports.merged)?.findings.length).toBe(errorBody(reports.whole)?.findings.length);
  });

  it('junit.xml: the same test cases with the same statuses; the disk-state file fails for it', () => {
    const cases = junitCases(dir('whole'));
    expect(cases).toContain(
      'suites/disk-state.test.ts | cross-cutting rules, as the disk-state cases found them | failed',
    );
    // Only where the defect is: the families whose cases met no such error pass.
    expect(cases).toContain(
      'suites/idempotency.test.ts | cross-cutting rules, as the idempotency cases found them | passed',
    );
    expect(junitCases(dir('merged'))).toEqual(cases);
  });

  it('allure-results: the same results, statuses, labels and attachment counts', () => {
    const cases = allureCases(dir('whole'));
    expect(
      cases.some((c) => c.startsWith('cross-cutting rules, as the disk-state cases found them | failed')),
    ).toBe(true);
    expect(allureCases(dir('merged'))).toEqual(cases);
  });
});
