import type { GenContext } from '../context.js';
import { deriveSeed } from '../seed.js';
import type { ValidRequest } from './request.js';
import { disksTarget } from './target.js';

/**
 * The k-th of `items` for a rule, starting at an offset fixed by the rule id: deterministic cases of
 * different rules land on different resources (the runner serialises cases that share a disk).
 */
export function spread<T>(items: readonly T[], rule: string, k: number): T | undefined {
  if (items.length === 0) return undefined;
  const start = (deriveSeed(0, rule) >>> 0) % items.length;
  return items[(start + k) % items.length];
}

export interface FixedBaseConstraints {
  account?: string;
  instantAccessRegion?: boolean;
}

/** A one-disk DiskId request with no optional parameter: the base of deterministic fault cases. */
export function fixedBase(
  ctx: GenContext,
  rule: string,
  k: number,
  constraints: FixedBaseConstraints = {},
): ValidRequest | undefined {
  const accountId = constraints.account ?? ctx.signer.id;
  const disks = ctx.index
    .healthyDisks(accountId)
    .filter(
      (d) =>
        constraints.instantAccessRegion !== true ||
        ctx.index.region(d.region)?.instantAccessSupported === true,
    );
  const disk = spread(disks, rule, k);
  if (disk === undefined) return undefined;
  const target = disksTarget([disk]);
  return { target, attributes: {} };
}
