import { describe, expect, it } from 'vitest';
import { describeKeys, signingKeys } from '../../lib/cli/signing-keys.js';
import { isAlibabaCloudEndpoint } from '../../lib/client/index.js';

const ENV_KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIfromenv',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret-value',
};
const CHAIN = {
  accessKeyId: 'LTAIfromchain',
  accessKeySecret: 'chain-secret-value',
  securityToken: 'sts-token',
};
const REAL = 'https://ecs.cn-hangzhou.aliyuncs.com';
const LOOPBACK = 'http://127.0.0.1:1';
const noChain = async () => undefined;
const chainOf = (keys = CHAIN) => {
  let asked = 0;
  const chain = async () => {
    asked += 1;
    return keys;
  };
  return { chain, asked: () => asked };
};

describe('isAlibabaCloudEndpoint: where the user’s own keys may go', () => {
  it.each([
    'https://ecs.cn-hangzhou.aliyuncs.com',
    'https://ecs.aliyuncs.com/',
    'https://ecs-vpc.cn-shanghai.aliyuncs.com',
    'https://ECS.CN-HANGZHOU.ALIYUNCS.COM:443',
    'https://ecs.cn-hangzhou.aliyuncs.com.',
  ])('%s is', (url) => {
    expect(isAlibabaCloudEndpoint(url)).toBe(true);
  });
  it.each([
    ['plain HTTP', 'http://ecs.cn-hangzhou.aliyuncs.com'],
    ['a look-alike suffix', 'https://ecs.cn-hangzhou.aliyuncs.com.evil.example'],
    ['a look-alike name', 'https://evil-aliyuncs.com'],
    ['the bare domain', 'https://aliyuncs.com'],
    ['credentials in the URL', 'https://user:pw@ecs.aliyuncs.com'],
    ['loopback', 'http://127.0.0.1:8080'],
    ['not a URL', 'ecs.aliyuncs.com'],
  ])('%s is not (%s)', (_why, url) => {
    expect(isAlibabaCloudEndpoint(url)).toBe(false);
  });
});

describe('signingKeys: which keys sign for the world’s first account', () => {
  it('the embedded emulator: always the world’s, even with someone’s keys in the environment', async () => {
    const { chain, asked } = chainOf();
    const keys = await signingKeys({ target: undefined, env: { ...ENV_KEYS, PATH: '/bin' }, chain });
    expect(keys.source).toBe('world');
    expect(asked()).toBe(0);
    expect(keys.env.PATH).toBe('/bin');
    // Set empty, not left out: the suites' worker inherits the CLI's environment otherwise.
    expect(keys.workerEnv).toEqual({
      ALIBABA_CLOUD_ACCESS_KEY_ID: '',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
      ALIBABA_CLOUD_SECURITY_TOKEN: '',
    });
    expect(describeKeys(keys, 'acct-main')).toBe("the world's keys");
  });

  it('an Alibaba Cloud endpoint: the environment first, without asking the chain', async () => {
    const { chain, asked } = chainOf();
    const keys = await signingKeys({ target: REAL, env: ENV_KEYS, chain });
    expect(keys.source).toBe('environment');
    expect(asked()).toBe(0);
    expect(keys.warning).toBeUndefined();
    expect(keys.workerEnv.ALIBABA_CLOUD_ACCESS_KEY_ID).toBe('LTAIfromenv');
    expect(describeKeys(keys, 'acct-main')).toBe(
      'acct-main signs as LTAIfromenv (keys from the environment)',
    );
  });

  it('an Alibaba Cloud endpoint without keys in the environment: the credentials chain, token included', async () => {
    const keys = await signingKeys({ target: REAL, env: { PATH: '/bin' }, chain: chainOf().chain });
    expect(keys.source).toBe('credentials chain');
    expect(keys.env).toMatchObject({
      PATH: '/bin',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIfromchain',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'chain-secret-value',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-token',
    });
    expect(describeKeys(keys, 'acct-main')).not.toContain('chain-secret-value');
  });

  it('an Alibaba Cloud endpoint, nothing in the environment nor the chain: the world’s keys', async () => {
    const keys = await signingKeys({
      target: REAL,
      env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id-only' },
      chain: noChain,
    });
    expect(keys.source).toBe('world');
    expect(keys.workerEnv.ALIBABA_CLOUD_ACCESS_KEY_ID).toBe('');
  });

  it('any other target (auto): the world’s keys, the chain never consulted, and the first line says why', async () => {
    const { chain, asked } = chainOf();
    for (const target of [LOOPBACK, 'http://ecs.cn-hangzhou.aliyuncs.com', 'https://vendor.example']) {
      const keys = await signingKeys({ target, env: ENV_KEYS, chain });
      expect(keys.source).toBe('world');
      expect(keys.workerEnv.ALIBABA_CLOUD_ACCESS_KEY_SECRET).toBe('');
      expect(describeKeys(keys, 'acct-main')).toMatch(
        /^the world's keys \(.* is not an Alibaba Cloud endpoint/,
      );
    }
    expect(asked()).toBe(0);
  });

  it('--credentials env or chain sends the user’s keys anywhere, with a warning off Alibaba Cloud', async () => {
    const env = await signingKeys({ target: LOOPBACK, env: ENV_KEYS, mode: 'env', chain: noChain });
    expect(env.source).toBe('environment');
    expect(env.warning).toMatch(/^warning: your own keys sign requests to 127\.0\.0\.1:1, which is not/);
    const chain = await signingKeys({
      target: LOOPBACK,
      env: ENV_KEYS,
      mode: 'chain',
      chain: chainOf().chain,
    });
    expect(chain.source).toBe('credentials chain');
    expect(chain.accessKeyId).toBe('LTAIfromchain');
    expect(chain.warning).toContain('not an Alibaba Cloud endpoint');
    const onReal = await signingKeys({ target: REAL, env: ENV_KEYS, mode: 'env' });
    expect(onReal.warning).toBeUndefined();
  });

  it('--credentials world never uses the user’s keys, even on Alibaba Cloud', async () => {
    const { chain, asked } = chainOf();
    const keys = await signingKeys({ target: REAL, env: ENV_KEYS, mode: 'world', chain });
    expect(keys.source).toBe('world');
    expect(asked()).toBe(0);
  });

  it('an asked-for source that has no keys is a configuration error naming what is missing', async () => {
    await expect(signingKeys({ target: REAL, env: {}, mode: 'env' })).rejects.toMatchObject({
      code: 'E_CONFIG',
      message: expect.stringContaining('ALIBABA_CLOUD_ACCESS_KEY_ID'),
    });
    await expect(signingKeys({ target: REAL, env: {}, mode: 'chain', chain: noChain })).rejects.toMatchObject(
      {
        code: 'E_CONFIG',
        message: expect.stringContaining('found no keys'),
      },
    );
    await expect(signingKeys({ target: undefined, env: ENV_KEYS, mode: 'env' })).rejects.toMatchObject({
      code: 'E_USAGE',
      message: expect.stringContaining('needs --target'),
    });
  });
});
