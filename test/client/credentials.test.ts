import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { credentialsForAccount, credentialsFromEnv } from '../../lib/client/credentials.js';
import { knownSecrets } from '../../lib/client/redact.js';
import { resolveSdkCredentials } from '../../lib/client/sdk-credentials.js';
import type { Account, World } from '../../lib/spec/world.js';

const account = (id: string, key: string): Account => ({
  id,
  accessKeyId: `${key}-id`,
  accessKeySecret: `${key}-secret-value`,
  ownerId: 1,
  balanceSufficient: true,
  snapshotServiceEnabled: true,
  whitelisted: true,
  authorized: true,
  quotas: { snapshots: 10, tagsPerResource: 20, unfinishedSnapshotsPerDisk: 1 },
  resourceGroups: [],
});
const world: World = {
  name: 'w',
  accounts: [account('main', 'main'), account('other', 'other')],
  regions: [],
  instances: [],
  disks: [],
};
const ENV = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'env-id', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret-value' };

describe('credentials', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('uses the environment for the first account only, with the token when set', () => {
    expect(credentialsForAccount(world, 'main', ENV)).toEqual({
      accessKeyId: 'env-id',
      accessKeySecret: 'env-secret-value',
    });
    expect(credentialsForAccount(world, 'other', ENV)).toEqual({
      accessKeyId: 'other-id',
      accessKeySecret: 'other-secret-value',
    });
    expect(credentialsFromEnv({ ...ENV, ALIBABA_CLOUD_SECURITY_TOKEN: 'tok-value' })?.securityToken).toBe(
      'tok-value',
    );
  });

  it("falls back to the world's keys and registers secrets for redaction", () => {
    expect(credentialsForAccount(world, 'main', {})).toEqual({
      accessKeyId: 'main-id',
      accessKeySecret: 'main-secret-value',
    });
    expect(credentialsFromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: 'only-id' })).toBeUndefined();
    expect(knownSecrets()).toContain('main-secret-value');
  });

  it('rejects an unknown account as a configuration error', () => {
    expect(() => credentialsForAccount(world, 'nobody', {})).toThrow(
      expect.objectContaining({ code: 'E_CONFIG' }),
    );
  });

  it('reads the shared profile file through @alicloud/credentials, without the network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-conformance-creds-'));
    const file = join(dir, 'credentials');
    writeFileSync(
      file,
      '[default]\ntype = access_key\naccess_key_id = profile-id\naccess_key_secret = profile-secret-value\n',
    );
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
    vi.stubEnv('ALIBABA_CLOUD_CLI_PROFILE_DISABLED', 'true');
    vi.stubEnv('ALIBABA_CLOUD_ROLE_ARN', '');
    vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_URI', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', file);
    expect(await resolveSdkCredentials()).toEqual({
      accessKeyId: 'profile-id',
      accessKeySecret: 'profile-secret-value',
    });
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', join(dir, 'missing'));
    expect(await resolveSdkCredentials()).toBeUndefined();
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'env-id');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret-value');
    expect(await resolveSdkCredentials()).toEqual({
      accessKeyId: 'env-id',
      accessKeySecret: 'env-secret-value',
    });
    const resolved = await resolveSdkCredentials();
    expect(credentialsForAccount(world, 'main', {}, resolved).accessKeyId).toBe('env-id');
  });
});
