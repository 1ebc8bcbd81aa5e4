import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { loadProfile } from '../../lib/spec/load.js';
import { removeDir, runCli, tempDir } from '../hostile/cli.js';
import type { LoopbackServer, Recorded } from '../hostile/loopback.js';
import { startProxy } from '../hostile/proxy.js';
import { echoingTarget } from '../hostile/targets.js';
import { findLeaks, type Secret, signaturesOf, vitestCacheFiles, writtenFiles } from './scan.js';
import { KNOWN, KNOWN_ARGS, KNOWN_ENV, writeKnownWorld } from './world.js';

// The whole suite, signed with a known secret and STS token, through a loopback server that records every
// request: no output of the run may hold the secret, the token or any Signature the target received.
const worldDir = tempDir('safety-world');
const { file: worldFile, world } = writeKnownWorld(worldDir);
const dirs: string[] = [worldDir];
const opened: Array<LoopbackServer | RunningEmulator> = [];
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ world, limits: loadProfile().limits, idempotentProcessingMs: 150 });
  opened.push(emulator);
});
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  for (const dir of dirs) removeDir(dir);
});

/** Runs the whole suite against `target` and returns every text the run wrote, with what to look for. */
async function wholeRun(
  target: LoopbackServer,
): Promise<{ code: number | null; texts: Array<[string, string]> }> {
  const cwd = tempDir('safety-run');
  dirs.push(cwd);
  const since = Date.now();
  const args = ['run', '--target', target.url, '--world', worldFile, '--runs', '1', ...KNOWN_ARGS];
  const limits = ['--rate', '0', '--max-creates', '100000', '--report-dir', join(cwd, 'reports')];
  const result = await runCli([...args, ...limits], { cwd, env: KNOWN_ENV, killAfterMs: 150_000 });
  const texts: Array<[string, string]> = [
    ...writtenFiles(cwd),
    ...vitestCacheFiles(since),
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ];
  return { code: result.code, texts };
}

function secretsSent(requests: readonly Recorded[]): Secret[] {
  const signatures = signaturesOf(requests);
  // Both signature families were used, so both places a signature travels were searched.
  expect(signatures.filter((s) => /^[0-9a-f]{64}$/.test(s)).length).toBeGreaterThan(20);
  expect(signatures.filter((s) => /=$|[+/]/.test(s)).length).toBeGreaterThan(20);
  return [
    { label: 'AccessKeySecret', value: KNOWN.accessKeySecret },
    { label: 'SecurityToken', value: KNOWN.securityToken },
    ...signatures.map((value, i) => ({ label: `Signature #${i + 1} received`, value })),
  ];
}

/** The known keys really signed the run: the token travelled with the main account's requests. */
function expectTokenSent(requests: readonly Recorded[]): void {
  const withToken = requests.filter(
    (r) =>
      r.headers['x-acs-security-token'] === KNOWN.securityToken ||
      r.url.includes(`SecurityToken=${encodeURIComponent(KNOWN.securityToken)}`) ||
      new URLSearchParams(r.body).get('SecurityToken') === KNOWN.securityToken,
  );
  expect(withToken.length).toBeGreaterThan(50);
}

describe('no secret in any output of a whole run', () => {
  it('against a conformant target', async () => {
    const proxy = await startProxy(emulator.url);
    opened.push(proxy);
    const { code, texts } = await wholeRun(proxy);
    expect(code, texts.find(([where]) => where === 'stderr')?.[1]).toBe(0);
    expectTokenSent(proxy.requests);
    expect(
      texts.filter(([where]) => where.startsWith('file allure-results') || where.includes('allure')).length,
    ).toBeGreaterThan(10);
    expect(findLeaks(texts, secretsSent(proxy.requests))).toEqual([]);
    expect(emulator.state.groupCount).toBe(0);
  }, 180_000);

  it('against a failing target that echoes each request in its wrong answers', async () => {
    const target = await echoingTarget(emulator.url);
    opened.push(target);
    const { code, texts } = await wholeRun(target);
    expect(code, texts.find(([where]) => where === 'stderr')?.[1]).toBe(1);
    // Failure samples, with their requests and the echoing answers, were written.
    const report = texts.find(([where]) => where.endsWith('conformance.json'))?.[1] ?? '';
    expect(report).toContain('Echo.WrongAnswer');
    expect(report).toContain('"request"');
    expectTokenSent(target.requests);
    expect(findLeaks(texts, secretsSent(target.requests))).toEqual([]);
    expect(emulator.state.groupCount).toBe(0);
  }, 180_000);
});
