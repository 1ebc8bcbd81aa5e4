import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliEnv } from '../helpers/cli-env.js';

const ABOVE_TEST = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The package root, from test/hostile or, for a benchmark, from its build in dist/test/hostile. */
export const ROOT = basename(ABOVE_TEST) === 'dist' ? dirname(ABOVE_TEST) : ABOVE_TEST;
export const CLI = join(ROOT, 'dist', 'lib', 'cli', 'main.js');

export interface CliResult {
  /** Exit code; null when killed by a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  /** performance.now() when the process ended: compare with a target's Recorded.receivedAt. */
  endedAt: number;
}

export interface CliRun {
  child: ChildProcess;
  /** Output so far, for waiting on a line before sending a signal. */
  output(): { stdout: string; stderr: string };
  done: Promise<CliResult>;
}

/**
 * Starts `ecs-conformance` (dist/lib/cli/main.js, built by `npm test` before vitest runs) as a child
 * process in `cwd`. A run that outlives `killAfterMs` is killed, so that a hanging CLI fails the test
 * instead of hanging it.
 */
export function startCli(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; killAfterMs?: number } = {},
): CliRun {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 60_000);
  const done = new Promise<CliResult>((resolveDone) => {
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const endedAt = performance.now();
      resolveDone({ code, signal, stdout, stderr, durationMs: endedAt - started, endedAt });
    });
  });
  return { child, output: () => ({ stdout, stderr }), done };
}

export const runCli = (args: string[], options: Parameters<typeof startCli>[1] = {}): Promise<CliResult> =>
  startCli(args, options).done;

/** Resolves when `predicate` holds on the output so far; rejects after `timeoutMs`. */
export async function waitForOutput(
  run: CliRun,
  predicate: (out: { stdout: string; stderr: string }) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate(run.output())) {
    if (performance.now() > deadline || run.child.exitCode !== null)
      throw new Error(`output never matched; so far:\n${run.output().stderr}\n${run.output().stdout}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 25));
  }
}

/** A fresh temporary folder; remove it with removeDir. */
export const tempDir = (prefix: string): string => mkdtempSync(join(tmpdir(), `ecs-${prefix}-`));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/** Every file under `dir`, as [path relative to dir, content]. */
export function filesUnder(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([relative(dir, path), readFileSync(path, 'utf8')]);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}
