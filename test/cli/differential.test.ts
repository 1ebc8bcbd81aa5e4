import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import type { RunReport } from '../../lib/runner/result.js';
import { loadSpec } from '../../lib/spec/load.js';
import { DEVIATING_RULE, otherDocumented4xx } from '../helpers/accepted-deviation.js';
import { assertBuilt, runCli } from './helpers/cli.js';

// Each run starts vitest in a child process: generous on a loaded 2-core machine.
vi.setConfig({ testTimeout: 90_000 });

const spec = loadSpec();
type Server = Awaited<ReturnType<typeof startEmulator>>;
let reference: Server;
let mutant: Server;
const start = (seams = {}) =>
  startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    host: '127.0.0.1',
    port: 0,
    idempotentProcessingMs: 150,
    seams,
  });

beforeAll(async () => {
  assertBuilt();
  [reference, mutant] = await Promise.all([start(), start(otherDocumented4xx)]);
});
afterAll(async () => {
  await Promise.all([reference?.close(), mutant?.close()]);
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'ecs-cli-diff-'));
const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8'));
const common = ['--only', DEVIATING_RULE, '--rate', '0', '--runs', '2'];

describe('run --reference', () => {
  it('live: flags what the catalogue accepts, in every report, and exits 1', async () => {
    const cwd = freshDir();
    const alone = await runCli(['run', '--target', mutant.url, ...common], { cwd });
    expect(alone.code, alone.stderr).toBe(0);

    const result = await runCli(['run', '--target', mutant.url, '--reference', reference.url, ...common], {
      cwd,
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toContain(`reference ${reference.url}: the world's keys`);
    const dir = join(cwd, 'reports');
    const report = readReport(dir);
    expect(report.differential?.reference).toBe(reference.url);
    expect(report.differential?.disagreeing).toBeGreaterThan(0);
    expect(report.rules.find((rule) => rule.id === DEVIATING_RULE)?.verdict).toBe('failed');
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary).toContain('## Differential run');
    expect(summary).toContain('### Ambiguities settled by evidence');
    expect(summary).toMatch(/differs from the reference/);
    const environment = readFileSync(join(dir, 'allure-results', 'environment.properties'), 'utf8');
    expect(environment).toMatch(/^differential=\d+ cases? of \d+ compared disagreed with the reference/m);

    const compared = await runCli(['compare', join(dir, 'conformance.json'), '--out', join(cwd, 'cmp')], {
      cwd,
    });
    expect(compared.code, compared.stderr).toBe(0);
    const matrix = readFileSync(join(cwd, 'cmp', 'compare.md'), 'utf8');
    expect(matrix).toContain('## Differential runs');
    expect(readFileSync(join(cwd, 'cmp', 'compare.html'), 'utf8')).toContain('<ul id="differential">');
  });

  it('cassette: recorded from the emulator, judges the mutant as the live run does; refused for another seed', async () => {
    const cwd = freshDir();
    const cassette = join(cwd, 'cassette');
    const recorded = await runCli(['run', '--target', reference.url, ...common, '--record', cassette], {
      cwd,
    });
    expect(recorded.code, recorded.stderr).toBe(0);
    const text = readdirSync(cassette)
      .map((file) => readFileSync(join(cassette, file), 'utf8'))
      .join('\n');
    for (const account of spec.world.accounts) expect(text).not.toContain(account.accessKeySecret);
    expect(text).toContain('Signature=***');
    expect(text).not.toMatch(/Signature=(?!\*\*\*)/);

    const live = await runCli(
      ['run', '--target', mutant.url, '--reference', reference.url, ...common, '--report-dir', 'live'],
      { cwd },
    );
    const replayed = await runCli(
      [
        'run',
        '--target',
        mutant.url,
        '--reference',
        'cassette:cassette',
        ...common,
        '--report-dir',
        'replayed',
      ],
      { cwd },
    );
    expect(replayed.code, replayed.stderr).toBe(live.code);
    const [a, b] = [readReport(join(cwd, 'live')), readReport(join(cwd, 'replayed'))];
    expect(b.differential?.disagreeing).toBe(a.differential?.disagreeing);
    expect(b.differential?.uncompared).toBe(0);
    expect(b.differential?.reference).toBe(`cassette:${cassette}`);

    const other = await runCli(
      ['run', '--target', mutant.url, '--reference', 'cassette:cassette', ...common, '--seed', '7'],
      { cwd },
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/cassette .* cannot judge this run: seed 1 recorded, this run's is 7/);
  });

  it('is a config-file setting too', async () => {
    const cwd = freshDir();
    writeFileSync(
      join(cwd, 'ecs-conformance.config.json'),
      JSON.stringify({ reference: 'cassette:nowhere' }),
    );
    const result = await runCli(['run', '--target', mutant.url, ...common], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `cassette ${join(cwd, 'nowhere')} cannot judge this run: no manifest.json`,
    );
  });
});
