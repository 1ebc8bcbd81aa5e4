import { ToolError } from '../errors.js';
import type { World } from '../spec/world.js';
import { registerSecret } from './redact.js';

/** Keys that sign a request. Secrets: never write them anywhere (see redact.ts). */
export interface Credentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token: sent as `SecurityToken` (v2) or `x-acs-security-token` (v3). */
  securityToken?: string;
}

/** `--credentials`: where the first account's keys may come from (decided by the CLI's signingKeys). */
export const CREDENTIALS_MODES = ['auto', 'env', 'chain', 'world'] as const;
export type CredentialsMode = (typeof CREDENTIALS_MODES)[number];

export const ENV_ACCESS_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ENV_ACCESS_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const ENV_SECURITY_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/** Credentials from the environment, the SDK's own variable names; undefined when id or secret is missing. */
export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const accessKeyId = env[ENV_ACCESS_KEY_ID];
  const accessKeySecret = env[ENV_ACCESS_KEY_SECRET];
  if (!accessKeyId || !accessKeySecret) return undefined;
  const securityToken = env[ENV_SECURITY_TOKEN];
  return securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret };
}

/**
 * The keys that sign for a world account. The environment (or `resolved`, e.g. from
 * resolveSdkCredentials()) overrides the keys of the world's first account only: a real account is
 * the main one; other accounts of a world are test accounts with their own keys.
 */
export function credentialsForAccount(
  world: World,
  accountId: string,
  env: NodeJS.ProcessEnv = process.env,
  resolved?: Credentials,
): Credentials {
  const index = world.accounts.findIndex((account) => account.id === accountId);
  const account = world.accounts[index];
  if (account === undefined) {
    throw new ToolError('E_CONFIG', `world "${world.name}" has no account "${accountId}"`);
  }
  const override = index === 0 ? (resolved ?? credentialsFromEnv(env)) : undefined;
  const credentials = override ?? {
    accessKeyId: account.accessKeyId,
    accessKeySecret: account.accessKeySecret,
  };
  registerSecret(credentials.accessKeySecret);
  if (credentials.securityToken) registerSecret(credentials.securityToken);
  return credentials;
}
