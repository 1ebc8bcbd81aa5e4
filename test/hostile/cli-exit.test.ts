import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { RunReport } from '../../lib/runner/index.js';
import { removeDir, runCli, tempDir } from './cli.js';
import { deadPort, type LoopbackServer } from './loopback.js';
import {
  invalidJsonTarget,
  recordingTarget,
  redirectTarget,
  silentTarget,
  throttlingTarget,
} from './targets.js';

// The CLI as a user runs it (a child process): exit codes and messages are what is under test here.
// Six CLIs start at once (describe.concurrent), each starting vitest: within the whole `npm test` on a
// shared 2-core machine that took over 30 s. The timeout is a guard against a hang (runCli kills a CLI
// after 60 s), not an assertion about speed.
vi.setConfig({ testTimeout: 90_000 });
const ONLY = ['--only', 'name.max-length,disk.exists', '--runs', '1'];
const opened: LoopbackServer[] = [];
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(opened.map((server) => server.close()));
  for (const dir of dirs) removeDir(dir);
});
async function open(started: Promise<LoopbackServer>): Promise<LoopbackServer> {
  const server = await started;
  opened.push(server);
  return server;
}
function reportDir(): string {
  const dir = tempDir('hostile');
  dirs.push(dir);
  return dir;
}
const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as RunReport;

describe.concurrent('ecs-conformance run against hostile targets', () => {
  it('a dead target: exit 3 at once, saying the connection was refused', async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const dir = reportDir();
    const result = await runCli(['run', '--target', url, ...ONLY, '--report-dir', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(new RegExp(`error: cannot reach target ${url}: connection refused`));
    // "At once": the pre-flight connection stopped it, before any suite started or any report was written.
    expect(result.stderr).not.toMatch(/^running /m);
    expect(existsSync(join(dir, 'conformance.json'))).toBe(false);
  });

  it('a hanging target: exit 3 after the configured failure streak, saying what happened', async () => {
    const target = await open(silentTarget());
    const dir = reportDir();
    const args = [
      'run',
      '--target',
      target.url,
      ...ONLY,
      '--timeout',
      '500',
      '--max-transport-failures',
      '2',
    ];
    const result = await runCli([...args, '--report-dir', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `error: run stopped: 2 consecutive requests to ${target.url} failed at the transport level \\(last: E_TARGET_TIMEOUT: `,
      ),
    );
    expect(result.stdout).toMatch(/^left behind: none$/m);
    const report = readReport(dir);
    expect(report.rules.length).toBeGreaterThan(0);
    for (const rule of report.rules) {
      expect(rule.verdict).toBe('inconclusive');
      expect(rule.reason).toMatch(/E_TARGET_TIMEOUT|run stopped/);
    }
  });

  it('invalid JSON answers: exit 1, each rule failed with a finding naming the unreadable body', async () => {
    const target = await open(invalidJsonTarget());
    const dir = reportDir();
    const result = await runCli(['run', '--target', target.url, ...ONLY, '--report-dir', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /verdict: NOT conformant \(2 failed, 0 inconclusive, 0 passed of 2 rules\)/,
    );
    for (const rule of readReport(dir).rules) {
      expect(rule.verdict).toBe('failed');
      expect(rule.findings.map((f) => f.actual)).toContainEqual('400 (no Code in the body)');
    }
  });

  it('a redirect to another host: exit 1, and the other host receives nothing at all', async () => {
    const elsewhere = await open(recordingTarget());
    const target = await open(redirectTarget((path) => `${elsewhere.url}${path}`));
    const dir = reportDir();
    const result = await runCli(['run', '--target', target.url, ...ONLY, '--report-dir', dir], { cwd: dir });
    expect(result.code, result.stderr).toBe(1);
    expect(target.requests.length).toBeGreaterThan(0);
    expect(elsewhere.connections).toBe(0);
    expect(elsewhere.requests).toEqual([]);
    const actuals = readReport(dir).rules.flatMap((rule) => rule.findings.map((f) => f.actual));
    expect(actuals).toContainEqual(expect.stringMatching(/^302\b/));
  });

  it('a target that throttles every request: never "conformant" (exit 1 or 3), each rule inconclusive', async () => {
    const target = await open(throttlingTarget({ status: 429 }));
    const dir = reportDir();
    const result = await runCli(['run', '--target', target.url, ...ONLY, '--report-dir', dir], { cwd: dir });
    for (const rule of readReport(dir).rules) {
      expect(rule.verdict).toBe('inconclusive');
      expect(rule.reason).toMatch(/throttled \(429 Throttling\.User\)/);
    }
    expect(result.stdout).not.toMatch(/verdict: conformant/);
    expect(
      [1, 3],
      `exit ${result.code}: nothing was evaluated, yet the run is not called a failure`,
    ).toContain(result.code);
  });

  // DESIGN: a run against a hanging target ends within a minute at the defaults. What ends it is asserted
  // here: the default streak of 5 consecutive failed requests stops the run, and every case not run by
  // then is skipped, never sent. How soon is `npm run bench` (bench/hanging-target.ts), not a wall-clock
  // bound on a shared machine (issue 19).
  it('a hanging target, whole suite, default failure streak: stopped by the streak, the rest never sent', async () => {
    const target = await open(silentTarget());
    const dir = reportDir();
    const result = await runCli(['run', '--target', target.url, '--timeout', '2000', '--report-dir', dir], {
      cwd: dir,
      killAfterMs: 90_000,
    });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      /error: run stopped: 5 consecutive requests to .* failed at the transport level \(last: E_TARGET_TIMEOUT/,
    );
    const report = readReport(dir);
    const verdicts = new Set(report.rules.map((rule) => rule.verdict));
    expect(
      [...verdicts].filter((v) => v !== 'inconclusive' && v !== 'skipped' && v !== 'not-covered'),
    ).toEqual([]);
    // The stop stopped the sending: rules whose cases were never sent say so.
    expect(target.requests.length).toBeGreaterThanOrEqual(5);
    expect(report.rules.filter((rule) => /run stopped/.test(rule.reason ?? '')).length).toBeGreaterThan(0);
  }, 100_000);
});
