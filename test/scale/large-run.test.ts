import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allureFiles, builtFile, measureCli } from '../../bench/cli-measure.js';
import { benchEngineRun } from '../../bench/large-run.js';
import { MAX_FAILING_SAMPLES, MAX_FINDINGS_PER_RULE } from '../../lib/runner/tally.js';
import { readReport } from './normalise.js';

// Issue 10, item 3: a run ten or a hundred times larger must not need memory in proportion. A reduced
// version of `--runs 10000` (bench/large-run.ts runs the real one): a few rules, one long run.
const RULES = [
  'name.min-length',
  'tag.max-count',
  'disk.exists',
  'protocol.signature-valid',
  'account.balance',
];

/**
 * What a run may keep per case once it is sent: its id, the RequestIds the uniqueness rule compares,
 * a created group's id (a few hundred bytes). A generated Case with its request is ~5 KiB: a run that
 * keeps every case in memory until the end needs gigabytes at `--runs 10000` (86 rules, ~860,000 cases).
 */
const MAX_RETAINED_BYTES_PER_CASE = 1024;
/** The run's fixed buffers: the look-ahead of drawn cases, a rule's chunk of drafts, caches, tallies. */
const MAX_EARLY_HEAP_BYTES = 8 * 1024 * 1024;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function assertBuilt(): void {
  for (const file of ['lib/cli/main.js', 'emulator/index.js'])
    if (!existsSync(builtFile(file)))
      throw new Error(`${builtFile(file)} is missing: run \`npm run build\` first`);
}

describe('large runs: memory bounded, results aggregated per rule', () => {
  it('the engine keeps no per-case data beyond ids: reachable heap grows < 1 KiB per case run', async () => {
    assertBuilt();
    // One long run, measured twice once its buffers are full (the cases drawn ahead, a rule's chunk of
    // drafts, the tallies): what it still holds per case run after that is what would grow at --runs 10000.
    const first = 600;
    const last = 2_400;
    const run = await benchEngineRun({ runs: 600, only: RULES, heapAtCases: [first, last] });
    // Not vacuous: every rule ran and passed, and both measurements happened.
    expect(run.verdicts).toEqual({ passed: RULES.length });
    expect(run.casesRun).toBeGreaterThan(last);
    const [atFirst, atLast] = run.heapAtCasesBytes;
    expect(atFirst, 'heap not measured').toBeGreaterThan(0);
    expect(atLast, 'heap not measured').toBeGreaterThan(0);
    // Cases are drawn as they run, not all up front (those would be ~5 KiB each, ~15 MiB here).
    const heldEarly = (atFirst ?? 0) - run.heapBeforeBytes;
    expect(heldEarly, `${Math.round(heldEarly / 1024)} KiB reachable after ${first} cases`).toBeLessThan(
      MAX_EARLY_HEAP_BYTES,
    );
    const perCase = ((atLast ?? 0) - (atFirst ?? 0)) / (last - first);
    expect(perCase, `${Math.round(perCase)} bytes of reachable heap per case run`).toBeLessThan(
      MAX_RETAINED_BYTES_PER_CASE,
    );
  }, 120_000);

  it('the CLI writes as many Allure files and about as large a report at --runs 20 as at --runs 1', async () => {
    assertBuilt();
    const cwd = mkdtempSync(join(tmpdir(), 'ecs-scale-large-'));
    folders.push(cwd);
    const only = ['--only', RULES.join(',')];
    const [one, twenty] = await Promise.all(
      [1, 20].map((runs) =>
        measureCli(['run', '--seed', '3', '--runs', String(runs), ...only], {
          cwd,
          reportDir: join(cwd, `runs-${runs}`),
        }),
      ),
    );
    for (const run of [one, twenty]) expect(run?.code, run?.stderr).toBe(0);
    const small = readReport(join(cwd, 'runs-1'));
    const large = readReport(join(cwd, 'runs-20'));
    expect(large.totals.cases).toBeGreaterThan(5 * small.totals.cases);
    expect(allureFiles(join(cwd, 'runs-20'))).toEqual(allureFiles(join(cwd, 'runs-1')));
    for (const rule of large.rules) {
      expect(rule.samples.length).toBeLessThanOrEqual(MAX_FAILING_SAMPLES + 1);
      expect(rule.findings.length).toBeLessThanOrEqual(MAX_FINDINGS_PER_RULE);
    }
    const size = (dir: string) => statSync(join(cwd, dir, 'conformance.json')).size;
    expect(size('runs-20')).toBeLessThan(2 * size('runs-1'));
  }, 90_000);
});
