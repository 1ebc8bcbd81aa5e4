import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunReport } from '../../lib/runner/result.js';
import { cliEnv } from '../helpers/cli-env.js';
import { assertBuilt, BIN, runCli } from './helpers/cli.js';

// A whole run at the default --target rate cap (20 requests/s): about half a minute, more when loaded.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 60_000 });

let emulator: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  assertBuilt();
  // README: `npx ecs-conformance emulator --port 8080` (here a free port, as no test may assume one).
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', '0'], {
    cwd: mkdtempSync(join(tmpdir(), 'ecs-readme-emulator-')),
    env: cliEnv({}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  emulator = child;
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      out += chunk;
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (found !== undefined) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before listening: ${out}`)));
  });
});

afterAll(async () => {
  const child = emulator;
  if (child === undefined || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe("README's emulator-author flow: standalone emulator, then run --target", () => {
  it('exits 0, conformant, with IdempotentProcessing observed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ecs-readme-run-'));
    const result = await runCli(['run', '--target', url], { cwd });
    expect(result.stderr).not.toMatch(/^error:/m);
    // The first line says the load a real endpoint will see: the default rate cap of a --target run.
    expect(result.stderr.split('\n')[0]).toMatch(
      /^ecs-conformance: testing http:\/\/127\.0\.0\.1:\d+ with seed 1, 3 runs per rule, at most 20 requests\/s; /,
    );
    expect(result.code, result.stdout.slice(-2000)).toBe(0);
    expect(result.stdout).toMatch(/^verdict: conformant/m);
    const report: RunReport = JSON.parse(readFileSync(join(cwd, 'reports', 'conformance.json'), 'utf8'));
    expect(report.totals.inconclusive).toBe(0);
    expect(report.totals.failed).toBe(0);
    expect(report.leftBehind).toEqual([]);
    // The standalone emulator holds a token while processing, as the embedded one does: the 403 was seen.
    const processing = report.rules.find((rule) => rule.id === 'idempotency.processing');
    expect(processing?.verdict).toBe('passed');
    expect(processing?.reason).toBeUndefined();
  });
});
