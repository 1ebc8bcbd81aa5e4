import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import type { RunReport } from '../../lib/runner/index.js';
import { loadProfile } from '../../lib/spec/load.js';
import { removeDir, runCli, tempDir } from '../hostile/cli.js';
import type { LoopbackServer } from '../hostile/loopback.js';
import { startProxy } from '../hostile/proxy.js';
import { findLeaks } from './scan.js';
import { CreateCounter, describedGroups } from './target-state.js';
import { KNOWN, KNOWN_ARGS, KNOWN_ENV, writeKnownWorld } from './world.js';

// What bounds a run on a real, billed account: the create budget, and a dry run that sends nothing.
const worldDir = tempDir('limits-world');
const { file: worldFile, world } = writeKnownWorld(worldDir);
const dirs: string[] = [worldDir];
const opened: Array<LoopbackServer | RunningEmulator> = [];
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ world, limits: loadProfile().limits });
  opened.push(emulator);
});
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  for (const dir of dirs) removeDir(dir);
});
function cwd(): string {
  const dir = tempDir('limits');
  dirs.push(dir);
  return dir;
}

describe.concurrent('real-account limits', () => {
  it('--max-creates 2: at most two creates succeed on the target; the rest are skipped, never sent', async () => {
    const creates = new CreateCounter();
    const proxy = await startProxy(emulator.url, { onAnswer: creates.onAnswer });
    opened.push(proxy);
    const dir = cwd();
    const args = [
      'run',
      '--target',
      proxy.url,
      '--world',
      worldFile,
      '--only',
      'state,valid',
      '--runs',
      '1',
      ...KNOWN_ARGS,
    ];
    const result = await runCli(
      [...args, '--rate', '0', '--max-creates', '2', '--report-dir', join(dir, 'r')],
      {
        cwd: dir,
        env: KNOWN_ENV,
      },
    );
    expect([0, 1], result.stderr).toContain(result.code);
    expect(creates.successes).toBeLessThanOrEqual(2);
    expect(creates.groups.size).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(dir, 'r', 'conformance.json'), 'utf8')) as RunReport;
    const skipped = report.rules.filter((rule) => rule.verdict === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    for (const rule of skipped) expect(rule.reason).toMatch(/max-creates budget/);
    expect(result.stdout).toMatch(/^left behind: none$/m);
    expect(await describedGroups(emulator, world)).toEqual([]);
  }, 90_000);

  it('--dry-run: nothing reaches the target, and the printed requests hold no secret', async () => {
    const proxy = await startProxy(emulator.url);
    opened.push(proxy);
    const dir = cwd();
    const args = [
      'run',
      '--target',
      proxy.url,
      '--world',
      worldFile,
      '--runs',
      '1',
      '--dry-run',
      ...KNOWN_ARGS,
    ];
    const result = await runCli([...args, '--report-dir', join(dir, 'r')], { cwd: dir, env: KNOWN_ENV });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^nothing was sent$/m);
    expect(result.stdout.match(/^ {2}(POST|GET) /gm)?.length ?? 0).toBeGreaterThan(100);
    expect(proxy.connections).toBe(0);
    expect(proxy.requests).toEqual([]);
    const secrets = [
      { label: 'AccessKeySecret', value: KNOWN.accessKeySecret },
      { label: 'SecurityToken', value: KNOWN.securityToken },
    ];
    expect(
      findLeaks(
        [
          ['stdout', result.stdout],
          ['stderr', result.stderr],
        ],
        secrets,
      ),
    ).toEqual([]);
  }, 60_000);
});
