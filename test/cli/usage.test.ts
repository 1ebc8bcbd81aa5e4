import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../lib/cli/main.js';
import { captureIo, type LoopbackTarget, loopbackTarget } from './helpers/cli.js';

// main() in-process: every path here ends before vitest would start (usage errors, --dry-run, --help).
let target: LoopbackTarget;
beforeAll(async () => {
  target = await loopbackTarget();
});
afterAll(async () => {
  await target.close();
});

const freshDir = () => mkdtempSync(join(tmpdir(), 'ecs-cli-usage-'));

async function cli(args: string[], cwd = freshDir(), env: Record<string, string | undefined> = {}) {
  const { io, stdout, stderr } = captureIo(cwd, env);
  const code = await main(args, io);
  return { code, stdout: stdout(), stderr: stderr() };
}

describe('bad usage: exit 2, the option named, nothing sent', () => {
  it.each([
    [['--seed', 'abc'], '--seed'],
    [['--runs', '0'], '--runs'],
    [['--concurrency', 'many'], '--concurrency'],
    [['--timeout', '-5'], '--timeout'],
    [['--rate', 'fast'], '--rate'],
    [['--max-creates', '1.5'], '--max-creates'],
    [['--shard', '0/2'], '--shard'],
    [['--shard', '9/8'], '--shard'],
    [['--signature', 'v4'], '--signature'],
    [['--method', 'PUT'], '--method'],
    [['--format', 'YAML'], '--format'],
    [['--only', 'no.such-rule'], '--only'],
    [['--world', '/nonexistent/world.yaml'], 'world.yaml'],
    [['--profile', 'no-such-profile'], 'no-such-profile'],
    [['--baseline', '/nonexistent/baseline.json'], 'baseline.json'],
    [['--colour', 'blue'], '--colour'],
  ])('run %j', async (args, named) => {
    const before = target.requests;
    const result = await cli(['run', '--target', target.url, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(named);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(target.requests).toBe(before);
  });

  it('rejects a target that is not an http(s) URL', async () => {
    const result = await cli(['run', '--target', 'ftp://127.0.0.1/']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --target must be an http:\/\/ or https:\/\/ URL/);
  });

  it('rejects an invalid configuration file naming the file and the setting', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'ecs-conformance.config.yaml'), `target: ${target.url}\nconcurrency: 0\n`);
    const before = target.requests;
    const result = await cli(['run'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dir, 'ecs-conformance.config.yaml'));
    expect(result.stderr).toContain('/concurrency');
    expect(target.requests).toBe(before);
  });

  it('exits 2 on an unknown command and prints the help without arguments', async () => {
    expect((await cli(['lint'])).code).toBe(2);
    const bare = await cli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Usage: ecs-conformance');
  });
});

describe('a target that does not listen', () => {
  it('exits 3 at once with one clear line', async () => {
    const closed = await loopbackTarget();
    const url = closed.url;
    await closed.close();
    const reports = join(freshDir(), 'r');
    const result = await cli(['run', '--target', url, '--report-dir', reports]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`error: cannot reach target ${url}: connection refused`);
    // "At once": the pre-flight connection stopped it before any suite started or report was written.
    expect(result.stderr).not.toMatch(/^running /m);
    expect(existsSync(join(reports, 'conformance.json'))).toBe(false);
  });
});

