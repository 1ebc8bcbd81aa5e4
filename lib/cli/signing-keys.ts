import {
  type Credentials,
  credentialsFromEnv,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
  resolveSdkCredentials,
} from '../client/index.js';

/** Where the keys of the world's first account come from (the other accounts always sign with the world's). */
export type KeySource = 'world' | 'environment' | 'credentials chain';

export interface SigningKeys {
  source: KeySource;
  /** The environment every signer of the run reads (credentialsForAccount): the chosen keys, or none. */
  env: Record<string, string | undefined>;
  /** The variables a process started for the run (the suites' worker) must see: set, or set empty. */
  workerEnv: Record<string, string>;
  /** The AccessKeyId that signs for the first account (not a secret), when it is not the world's. */
  accessKeyId?: string;
}

const withKeys = (env: Record<string, string | undefined>, keys: Credentials | undefined) => ({
  ...env,
  [ENV_ACCESS_KEY_ID]: keys?.accessKeyId ?? '',
  [ENV_ACCESS_KEY_SECRET]: keys?.accessKeySecret ?? '',
  [ENV_SECURITY_TOKEN]: keys?.securityToken ?? '',
});

/**
 * Decides, once per command, which keys sign for the world's first account. The embedded emulator
 * knows only the world's keys: keys in the environment (someone's real ones) are ignored there. A
 * target of the user's is signed with ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET (/ _SECURITY_TOKEN) when
 * set, else with what the Alibaba Cloud credentials chain finds (aliyun CLI profile, shared
 * credentials file, OIDC role; see resolveSdkCredentials), else with the world's keys.
 */
export async function signingKeys(
  target: string | undefined,
  env: Record<string, string | undefined>,
  chain: () => Promise<Credentials | undefined> = resolveSdkCredentials,
): Promise<SigningKeys> {
  const chosen = (source: KeySource, keys: Credentials | undefined): SigningKeys => {
    const signing = withKeys(env, keys);
    return {
      source,
      env: signing,
      workerEnv: {
        [ENV_ACCESS_KEY_ID]: signing[ENV_ACCESS_KEY_ID],
        [ENV_ACCESS_KEY_SECRET]: signing[ENV_ACCESS_KEY_SECRET],
        [ENV_SECURITY_TOKEN]: signing[ENV_SECURITY_TOKEN],
      },
      ...(keys && { accessKeyId: keys.accessKeyId }),
    };
  };
  if (target === undefined) return chosen('world', undefined);
  const fromEnv = credentialsFromEnv(env);
  if (fromEnv !== undefined) return chosen('environment', fromEnv);
  const fromChain = await chain();
  return fromChain === undefined ? chosen('world', undefined) : chosen('credentials chain', fromChain);
}

/** For the run's first line: whose keys sign, named without their secret. */
export function describeKeys(keys: SigningKeys, firstAccount: string | undefined): string {
  const account = firstAccount ?? 'the first account';
  return keys.source === 'world'
    ? `the world's keys`
    : `${account} signs as ${keys.accessKeyId} (keys from the ${keys.source})`;
}
