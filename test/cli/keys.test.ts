import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { loadSpec } from '../../lib/spec/load.js';
import { assertBuilt, runCli } from './helpers/cli.js';

// Which keys sign, end to end: the CLI as a child process, its suites in vitest's worker.
vi.setConfig({ testTimeout: 90_000 });

const SPEC = loadSpec();
const MAIN = SPEC.world.accounts[0];
const ONLY = ['--only', 'name.min-length,valid.success-body', '--runs', '1'];
const WORLD = join(import.meta.dirname, '../../fixtures/default.world.yaml');
const freshDir = () => mkdtempSync(join(tmpdir(), 'ecs-cli-keys-'));

/** Every file under `dir`, as text. */
const textsUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'));

let target: RunningEmulator;
beforeAll(async () => {
  assertBuilt();
  target = await startEmulator({
    world: SPEC.world,
    limits: SPEC.profile.limits,
    idempotentProcessingMs: 150,
  });
});
afterAll(async () => {
  await target.close();
});

describe('the embedded emulator ignores keys in the environment', () => {
  it("signs with the world's keys, so someone's real keys in the shell do not break `npm start`", async () => {
    const cwd = freshDir();
    const secret = 'someone-elses-real-secret';
    const result = await runCli(['run', ...ONLY], {
      cwd,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tSomeoneElse', ALIBABA_CLOUD_ACCESS_KEY_SECRET: secret },
    });
    expect(result.stderr).toContain("the world's keys");
    expect(result.code, result.stdout.slice(-400)).toBe(0);
    expect(result.stdout).toContain('verdict: conformant');
  });
});

describe('--credentials chain: keys from the Alibaba Cloud credentials chain', () => {
  // A world whose first account carries a secret the target does not know: only the profile's is right.
  const cwd = freshDir();
  const world = join(cwd, 'world.yaml');
  const profile = join(cwd, 'credentials');
  beforeAll(() => {
    const secret = MAIN?.accessKeySecret ?? '';
    writeFileSync(world, readFileSync(WORLD, 'utf8').replace(secret, 'a-secret-the-target-does-not-know'));
    writeFileSync(
      profile,
      `[default]\ntype = access_key\naccess_key_id = ${MAIN?.accessKeyId}\naccess_key_secret = ${secret}\n`,
    );
  });
  const run = (env: Record<string, string>, reportDir: string, mode = ['--credentials', 'chain']) =>
    runCli(
      [
        'run',
        '--target',
        target.url,
        '--world',
        world,
        '--rate',
        '0',
        ...ONLY,
        '--report-dir',
        reportDir,
        ...mode,
      ],
      {
        cwd,
        env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true', ...env },
      },
    );

  it('signs with the shared credentials file, names the key id, and writes its secret nowhere', async () => {
    const [withProfile, auto, without] = await Promise.all([
      run({ ALIBABA_CLOUD_CREDENTIALS_FILE: profile }, join(cwd, 'with-profile')),
      run({ ALIBABA_CLOUD_CREDENTIALS_FILE: profile }, join(cwd, 'auto'), []),
      run({ ALIBABA_CLOUD_CREDENTIALS_FILE: join(cwd, 'missing') }, join(cwd, 'without')),
    ]);
    expect(withProfile.stderr).toContain(
      `acct-main signs as ${MAIN?.accessKeyId} (keys from the credentials chain)`,
    );
    expect(withProfile.code, withProfile.stdout.slice(-400)).toBe(0);
    expect(withProfile.stderr).toContain('warning: your own keys sign requests to 127.0.0.1');
    // The control: by default a loopback target gets the world's (wrong) secret, refused, so the profile
    // is what made the run pass; and the default never read the profile.
    expect(auto.stderr).toContain("the world's keys (127.0.0.1");
    expect(auto.code).toBe(1);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain(
      '--credentials chain: the Alibaba Cloud credentials chain found no keys',
    );
    const secret = MAIN?.accessKeySecret ?? 'unset';
    for (const text of [withProfile.stdout, withProfile.stderr, ...textsUnder(join(cwd, 'with-profile'))])
      expect(text.includes(secret)).toBe(false);
  });
});
