import {
  type Credentials,
  type CredentialsMode,
  credentialsFromEnv,
  ENV_ACCESS_KEY_ID,
  ENV_ACCESS_KEY_SECRET,
  ENV_SECURITY_TOKEN,
  isAlibabaCloudEndpoint,
  resolveSdkCredentials,
} from '../client/index.js';
import { ToolError } from '../errors.js';
import { defaultTargetLabel } from '../reporting/target-label.js';

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
  /** Why the user's own keys were left out (`auto` and a target that is not the real service). */
  note?: string;
  /** Set when the user's own keys sign for a host that is not an Alibaba Cloud endpoint. */
  warning?: string;
}

export interface SigningKeysOptions {
  /** Undefined: the embedded emulator. */
  target: string | undefined;
  env: Record<string, string | undefined>;
  mode?: CredentialsMode;
  /** The Alibaba Cloud credentials chain; asked only when the mode allows it. */
  chain?: () => Promise<Credentials | undefined>;
}

const withKeys = (env: Record<string, string | undefined>, keys: Credentials | undefined) => ({
  ...env,
  [ENV_ACCESS_KEY_ID]: keys?.accessKeyId ?? '',
  [ENV_ACCESS_KEY_SECRET]: keys?.accessKeySecret ?? '',
  [ENV_SECURITY_TOKEN]: keys?.securityToken ?? '',
});

function chosen(
  env: Record<string, string | undefined>,
  source: KeySource,
  keys: Credentials | undefined,
  extra: Pick<SigningKeys, 'note' | 'warning'> = {},
): SigningKeys {
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
    ...extra,
  };
}

/** The target as the first line names it: its host, with a port when the URL has one. */
const hostOf = (url: string): string => defaultTargetLabel({ url, embedded: false });

/**
 * Decides, once per command, which keys sign for the world's first account.
 *
 * The user's own keys (ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, else the Alibaba Cloud
 * credentials chain) sign only where they belong: with `auto`, the default, only for an Alibaba Cloud
 * endpoint over HTTPS (isAlibabaCloudEndpoint), since any other host could replay the signed requests to
 * the real service; everything else gets the world's keys, and the chain (which reads the user's
 * profile files) is not even consulted. `env` and `chain` force those sources anywhere, with a warning
 * off Alibaba Cloud; `world` never uses the user's keys. The embedded emulator knows only the world's.
 */
export async function signingKeys(options: SigningKeysOptions): Promise<SigningKeys> {
  const { target, env, mode = 'auto', chain = resolveSdkCredentials } = options;
  if (target === undefined) {
    if (mode === 'env' || mode === 'chain')
      throw new ToolError(
        'E_USAGE',
        `--credentials ${mode} needs --target: the embedded emulator knows only the world's keys`,
      );
    return chosen(env, 'world', undefined);
  }
  if (mode === 'world') return chosen(env, 'world', undefined);
  const real = isAlibabaCloudEndpoint(target);
  if (mode === 'auto' && !real) {
    return chosen(env, 'world', undefined, {
      note: `${hostOf(target)} is not an Alibaba Cloud endpoint over HTTPS, so your own keys are not used there (--credentials env|chain to send them anyway)`,
    });
  }
  const warning = real
    ? undefined
    : `warning: your own keys sign requests to ${hostOf(target)}, which is not an Alibaba Cloud endpoint over HTTPS: it can replay them to the real service`;
  const extra = warning === undefined ? {} : { warning };
  const fromEnv = credentialsFromEnv(env);
  if (mode === 'env') {
    if (fromEnv === undefined)
      throw new ToolError(
        'E_CONFIG',
        `--credentials env: ${ENV_ACCESS_KEY_ID} and ${ENV_ACCESS_KEY_SECRET} must both be set`,
      );
    return chosen(env, 'environment', fromEnv, extra);
  }
  if (mode === 'auto' && fromEnv !== undefined) return chosen(env, 'environment', fromEnv, extra);
  const fromChain = await chain();
  if (fromChain !== undefined) return chosen(env, 'credentials chain', fromChain, extra);
  if (mode === 'chain')
    throw new ToolError(
      'E_CONFIG',
      '--credentials chain: the Alibaba Cloud credentials chain found no keys (environment, aliyun CLI profile, shared credentials file, OIDC role)',
    );
  return chosen(env, 'world', undefined);
}

/** For the run's first line: whose keys sign, named without their secret, and why. */
export function describeKeys(keys: SigningKeys, firstAccount: string | undefined): string {
  const account = firstAccount ?? 'the first account';
  if (keys.source === 'world') return keys.note ? `the world's keys (${keys.note})` : `the world's keys`;
  return `${account} signs as ${keys.accessKeyId} (keys from the ${keys.source})`;
}
