import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../lib/cli/config-file.js';
import { resolveRunSettings } from '../../lib/cli/resolve-settings.js';
import { createsShareDisks } from '../../lib/cli/run-settings.js';
import { transportsFor } from '../../lib/cli/transports.js';
import { ToolError } from '../../lib/errors.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ecs-cli-settings-'));

function toolError(fn: () => unknown): ToolError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ToolError) return error;
    throw error;
  }
  throw new Error('expected a ToolError');
}

describe('run settings', () => {
  it('uses the defaults: seed 1, small runs, reports/ under the current folder, no caps on the emulator', () => {
    const settings = resolveRunSettings({}, undefined, '/work/here');
    expect(settings).toMatchObject({ seed: 1, runs: 3, reportDir: '/work/here/reports', dryRun: false });
    expect(settings.target).toBeUndefined();
    expect(settings.rate).toBeUndefined();
    expect(settings.maxCreates).toBeUndefined();
  });

  it('bounds an external target by default (rate and creates), and --rate 0 lifts the cap', () => {
    const external = resolveRunSettings({ target: 'https://ecs.cn-hangzhou.aliyuncs.com' }, undefined, '/');
    expect(external.rate).toBe(20);
    expect(external.maxCreates).toBe(150);
    expect(
      resolveRunSettings({ target: 'http://127.0.0.1:1', rate: '0' }, undefined, '/').rate,
    ).toBeUndefined();
  });

  it('lets creates share disks only when every target is an emulator the CLI starts', () => {
    const at = (flags: Record<string, string>) =>
      createsShareDisks(resolveRunSettings(flags, undefined, '/'));
    expect(at({})).toBe(true);
    expect(at({ reference: 'embedded' })).toBe(true);
    expect(at({ target: 'http://127.0.0.1:1' })).toBe(false);
    expect(at({ reference: 'http://127.0.0.1:1' })).toBe(false);
    expect(at({ target: 'http://127.0.0.1:1', reference: 'embedded' })).toBe(false);
  });

  it.each([
    [{ seed: 'abc' }, '--seed', 'E_USAGE'],
    [{ runs: '0' }, '--runs', 'E_USAGE'],
    [{ concurrency: '1.5' }, '--concurrency', 'E_USAGE'],
    [{ rate: '-1' }, '--rate', 'E_USAGE'],
    [{ timeout: '' }, '--timeout', 'E_USAGE'],
    [{ maxCreates: 'many' }, '--max-creates', 'E_USAGE'],
    [{ maxTransportFailures: '0' }, '--max-transport-failures', 'E_USAGE'],
    [{ shard: '4/3' }, '--shard', 'E_USAGE'],
    [{ shard: 'one' }, '--shard', 'E_USAGE'],
    [{ signature: 'v4' }, '--signature', 'E_USAGE'],
    [{ only: 'name.min-length;rm' }, '--only', 'E_USAGE'],
    [{ target: 'ftp://example.com' }, '--target', 'E_TARGET_URL'],
    [{ target: 'not a url' }, '--target', 'E_TARGET_URL'],
  ] as const)('rejects %j naming %s', (flags, option, code) => {
    const error = toolError(() => resolveRunSettings(flags, undefined, '/'));
    expect(error.code).toBe(code);
    expect(error.message).toContain(option);
  });

  it('keeps a shipped profile name and makes a profile file absolute', () => {
    expect(resolveRunSettings({ profile: 'sdk-7.11' }, undefined, '/w').profile).toBe('sdk-7.11');
    expect(resolveRunSettings({ profile: 'mine/p.yaml' }, undefined, '/w').profile).toBe('/w/mine/p.yaml');
  });

  it('parses shards, rule lists and narrowed transports', () => {
    const settings = resolveRunSettings(
      { shard: '2/3', only: 'name.*, disk-state', signature: 'v3', method: 'GET' },
      undefined,
      '/',
    );
    expect(settings.shard).toEqual({ index: 2, count: 3 });
    expect(settings.only).toEqual(['name.*', 'disk-state']);
    expect(transportsFor(settings)).toEqual([
      { signature: 'v3', method: 'GET', body: 'query', format: 'JSON' },
      { signature: 'v3', method: 'GET', body: 'query', format: 'XML' },
    ]);
    expect(transportsFor({})).toHaveLength(12);
  });
});

describe('configuration file', () => {
  it('is discovered in the current folder; the command line wins; paths are relative to the file', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'ecs-conformance.config.yaml'),
      'seed: 7\nruns: 2\nworld: worlds/mine.yaml\nreportDir: out\nonly: [name.min-length]\n',
    );
    const config = loadConfigFile(undefined, dir);
    expect(config?.file).toBe(join(dir, 'ecs-conformance.config.yaml'));
    const elsewhere = join(dir, 'sub');
    const settings = resolveRunSettings({ seed: '9' }, config, elsewhere);
    expect(settings.seed).toBe(9);
    expect(settings.runs).toBe(2);
    expect(settings.world).toBe(join(dir, 'worlds/mine.yaml'));
    expect(settings.reportDir).toBe(join(dir, 'out'));
    expect(settings.only).toEqual(['name.min-length']);
  });

  it('reads JSON given with --config', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ci'));
    writeFileSync(
      join(dir, 'ci', 'gate.json'),
      JSON.stringify({ target: 'http://127.0.0.1:9', maxCreates: 3 }),
    );
    const config = loadConfigFile('ci/gate.json', dir);
    const settings = resolveRunSettings({}, config, dir);
    expect(settings.target).toBe('http://127.0.0.1:9');
    expect(settings.maxCreates).toBe(3);
  });

  it('names the file and the path of every schema violation', () => {
    const dir = tempDir();
    const file = join(dir, 'ecs-conformance.config.yaml');
    writeFileSync(file, 'seed: -1\nsignature: v9\ncolour: blue\n');
    const error = toolError(() => loadConfigFile(undefined, dir));
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain(file);
    expect(error.message).toContain('/seed');
    expect(error.message).toContain('/signature must be one of v2, v3');
    expect(error.message).toContain("unknown setting 'colour'");
  });

  it('reports unparseable files and a missing --config file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ecs-conformance.config.json'), '{ "seed": ');
    expect(toolError(() => loadConfigFile(undefined, dir)).message).toMatch(/not valid JSON/);
    expect(toolError(() => loadConfigFile('nope.yaml', dir)).message).toMatch(/--config: file not found/);
  });

  it('names the file in semantic errors too', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ecs-conformance.config.yaml'), 'target: gopher://x\n');
    const config = loadConfigFile(undefined, dir);
    const error = toolError(() => resolveRunSettings({}, config, dir));
    expect(error.message).toContain('target (');
    expect(error.message).toContain('ecs-conformance.config.yaml');
  });
});
