import { ToolError } from '../lib/errors.js';
import type { Catalogue, Expected, Limits, Profile, Rule } from '../lib/spec/catalogue.js';
import type { Account, World } from '../lib/spec/world.js';
import type { ResolvedOptions } from './options.js';
import { type ValidPools, validPools } from './valid/pools.js';
import { indexWorld, type WorldIndex } from './world/index.js';

/** Everything a rule generator may read. Pure data plus memoised lookups; nothing reads files. */
export interface GenContext {
  catalogue: Catalogue;
  profile: Profile;
  world: World;
  limits: Limits;
  options: ResolvedOptions;
  index: WorldIndex;
  /** The account that signs cases not about an account fault. */
  signer: Account;
  hasRule(id: string): boolean;
  rule(id: string): Rule;
  /** The rule's expected outcome after the profile's overrides. */
  expected(id: string): Expected;
  pools(accountId: string): ValidPools;
  /** Tags a valid request of this account may carry. */
  tagLimit(accountId: string): number;
}

export function buildContext(
  catalogue: Catalogue,
  profile: Profile,
  world: World,
  options: ResolvedOptions,
): GenContext {
  const index = indexWorld(world, profile.limits);
  const rules = new Map(catalogue.rules.map((r) => [r.id, r]));
  const poolCache = new Map<string, ValidPools>();
  const rule = (id: string): Rule => {
    const found = rules.get(id);
    if (found === undefined)
      throw new ToolError('E_INTERNAL', `generators: rule '${id}' is not in the catalogue`);
    return found;
  };
  const account = (id: string): Account => {
    const found = index.account(id);
    if (found === undefined)
      throw new ToolError('E_INTERNAL', `generators: account '${id}' is not in the world`);
    return found;
  };
  return {
    catalogue,
    profile,
    world,
    limits: profile.limits,
    options,
    index,
    signer: account(options.account),
    hasRule: (id) => rules.has(id),
    rule,
    expected: (id) => profile.overrides?.[id]?.expected ?? rule(id).expected,
    pools: (accountId) => {
      const cached = poolCache.get(accountId) ?? validPools(index, accountId);
      poolCache.set(accountId, cached);
      return cached;
    },
    tagLimit: (accountId) => Math.min(profile.limits.maxTags, account(accountId).quotas.tagsPerResource),
  };
}
