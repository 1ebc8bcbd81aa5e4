// A CLI run as a child process, measured from outside: wall time, markers in its output, and the peak
// resident set of each of its processes. The large-run, full-run, differential and hanging-target
// benchmarks and the scale tests share it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { RunReport } from '../lib/runner/result.js';
import { cliEnv } from '../test/helpers/cli-env.js';

/**
 * A compiled module of the project: beside this file when it runs from dist/, else (the TypeScript
 * source, under vitest) from the build, as a worker thread and a child process load only JavaScript.
 */
export function builtFile(relative: string): string {
  const beside = fileURLToPath(new URL(`../${relative}`, import.meta.url));
  return existsSync(beside) ? beside : fileURLToPath(new URL(`../dist/${relative}`, import.meta.url));
}

const CLI = builtFile('lib/cli/main.js');

/**
 * Peak RSS (VmHWM) of a process and of every descendant, polled from /proc (Linux; elsewhere nothing
 * is measured). Polled from outside, because vitest's worker blocks its own event loop while it
 * generates cases, and dies by a signal without an exit event when it runs out of memory.
 */
function watchPeaks(root: number): { stop(): ProcessPeak[] } {
  const peaks = new Map<number, ProcessPeak>();
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  const poll = () => {
    if (!existsSync('/proc')) return;
    const family = new Set([root]);
    const stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => ({
        pid: Number(name),
        ppid: Number(/\) \S+ (\d+)/.exec(read(`/proc/${name}/stat`))?.[1]),
      }));
    // Parents before children is not guaranteed: repeat until no new descendant is found.
    for (let grew = true; grew; ) {
      grew = false;
      for (const { pid, ppid } of stats)
        if (!family.has(pid) && family.has(ppid)) {
          family.add(pid);
          grew = true;
        }
    }
    for (const pid of family) {
      const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(read(`/proc/${pid}/status`))?.[1] ?? 0) * 1024;
      if (hwm === 0) continue;
      const script =
        read(`/proc/${pid}/cmdline`)
          .split('\0')
          .findLast((arg) => /\.(c|m)?js$/.test(arg)) ?? '';
      const role = roleOf(script);
      const known = peaks.get(pid);
      if (known === undefined || known.maxRssBytes < hwm) peaks.set(pid, { role, maxRssBytes: hwm });
    }
  };
  poll();
  // Cheap enough not to colour what it measures: a few hundred small reads twice a second.
  const timer = setInterval(poll, 500);
  return {
    stop: () => {
      clearInterval(timer);
      return [...peaks.values()].sort((a, b) => b.maxRssBytes - a.maxRssBytes);
    },
  };
}

/**
 * A run's processes: the CLI, which also serves the embedded emulator (lib/cli/execute-run.ts starts it
 * in-process), and vitest's one worker (`forks.js`, lib/cli/vitest-run.ts), which generates, sends and
 * checks every case. Anything else is named by its script.
 */
function roleOf(script: string): string {
  if (script === CLI) return 'cli + embedded emulator';
  const name = script.split(/[\\/]/).pop() ?? '';
  return name === 'forks.js' ? 'vitest worker' : name || 'node';
}

export interface ProcessPeak {
  /** `cli + embedded emulator`, `vitest worker`, else the process's script's file name. */
  role: string;
  maxRssBytes: number;
}

export interface CliRun {
  code: number;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn at which a stderr/stdout line matching each marker first appeared. */
  marks: Record<string, number | undefined>;
  peaks: ProcessPeak[];
  reportDir: string;
}

const MARKERS: Record<string, RegExp> = {
  settled: /^ecs-conformance: testing /m,
  firstSuite: /^running /m,
  verdict: /^(verdict:|rule\(s\) not accepted|gate:)/m,
};

/**
 * The environment of a measured CLI: without a calling vitest's variables (the CLI starts a vitest of
 * its own), cloud keys (the embedded emulator knows only the world's) or a CI step summary to append to.
 */

/**
 * Runs the built CLI as a child and measures wall time, markers and peak RSS. `run` and `merge` get
 * `--report-dir` (default `<cwd>/reports`); cwd defaults to a fresh temporary folder.
 */
export async function measureCli(
  args: string[],
  options: { cwd?: string; reportDir?: string } = {},
): Promise<CliRun> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), 'ecs-bench-cli-'));
  const reportDir = options.reportDir ?? join(cwd, 'reports');
  const marks: Record<string, number | undefined> = {};
  let stdout = '';
  let stderr = '';
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args, '--report-dir', reportDir], {
    cwd,
    env: cliEnv(),
  });
  const peakWatch = child.pid === undefined ? undefined : watchPeaks(child.pid);
  const watch = (chunk: Buffer, sink: 'out' | 'err') => {
    const text = chunk.toString('utf8');
    if (sink === 'out') stdout += text;
    else stderr += text;
    for (const [name, pattern] of Object.entries(MARKERS))
      if (marks[name] === undefined && pattern.test(text)) marks[name] = performance.now() - started;
  };
  child.stdout.on('data', (chunk: Buffer) => watch(chunk, 'out'));
  child.stderr.on('data', (chunk: Buffer) => watch(chunk, 'err'));
  const code = await new Promise<number>((resolve) =>
    child.on('close', (c: number | null) => resolve(c ?? -1)),
  );
  const wallMs = performance.now() - started;
  const peaks = peakWatch?.stop() ?? [];
  return { code, wallMs, stdout, stderr, marks, peaks, reportDir };
}

export const readReport = (dir: string): RunReport =>
  JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as RunReport;

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Result files, attachments and the rest in allure-results. */
export function allureFiles(reportDir: string): { results: number; attachments: number; total: number } {
  const dir = join(reportDir, 'allure-results');
  const names = existsSync(dir) ? readdirSync(dir) : [];
  return {
    results: names.filter((n) => n.endsWith('-result.json')).length,
    attachments: names.filter((n) => n.includes('-attachment')).length,
    total: names.length,
  };
}
