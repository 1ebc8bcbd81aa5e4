import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { type Credentials, createClient, createSnapshotGroupParams } from '../../lib/client/index.js';
import { loadSpec } from '../../lib/spec/load.js';
import { assertBuilt, runCli } from '../cli/helpers/cli.js';
import { type LoopbackServer, startLoopback } from '../hostile/loopback.js';
import { forward } from '../hostile/proxy.js';

// Issue 14.1, reproduced: a target under audit answers a create with the id of a group that lives on
// another endpoint (here an emulator standing in for the real service, with the user's real keys), then
// relays the signed DeleteSnapshotGroup there. An RPC signature does not bind the host, so with the
// user's keys the relayed delete goes through. By default a non-Alibaba target must get the world's
// keys, and the group on the real service must survive.
vi.setConfig({ testTimeout: 120_000 });

const SPEC = loadSpec();
const MAIN = SPEC.world.accounts[0];
const REAL: Credentials = {
  accessKeyId: MAIN?.accessKeyId ?? 'LTAI5tConformanceMain',
  accessKeySecret: 'the-users-real-secret-only-the-real-service-knows',
};
const WORLD_FILE = join(import.meta.dirname, '../../fixtures/default.world.yaml');

let real: RunningEmulator;
let relay: LoopbackServer;
let groupOnReal = '';

/** Talks to the "real service" with the user's real keys. */
const realClient = () => createClient({ target: real.url, credentials: () => REAL });

async function createOnReal(): Promise<string> {
  const client = realClient();
  try {
    const exchange = await client.call(
      'CreateSnapshotGroup',
      createSnapshotGroupParams({ RegionId: 'cn-hangzhou', InstanceId: 'i-bp1h01run', Name: 'precious' }),
      MAIN?.id ?? 'acct-main',
    );
    const parsed = exchange.response?.parsed;
    const id = parsed?.format === 'json' ? parsed.value.SnapshotGroupId : undefined;
    if (typeof id !== 'string')
      throw new Error(`could not create the group on the real service: ${exchange.response?.rawBody}`);
    return id;
  } finally {
    await client.close();
  }
}

async function existsOnReal(groupId: string): Promise<boolean> {
  const client = realClient();
  try {
    const exchange = await client.call(
      'DescribeSnapshotGroups',
      [
        ['RegionId', 'cn-hangzhou'],
        ['SnapshotGroupId.1', groupId],
      ],
      MAIN?.id ?? 'acct-main',
    );
    expect(exchange.response?.status).toBe(200);
    return exchange.response?.rawBody.includes(groupId) === true;
  } finally {
    await client.close();
  }
}

beforeAll(async () => {
  assertBuilt();
  const realWorld = {
    ...SPEC.world,
    accounts: SPEC.world.accounts.map((account, index) =>
      index === 0 ? { ...account, accessKeySecret: REAL.accessKeySecret } : account,
    ),
  };
  real = await startEmulator({ world: realWorld, limits: SPEC.profile.limits, snapshotDurationMs: 0 });
  relay = await startLoopback(async (_req, res, recorded) => {
    if (recorded.action === 'CreateSnapshotGroup') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ RequestId: 'F0000000-0000-4000-8000-000000000000', SnapshotGroupId: groupOnReal }),
      );
      return;
    }
    await forward(real.url, recorded, res); // Describe and Delete: relayed, signature and all
  });
});
afterAll(async () => {
  await relay.close();
  await real.close();
});

const attack = (args: string[], reportDir: string) =>
  runCli(
    [
      'run',
      '--target',
      relay.url,
      '--world',
      WORLD_FILE,
      '--only',
      'valid.success-body',
      '--runs',
      '1',
      '--rate',
      '0',
      '--signature',
      'v2',
      '--report-dir',
      reportDir,
      ...args,
    ],
    {
      cwd: mkdtempSync(join(tmpdir(), 'ecs-relay-')),
      env: {
        ALIBABA_CLOUD_ACCESS_KEY_ID: REAL.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: REAL.accessKeySecret,
      },
    },
  );

describe('a target that relays signed requests to the real service', () => {
  it('by default gets only the world’s keys: the relayed delete is refused and the real group survives', async () => {
    groupOnReal = await createOnReal();
    const dir = mkdtempSync(join(tmpdir(), 'ecs-relay-auto-'));
    const result = await attack([], dir);
    expect(result.stderr).toMatch(/the world's keys \(127\.0\.0\.1:\d+ is not an Alibaba Cloud endpoint/);
    expect(result.stderr).not.toContain('warning: your own keys');
    // The relay did try: deletes of that id reached it and went on to the real service.
    const relayedDeletes = relay.requests.filter(
      (r) => r.action === 'DeleteSnapshotGroup' && `${r.url}&${r.body}`.includes(groupOnReal),
    );
    expect(relayedDeletes.length).toBeGreaterThan(0);
    expect(await existsOnReal(groupOnReal)).toBe(true);
    // Not conformant either: a target that claims groups it cannot show or delete is caught.
    expect(result.code).not.toBe(0);
    for (const text of [result.stdout, result.stderr, readFileSync(join(dir, 'conformance.json'), 'utf8')])
      expect(text).not.toContain(REAL.accessKeySecret);
  });

  it('the control: asked to send the user’s keys there (--credentials env), it warns, and the relay works', async () => {
    groupOnReal = await createOnReal();
    const result = await attack(['--credentials', 'env'], mkdtempSync(join(tmpdir(), 'ecs-relay-env-')));
    expect(result.stderr).toMatch(
      /warning: your own keys sign requests to 127\.0\.0\.1:\d+, which is not an Alibaba Cloud endpoint/,
    );
    expect(result.stderr).toContain(`signs as ${REAL.accessKeyId} (keys from the environment)`);
    // This is what the default prevents: the relayed delete, signed with the user's keys, went through.
    expect(await existsOnReal(groupOnReal)).toBe(false);
  });
});

describe('a configuration file can choose the keys too', () => {
  it('credentials: world in the file keeps the user’s keys off an Alibaba Cloud endpoint as well (dry run)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ecs-relay-config-'));
    writeFileSync(join(cwd, 'ecs-conformance.config.yaml'), 'credentials: world\n');
    const result = await runCli(
      [
        'run',
        '--target',
        'https://ecs.cn-hangzhou.aliyuncs.com',
        '--world',
        WORLD_FILE,
        '--only',
        'name.min-length',
        '--runs',
        '1',
        '--dry-run',
      ],
      {
        cwd,
        env: {
          ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tUsersOwn',
          ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'users-own-secret',
        },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain('LTAI5tUsersOwn');
    expect(result.stdout).toContain(MAIN?.accessKeyId ?? 'LTAI5tConformanceMain');
  });

  it('an unknown source is refused before anything is sent (exit 2, naming the option)', async () => {
    const result = await runCli(['run', '--target', relay.url, '--credentials', 'mine'], {
      cwd: mkdtempSync(join(tmpdir(), 'ecs-relay-bad-')),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--credentials');
  });
});
