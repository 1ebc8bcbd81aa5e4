import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import type { RunReport } from '../../lib/runner/result.js';
import { loadSpec } from '../../lib/spec/load.js';
import { name64Tags12 } from '../spec/fixtures/edited-spec.js';
import { assertBuilt, runCli } from './helpers/cli.js';

// Issue 18, end to end: the OpenAPI description drives the run. The schema-keyword coverage is in the
// reports, and a run under an edited description (Name at most 64 characters, 12 tags) against the
// unchanged reference emulator, which still follows the page, fails exactly the rules that moved.
vi.setConfig({ testTimeout: 120_000 });

const freshDir = () => mkdtempSync(join(tmpdir(), 'ecs-openapi-'));
const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));

let emulator: RunningEmulator;
beforeAll(async () => {
  assertBuilt();
  const spec = loadSpec();
  emulator = await startEmulator({ world: spec.world, limits: spec.profile.limits });
});
afterAll(async () => {
  await emulator.close();
});

describe('schema-keyword coverage', () => {
  it('a default run breaks every keyword a rule names, and sits on every bound, in conformance.json and summary.md', async () => {
    const cwd = freshDir();
    const result = await runCli(['run'], { cwd }); // the default runs, as `npm start`
    expect(result.code, result.stdout.slice(-600)).toBe(0);
    const report = readReport(join(cwd, 'reports'));
    const named = (report.schemaCoverage ?? []).filter((k) => k.rules.length > 0);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((k) => k.violated === 0).map((k) => k.location)).toEqual([]);
    expect(named.filter((k) => k.bounded && k.atEdge === 0).map((k) => k.location)).toEqual([]);
    // Issue 16.4: conformance.json says which transports each rule's cases used; negatives use them all.
    const processing = 'idempotency.processing'; // exempt: see test/generators/transport-coverage.test.ts
    const negatives = report.rules.filter(
      (r) =>
        r.id !== processing && r.casesRun > 0 && (r.family === 'protocol' || r.expected.kind === 'error'),
    );
    expect(negatives.length).toBeGreaterThan(40);
    for (const rule of negatives)
      expect(Object.keys(rule.transports ?? {}).sort(), rule.id).toEqual([
        'GET',
        'JSON',
        'POST',
        'XML',
        'v2',
        'v3',
      ]);
    const summary = readFileSync(join(cwd, 'reports', 'summary.md'), 'utf8');
    expect(summary).toContain('## Request schema keywords (the OpenAPI description)');
    expect(summary).toContain(
      `${named.length} of ${named.length} keywords that rules name exercised on both sides`,
    );
    expect(summary).toMatch(/`\/properties\/Name\/maxLength` \| `name\.max-length` \| ✅ \d+ \| ✅ \d+/);
  });
});

describe('--openapi: an edited description against the unchanged emulator', () => {
  it('fails exactly the Name-length and tag-count rules, whose limits moved', async () => {
    const cwd = freshDir();
    const only = 'name.*,tag.*,description.*,valid.boundaries-accepted';
    const args = ['run', '--target', emulator.url, '--rate', '0', '--runs', '2', '--only', only];
    const [edited, shipped] = await Promise.all([
      runCli([...args, '--openapi', name64Tags12(), '--report-dir', join(cwd, 'edited')], { cwd }),
      runCli([...args, '--report-dir', join(cwd, 'shipped')], { cwd }),
    ]);
    expect(shipped.code, shipped.stdout.slice(-600)).toBe(0);
    expect(edited.code, edited.stdout.slice(-600)).toBe(1);
    const failed = readReport(join(cwd, 'edited'))
      .rules.filter((r) => r.verdict === 'failed')
      .map((r) => r.id)
      .sort();
    expect(failed).toEqual(['name.max-length', 'tag.max-count']);
  });

  it('a missing description file is a configuration error naming it (exit 2)', async () => {
    const result = await runCli(['run', '--openapi', '/nonexistent/CreateSnapshotGroup.openapi.yaml'], {
      cwd: freshDir(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('/nonexistent/CreateSnapshotGroup.openapi.yaml');
  });
});