describe('--dry-run', () => {
  it('prints every request, signatures and secrets redacted, and sends nothing', async () => {
    const before = target.requests;
    const secret = 'dry-run-test-secret-value';
    const result = await cli(
      [
        'run',
        '--target',
        target.url,
        '--dry-run',
        '--credentials',
        'env',
        '--only',
        'name.min-length,protocol.signature-valid',
      ],
      freshDir(),
      { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIdryrun', ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret },
    );
    expect(result.code).toBe(0);
    expect(target.requests).toBe(before);
    expect(result.stdout).toContain('seed 1');
    expect(result.stdout).toMatch(/name\.min-length\/\S+/);
    expect(result.stdout).toContain(`POST ${target.url}/`);
    expect(result.stdout).toContain('nothing was sent');
    expect(result.stdout).toContain('LTAIdryrun'); // the keys asked for sign: their secret is what is hidden
    expect(result.stdout).not.toContain(secret);
    expect(result.stdout).not.toMatch(/Signature=(?!\*\*\*)[A-Za-z0-9%+/=]{8,}/);
  });

  it('takes settings from the configuration file, the command line winning', async () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, 'ecs-conformance.config.json'),
      JSON.stringify({ target: target.url, seed: 5, dryRun: true, only: ['region.required'] }),
    );
    const fromFile = await cli(['run'], dir);
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('dry run: seed 5');
    const overridden = await cli(['run', '--seed', '9'], dir);
    expect(overridden.stdout).toContain('dry run: seed 9');
    expect(overridden.stdout).toContain('region.required/');
    expect(overridden.stdout).not.toContain('name.min-length/');
  });
});

describe('--help', () => {
  it('lists the commands', async () => {
    const result = await cli(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['run', 'emulator', 'replay', 'diff', 'compare', 'merge']) {
      expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });

  it.each([
    ['run', '$ ecs-conformance run --target'],
    ['emulator', '$ ecs-conformance emulator --port'],
    ['replay', '$ ecs-conformance replay --target'],
    ['diff', '$ ecs-conformance diff'],
    ['compare', '$ ecs-conformance compare'],
    ['merge', '$ ecs-conformance merge'],
  ])('%s --help shows examples', async (command, example) => {
    const result = await cli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Example');
    expect(result.stdout).toContain(example);
  });

  it('documents every run option of the CLI contract and the exit codes', async () => {
    const { stdout } = await cli(['run', '--help']);
    for (const option of [
      '--target',
      '--world',
      '--profile',
      '--seed',
      '--runs',
      '--only',
      '--report-dir',
      '--baseline',
      '--shard',
      '--signature',
      '--method',
      '--format',
      '--concurrency',
      '--rate',
      '--timeout',
      '--max-creates',
      '--dry-run',
      '--config',
      '--max-transport-failures',
    ]) {
      expect(stdout).toContain(option);
    }
    expect(stdout).toContain('Exit codes: 0 conformant, 1 non-conformant, 2 bad usage');
  });
});

describe('emulator and replay', () => {
  it('serves the emulator until SIGINT; replay re-signs one request, redacted, and shows the answer', async () => {
    const { io, signals, stdout } = captureIo(freshDir());
    const serving = main(['emulator', '--port', '0'], io);
    let url: string | undefined;
    for (let i = 0; i < 200 && url === undefined; i += 1) {
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout())?.[1];
      if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(url).toBeDefined();
    const replay = await cli([
      'replay',
      '--target',
      url as string,
      '--action',
      'CreateSnapshotGroup',
      '--account',
      'acct-main',
      '--signature',
      'v2',
      '--method',
      'POST',
      '--body',
      'form',
      '--format',
      'JSON',
      '--param',
      'RegionId=cn-hangzhou',
      '--param',
      'Name=A',
      '--param',
      'DiskId.1=d-bp1h03dat1',
    ]);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('Signature=***');
    expect(replay.stdout).toContain('< HTTP 400');
    expect(replay.stdout).toContain('"Code":"InvalidParameter.Name"');
    signals.emit('SIGINT');
    expect(await serving).toBe(0);
    expect(stdout()).toContain('emulator stopped (SIGINT)');
  });

  it('names a bad --idempotent-processing-ms and exits 2, serving nothing', async () => {
    const result = await cli(['emulator', '--port', '0', '--idempotent-processing-ms', 'soon']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      '--idempotent-processing-ms must be an integer from 0 to 60000 (got "soon")',
    );
    expect(result.stdout).not.toContain('listening');
  });

  it('names a bad replay argument and exits 2', async () => {
    const result = await cli(['replay', '--target', target.url, '--action', 'CreateSnapshotGroup']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: replay: --\w+ is required/);
  });
});
