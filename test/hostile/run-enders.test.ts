import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { createClient, DEFAULT_MAX_RESPONSE_BYTES } from '../../lib/client/index.js';
import type { RunReport } from '../../lib/runner/index.js';
import { loadProfile } from '../../lib/spec/load.js';
import { findLeaks, signaturesOf, writtenFiles } from '../safety/scan.js';
import { describedGroups } from '../safety/target-state.js';
import { KNOWN, KNOWN_ENV, writeKnownWorld } from '../safety/world.js';
import { type CliResult, removeDir, runCli, tempDir } from './cli.js';
import type { LoopbackServer } from './loopback.js';
import { hugeBodyTarget, throttlingTarget } from './targets.js';
import { flappingConnectionTarget } from './unstable-targets.js';

// Issue 14, item 8, the short version of `npm run bench:hostile`: the CLI with --timeout 2000 against a
// target that throttles everything (it ran 430 s and said "NOT conformant"), one that resets every
// other connection, and one that answers 10 MiB. Each run ends on its own with exit 1 or 3, says why,
// sends a bounded number of requests, leaks no secret and leaves no group. Behaviour, not time.
const CONCURRENCY = 8; // the CLI's default for --target
const STREAK = 5; // --max-transport-failures' default
const ATTEMPTS = 4; // the client's first attempt and 3 retries
const worldDir = tempDir('run-enders-world');
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

interface Ended {
  result: CliResult;
  report: RunReport;
  leaks: string[];
}

/** The whole suite (or `extra` narrows it) against `target`, as a user runs it at --timeout 2000. */
async function runAgainst(target: LoopbackServer, extra: string[] = []): Promise<Ended> {
  opened.push(target);
  const cwd = tempDir('run-enders');
  dirs.push(cwd);
  const reports = join(cwd, 'reports');
  const args = ['run', '--target', target.url, '--world', worldFile, '--timeout', '2000', ...extra];
  const result = await runCli([...args, '--report-dir', reports], {
    cwd,
    env: KNOWN_ENV,
    killAfterMs: 120_000,
  });
  const texts: Array<[string, string]> = [
    ...writtenFiles(cwd),
    ['stdout', result.stdout],
    ['stderr', result.stderr],
  ];
  const leaks = findLeaks(texts, [
    { label: 'AccessKeySecret', value: KNOWN.accessKeySecret },
    { label: 'SecurityToken', value: KNOWN.securityToken },
    ...signaturesOf(target.requests).map((value, i) => ({ label: `Signature #${i + 1}`, value })),
  ]);
  const report = JSON.parse(readFileSync(join(reports, 'conformance.json'), 'utf8')) as RunReport;
  return { result, report, leaks };
}

describe.concurrent('the whole suite against a misbehaving target ends on its own', () => {
  it('503 ServiceUnavailable (Retry-After: 1) to everything: exit 3, "the target throttled every request"', async () => {
    const target = await throttlingTarget({ status: 503, retryAfter: '1' });
    const { result, leaks } = await runAgainst(target);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: run stopped: the target throttled every request: ${STREAK} consecutive requests to ${target.url} were still throttled after their retries \\(last: HTTP 503 ServiceUnavailable\\)`,
        'm',
      ),
    );
    expect(result.stdout).not.toMatch(/verdict:/);
    // The streak's requests and those in flight beside them (a case sends at most two at once), each
    // tried at most 4 times: not the 2,196 requests of a run that went on.
    expect(target.requests.length).toBeLessThanOrEqual(ATTEMPTS * (STREAK + 2 * CONCURRENCY));
    expect(result.stdout).toMatch(/^left behind: none$/m);
    expect(leaks).toEqual([]);
  }, 130_000);

  it('every other connection reset: exit 3, the breaker names the failures, and every group is deleted', async () => {
    const target = await flappingConnectionTarget(emulator.url);
    // One case at a time: failures and answers then strictly alternate, never a streak of failures.
    const { result, leaks } = await runAgainst(target, ['--concurrency', '1']);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `^error: run stopped: (the target kept failing: \\d+ of the last \\d+|\\d+ consecutive) requests to ${target.url} failed at the transport level`,
        'm',
      ),
    );
    // About twice the streak (one failure in two requests) before the breaker trips, then the case in
    // flight finishes and cleans up and the sweep deletes what is left: not a whole run (541 requests).
    expect(target.requests.length).toBeLessThanOrEqual(60);
    expect(result.stdout).toMatch(/^left behind: none$/m);
    expect(await describedGroups(emulator, world)).toEqual([]);
    expect(leaks).toEqual([]);
  }, 130_000);

  it('10 MiB to every request: exit 1, each request sent once, the cut answers never parsed', async () => {
    const target = await hugeBodyTarget();
    const only = ['--only', 'name.max-length,disk.exists,region.required', '--runs', '1'];
    const { result, report, leaks } = await runAgainst(target, only);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^verdict: NOT conformant \(3 failed, 0 inconclusive, \d+ passed/m);
    // A 400 is not retried; nothing but the cases' own requests went out.
    expect(target.requests.length).toBe(report.totals.requests);
    expect(target.requests.length).toBe(report.totals.cases);
    expect(leaks).toEqual([]);
  }, 130_000);
});

it('an answer cut at the size cap is not parsed: megabytes are not read only to learn they are cut', async () => {
  const target = await hugeBodyTarget();
  opened.push(target);
  const client = createClient({
    target: target.url,
    credentials: () => ({ accessKeyId: 'LTAI5tFlood', accessKeySecret: 'flood-secret-value' }),
  });
  const exchange = await client.call('DescribeSnapshotGroups', [['RegionId', 'cn-hangzhou']], 'main');
  await client.close();
  expect(exchange.response?.truncated).toBe(true);
  expect(exchange.response?.parsed).toEqual({
    format: 'unparseable',
    reason: `cut at ${DEFAULT_MAX_RESPONSE_BYTES} bytes, not read`,
  });
});
