import { createRequire } from 'node:module';
import type { Credentials } from './credentials.js';
import { registerSecret } from './redact.js';

interface Provider {
  getCredentials(): Promise<{ accessKeyId: string; accessKeySecret: string; securityToken?: string }>;
}
interface ProviderClass {
  builder(): { build(): Provider; withRoleName?(name?: string): { build(): Provider } };
}

/**
 * The official @alicloud/credentials chain, minus what would touch the network unasked.
 *
 * Its DefaultCredentialsProvider ends with the ECS instance-metadata provider, which calls
 * 100.100.100.200 whenever nothing else matched: on a laptop or in CI that is a stray request and
 * a long wait. So this builds the same chain itself: environment variables, OIDC role (only when
 * its ALIBABA_CLOUD_ROLE_ARN / OIDC variables are set), the aliyun CLI profile (~/.aliyun/config.json),
 * the shared profile file (~/.alibabacloud/credentials); then instance metadata and a credentials
 * URI only when ALIBABA_CLOUD_ECS_METADATA / ALIBABA_CLOUD_CREDENTIALS_URI name them. A profile of a
 * role type does call STS: the user configured that. The providers read process.env themselves.
 *
 * Async, so callers resolve once at startup and pass the result to credentialsForAccount().
 */
export async function resolveSdkCredentials(): Promise<Credentials | undefined> {
  const env = process.env;
  const require = createRequire(import.meta.url);
  // A CommonJS package: required, as its default export differs between loaders.
  const sdk = require('@alicloud/credentials') as Record<string, ProviderClass>;
  const candidates: Array<() => Provider | undefined> = [
    () => sdk.EnvironmentVariableCredentialsProvider?.builder().build(),
    () => sdk.OIDCRoleArnCredentialsProvider?.builder().build(),
    () => sdk.CLIProfileCredentialsProvider?.builder().build(),
    () => sdk.ProfileCredentialsProvider?.builder().build(),
  ];
  const role = env.ALIBABA_CLOUD_ECS_METADATA;
  if (role) candidates.push(() => sdk.ECSRAMRoleCredentialsProvider?.builder().withRoleName?.(role).build());
  if (env.ALIBABA_CLOUD_CREDENTIALS_URI) candidates.push(() => sdk.URICredentialsProvider?.builder().build());

  for (const candidate of candidates) {
    let provider: Provider | undefined;
    try {
      provider = candidate();
    } catch {
      continue; // not configured: the builder says so by throwing
    }
    try {
      const found = await provider?.getCredentials();
      if (found?.accessKeyId && found.accessKeySecret) {
        registerSecret(found.accessKeySecret);
        registerSecret(found.securityToken);
        const { accessKeyId, accessKeySecret, securityToken } = found;
        return securityToken
          ? { accessKeyId, accessKeySecret, securityToken }
          : { accessKeyId, accessKeySecret };
      }
    } catch {
      // Configured but failing (missing file, bad profile): try the next source, as the SDK does.
    }
  }
  return undefined;
}
