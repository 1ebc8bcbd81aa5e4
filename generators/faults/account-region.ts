import fc from 'fast-check';
import type { Disk } from '../../lib/spec/world.js';
import { type Planner, shapePlan } from '../rules/plan.js';
import { attributesArbitrary } from '../valid/attributes.js';
import { attributeConstraints } from '../valid/request.js';
import { disksTarget, instanceTarget, type Target } from '../valid/target.js';
import { accountFaults } from '../world/faults.js';
import { byZone } from '../world/index.js';
import type { FaultShape } from './shape.js';
import { targetShape as shape } from './target-shape.js';

export const ACCOUNT_REGION_FAULTS: Record<string, Planner> = {
  /** More disks than the account's remaining snapshot quota, on an account otherwise in good standing. */
  'account.snapshot-quota': (ctx, rule) => {
    const options: Target[] = [];
    for (const account of ctx.world.accounts.filter((a) => accountFaults(a).length === 0)) {
      const room = account.quotas.snapshots;
      if (room + 1 > ctx.limits.maxDisks) continue;
      for (const instance of ctx.pools(account.id).wholeInstances) {
        if (ctx.index.disksOf(instance.id).length > room) options.push(instanceTarget(ctx.index, instance));
      }
      for (const disks of byZone(ctx.index.healthyDisks(account.id)).values()) {
        const over = fitsInSize(disks, ctx.limits.maxTotalSizeGiB).slice(0, room + 1);
        if (over.length > room) options.push(disksTarget(over));
      }
    }
    const what = (t: Target) =>
      `${t.disks.length} disks for a remaining quota of ${ctx.index.account(t.account)?.quotas.snapshots}`;
    const fixed = options.slice(0, 2).map((t) => shape(rule, t, {}, what(t)));
    const shapes =
      options.length === 0
        ? undefined
        : fc
            .constantFrom(...options)
            .chain((t) =>
              attributesArbitrary(ctx.profile.request, attributeConstraints(ctx, t)).map((a) =>
                shape(rule, t, a, what(t)),
              ),
            );
    return shapePlan(
      ctx,
      fixed,
      shapes,
      'no account in good standing has fewer snapshots left than usable disks it can group',
    );
  },
  /** InstantAccess=true where the region supports snapshot groups but not instant access. */
  'region.instant-access-supported': (ctx, rule) => {
    const disks = ctx.world.disks.filter(
      (d) =>
        ctx.index.faultsOfDisk(d.id).length === 0 &&
        ctx.index.region(d.region)?.instantAccessSupported === false &&
        d.sizeGiB <= ctx.limits.maxTotalSizeGiB,
    );
    // The signer's disks first, so that the case differs from a valid one by the region alone.
    const ordered = [
      ...disks.filter((d) => d.account === ctx.signer.id),
      ...disks.filter((d) => d.account !== ctx.signer.id),
    ];
    const touched: FaultShape['touched'] = ['target', 'InstantAccess', 'InstantAccessRetentionDays'];
    const on = (target: Target, days?: number) =>
      shape(
        rule,
        target,
        days === undefined
          ? { InstantAccess: true }
          : { InstantAccess: true, InstantAccessRetentionDays: days },
        'InstantAccess=true in a region without instant access',
        'invalid',
        touched,
      );
    const first = ordered[0];
    const fixed =
      first === undefined
        ? []
        : [on(disksTarget([first])), on(disksTarget([first]), ctx.profile.request.retentionDays.minimum)];
    const shapes =
      ordered.length === 0
        ? undefined
        : fc
            .tuple(
              fc.constantFrom(...ordered),
              fc.option(
                fc.integer({
                  min: ctx.profile.request.retentionDays.minimum,
                  max: ctx.profile.request.retentionDays.maximum,
                }),
                { nil: undefined },
              ),
            )
            .chain(([disk, days]) => {
              const target = disksTarget([disk]);
              const constraints = { ...attributeConstraints(ctx, target), instantAccess: false };
              return attributesArbitrary(ctx.profile.request, constraints).map((a) => {
                const s = on(target, days);
                return { ...s, attributes: { ...a, ...s.attributes } };
              });
            });
    return shapePlan(
      ctx,
      fixed,
      shapes,
      'no usable disk lies in a region that supports snapshot groups but not instant access',
    );
  },
};

const fitsInSize = (disks: Disk[], limit: number): Disk[] => {
  const out: Disk[] = [];
  let size = 0;
  for (const d of disks) {
    if (size + d.sizeGiB > limit) continue;
    out.push(d);
    size += d.sizeGiB;
  }
  return out;
};
