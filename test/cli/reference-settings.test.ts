import { describe, expect, it } from 'vitest';
import { referenceKeys, referenceWorkerEnv } from '../../lib/cli/reference-keys.js';
import { resolveRunSettings } from '../../lib/cli/resolve-settings.js';
import { REFERENCE_KEY_ENV } from '../../suites/support/run-contract.js';

const resolveWith = (reference: string, config?: string) =>
  resolveRunSettings(
    config === undefined ? { reference } : {},
    config === undefined
      ? undefined
      : { file: '/project/ci/ecs-conformance.config.yaml', values: { reference: config } },
    '/here',
  ).reference;

describe('--reference', () => {
  it('takes a URL, embedded, or cassette:DIR (relative to where it was given)', () => {
    expect(resolveWith('https://ecs.cn-hangzhou.aliyuncs.com')).toEqual({
      kind: 'live',
      url: 'https://ecs.cn-hangzhou.aliyuncs.com',
    });
    expect(resolveWith('embedded')).toEqual({ kind: 'embedded' });
    expect(resolveWith('cassette:parity')).toEqual({ kind: 'cassette', dir: '/here/parity' });
    expect(resolveWith('', 'cassette:../parity')).toEqual({ kind: 'cassette', dir: '/project/parity' });
    expect(() => resolveWith('ftp://x')).toThrow(/--reference must be an http/);
    expect(() => resolveWith('cassette:')).toThrow(/--reference must name a directory after cassette:/);
  });
});

describe('the keys that sign on the reference', () => {
  const env = {
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIuser',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'user-secret-value',
  };
  const settings = (reference: string) => ({
    ...resolveRunSettings({ reference }, undefined, '/'),
    credentials: 'auto' as const,
  });

  it("are the user's own only for an Alibaba Cloud endpoint, as for the target", async () => {
    const real = await referenceKeys(settings('https://ecs.cn-hangzhou.aliyuncs.com'), env);
    expect(referenceWorkerEnv(real)[REFERENCE_KEY_ENV.accessKeySecret]).toBe('user-secret-value');
    const local = await referenceKeys(settings('http://127.0.0.1:8080'), env);
    expect(local?.source).toBe('world');
    expect(referenceWorkerEnv(local)[REFERENCE_KEY_ENV.accessKeySecret]).toBe('');
    expect(
      referenceWorkerEnv(await referenceKeys(settings('embedded'), env))[REFERENCE_KEY_ENV.accessKeyId],
    ).toBe('');
    expect(await referenceKeys(settings('cassette:x'), env)).toBeUndefined();
  });
});
