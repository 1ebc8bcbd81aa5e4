import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadWorld } from '../../lib/spec/load.js';
import type { World } from '../../lib/spec/world.js';

/**
 * Keys no other test uses, so that a hit in any output can only come from this run. The secret and the
 * token hold characters that percent-encoding changes (+ / =), so every spelling of them is searched.
 */
export const KNOWN = {
  accessKeyId: 'LTAI5tSafetyLeakCheckKey',
  accessKeySecret: 'Sfty+Secret/Known=Value-7c1e9a4b2d',
  securityToken: 'CAIS+Safety/Token==Known-STS-4f8a2c6e1b9d3a7f',
} as const;

/**
 * The environment that makes the CLI sign every request of the main account with KNOWN, given
 * KNOWN_ARGS: the targets here are loopback servers, where by default only the world's keys sign.
 */
export const KNOWN_ARGS = ['--credentials', 'env'];
export const KNOWN_ENV = {
  ALIBABA_CLOUD_ACCESS_KEY_ID: KNOWN.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: KNOWN.accessKeySecret,
  ALIBABA_CLOUD_SECURITY_TOKEN: KNOWN.securityToken,
};

/**
 * The default world with its first (main) account keyed by KNOWN: the environment overrides the first
 * account's keys, and the emulator, seeded from the same world, accepts them (it signs the token along
 * with everything else and does not otherwise check it). Written to `dir`; returns the file and world.
 */
export function writeKnownWorld(dir: string): { file: string; world: World } {
  const world = loadWorld();
  const [main, ...others] = world.accounts;
  if (main === undefined) throw new Error('the default world has no account');
  const keyed: World = {
    ...world,
    name: 'safety',
    accounts: [
      { ...main, accessKeyId: KNOWN.accessKeyId, accessKeySecret: KNOWN.accessKeySecret },
      ...others,
    ],
  };
  const file = join(dir, 'safety.world.yaml');
  writeFileSync(file, stringify(keyed));
  return { file, world: loadWorld(file) };
}
