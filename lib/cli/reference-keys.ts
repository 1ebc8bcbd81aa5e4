import { REFERENCE_KEY_ENV } from '../../suites/support/run-contract.js';
import { ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN } from '../client/index.js';
import type { RunSettings } from './run-settings.js';
import { type SigningKeys, signingKeys } from './signing-keys.js';

/**
 * Which keys sign on a live reference, decided as for the target (signingKeys, the same
 * `--credentials` mode): the user's own keys go only to https://*.aliyuncs.com by default, so that a
 * differential run of an emulator against the real service signs each side with the keys that belong
 * there. A second embedded emulator knows only the world's keys; a cassette needs none.
 */
export async function referenceKeys(
  settings: RunSettings,
  env: Record<string, string | undefined>,
): Promise<SigningKeys | undefined> {
  const reference = settings.reference;
  if (reference === undefined || reference.kind === 'cassette') return undefined;
  if (reference.kind === 'embedded') return signingKeys({ target: undefined, env, mode: 'world' });
  return signingKeys({ target: reference.url, env, mode: settings.credentials });
}

/** The reference's keys, under the names the suites' worker reads them from (set, or set empty). */
export function referenceWorkerEnv(keys: SigningKeys | undefined): Record<string, string> {
  return {
    [REFERENCE_KEY_ENV.accessKeyId]: keys?.env[ENV_ACCESS_KEY_ID] ?? '',
    [REFERENCE_KEY_ENV.accessKeySecret]: keys?.env[ENV_ACCESS_KEY_SECRET] ?? '',
    [REFERENCE_KEY_ENV.securityToken]: keys?.env[ENV_SECURITY_TOKEN] ?? '',
  };
}
