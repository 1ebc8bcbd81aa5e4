import { type ChildProcess, execFile, spawn } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv } from '../helpers/cli-env.js';
import { ROOT } from '../hostile/cli.js';

// Issue 15.5: the package is what a user gets. A copy of the source tree (what a fresh clone holds: no
// dist/) is packed, which must build it (prepack); the tarball must hold what runs and nothing of the
// tests or benchmarks; installed into an empty folder, its command must run the suite, serve the
// emulator and write the Allure report there. Slow (a build and an install): one file, one install.
const work = mkdtempSync(join(tmpdir(), 'ecs-package-'));
const clone = join(work, 'clone');
const app = join(work, 'app');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/**
 * npm's own cache, wherever the user's npm keeps it: cliEnv empties HOME (no cloud credentials of the
 * machine's user), and an install must still find the packages it already has (prefer-offline).
 */
const NPM_CACHE = process.env.npm_config_cache ?? join(homedir(), '.npm');

/** The environment of every command here: no vitest or npm-lifecycle variables of the test run. */
function env(): Record<string, string> {
  const base = cliEnv({ npm_config_cache: NPM_CACHE, npm_config_update_notifier: 'false' });
  for (const name of Object.keys(base))
    if (name.startsWith('npm_') && !['npm_config_cache', 'npm_config_update_notifier'].includes(name))
      delete base[name];
  return base;
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], cwd: string, timeoutMs = 300_000): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd, env: env(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const git = (args: string[]) => exec('git', args, ROOT);
const npm = (args: string[], cwd: string, timeoutMs?: number) => exec('npm', args, cwd, timeoutMs);
const npx = (args: string[]) => exec('npx', ['--no-install', 'ecs-conformance', ...args], app);

let tarball = '';
let packed: string[] = [];

beforeAll(async () => {
  // The source tree as a clone has it: tracked and new files, nothing ignored (no dist/, no reports/).
  const files = await git(['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  expect(files.code, files.stderr).toBe(0);
  mkdirSync(clone);
  const list = files.stdout.split('\0').filter((f) => f !== '' && existsSync(join(ROOT, f)));
  await copyFiles(list);
  // The dependencies are the repository's own (a clone would `npm ci` them).
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');
  const pack = await npm(['pack', '--json', '--pack-destination', work], clone, 600_000);
  expect(pack.code, pack.stderr).toBe(0);
  const [info] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = join(work, info?.filename ?? '');
  packed = (info?.files ?? []).map((f) => f.path);
  mkdirSync(app);
  const install = await npm(
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball],
    app,
    600_000,
  );
  expect(install.code, install.stderr).toBe(0);
}, 900_000);

/** Copies the listed files of the repository into the clone, through one tar pipe. */
function copyFiles(list: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const pack = spawn('tar', ['-cf', '-', '--null', '-T', '-'], { cwd: ROOT });
    const unpack = spawn('tar', ['-xf', '-'], { cwd: clone });
    pack.stdout.pipe(unpack.stdin);
    pack.stdin.end(`${list.join('\0')}\0`);
    unpack.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar exited ${code}`))));
  });
}

describe('npm start on the built clone (issue 15.6)', () => {
  it('does not compile an unchanged tree again, and compiles a changed one', async () => {
    // `prestart` with --dry: what it would do, said by tsc itself (no wall-clock measure).
    const unchanged = await npm(['run', 'prestart', '--', '--verbose', '--dry'], clone);
    expect(unchanged.code, unchanged.stderr).toBe(0);
    expect(unchanged.stdout).toMatch(/is up to date/);
    expect(unchanged.stdout).not.toMatch(/would build/i);
    appendFileSync(join(clone, 'lib', 'cli', 'io.ts'), '// changed\n');
    const changed = await npm(['run', 'prestart', '--', '--verbose', '--dry'], clone);
    expect(changed.stdout).toMatch(/would build/i);
  }, 120_000);
});

describe('the packed package', () => {
  it('was built by prepack, and ships only what runs', () => {
    expect(packed).toContain('dist/lib/cli/main.js');
    expect(packed).toContain('dist/emulator/index.js');
    expect(packed).toContain('spec/CreateSnapshotGroup.rules.yaml');
    expect(packed).toContain('suites/valid.test.ts');
    const notToShip = packed.filter((path) =>
      /^(test|bench|dist\/test|dist\/bench)\/|\.map$|tsbuildinfo|^(lib|emulator|generators)\//.test(path),
    );
    expect(notToShip).toEqual([]);
  });

  it('installed in an empty folder, runs the suite there', async () => {
    const run = await npx(['run', '--only', 'name.*']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/verdict: conformant/);
    expect(existsSync(join(app, 'reports', 'conformance.json'))).toBe(true);
  }, 300_000);

  it('writes the Allure report of that run', async () => {
    const report = await npx(['report']);
    expect(report.code, report.stderr).toBe(0);
    const written = readdirSync(join(app, 'reports', 'allure-report'));
    expect(written).toHaveLength(1);
    expect(report.stdout).toBe(`wrote ${join(app, 'reports', 'allure-report', written[0] ?? '')}\n`);
  }, 300_000);

  it('serves the emulator, which a run against it finds conformant, until SIGTERM', async () => {
    // The installed bin itself, not through npx: npx dies of SIGTERM without passing it on, which would
    // leave the emulator running.
    const bin = join(app, 'node_modules', '.bin', 'ecs-conformance');
    const emulator = spawn(bin, ['emulator', '--port', '0'], {
      cwd: app,
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(emulator);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      emulator.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
      emulator.on('exit', () => reject(new Error(`emulator ended: ${out}`)));
      emulator.on('error', reject);
    });
    const run = await npx([
      'run',
      '--target',
      url,
      '--only',
      'name.*',
      '--rate',
      '0',
      '--report-dir',
      'vs-emulator',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const stopped = new Promise<number | null>((resolve) => emulator.on('exit', (code) => resolve(code)));
    emulator.kill('SIGTERM');
    expect(await stopped).toBe(0);
  }, 300_000);
});
