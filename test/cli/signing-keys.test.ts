import { describe, expect, it } from 'vitest';
import { describeKeys, signingKeys } from '../../lib/cli/signing-keys.js';

const ENV_KEYS = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIfromenv',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret-value',
};
const CHAIN = {
  accessKeyId: 'LTAIfromchain',
  accessKeySecret: 'chain-secret-value',
  securityToken: 'sts-token',
};
const noChain = async () => undefined;
const chainOf = (keys = CHAIN) => {
  let asked = 0;
  const chain = async () => {
    asked += 1;
    return keys;
  };
  return { chain, asked: () => asked };
};

describe('signingKeys: which keys sign for the world’s first account', () => {
  it('the embedded emulator: always the world’s, even with someone’s keys in the environment', async () => {
    const { chain, asked } = chainOf();
    const keys = await signingKeys(undefined, { ...ENV_KEYS, PATH: '/bin' }, chain);
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

  it('a target: the environment first, without asking the chain', async () => {
    const { chain, asked } = chainOf();
    const keys = await signingKeys('http://127.0.0.1:1', ENV_KEYS, chain);
    expect(keys.source).toBe('environment');
    expect(asked()).toBe(0);
    expect(keys.workerEnv.ALIBABA_CLOUD_ACCESS_KEY_ID).toBe('LTAIfromenv');
    expect(describeKeys(keys, 'acct-main')).toBe(
      'acct-main signs as LTAIfromenv (keys from the environment)',
    );
  });

  it('a target without keys in the environment: the credentials chain, token included', async () => {
    const keys = await signingKeys('http://127.0.0.1:1', { PATH: '/bin' }, chainOf().chain);
    expect(keys.source).toBe('credentials chain');
    expect(keys.env).toMatchObject({
      PATH: '/bin',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIfromchain',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'chain-secret-value',
      ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-token',
    });
    expect(describeKeys(keys, 'acct-main')).not.toContain('chain-secret-value');
  });

  it('a target, nothing in the environment nor the chain: the world’s keys', async () => {
    const keys = await signingKeys('http://127.0.0.1:1', { ALIBABA_CLOUD_ACCESS_KEY_ID: 'id-only' }, noChain);
    expect(keys.source).toBe('world');
    expect(keys.workerEnv.ALIBABA_CLOUD_ACCESS_KEY_ID).toBe('');
  });
});
