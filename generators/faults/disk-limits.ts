import fc from 'fast-check';
import type { Disk } from '../../lib/spec/world.js';
import type { GenContext } from '../context.js';
import { type Planner, shapePlan } from '../rules/plan.js';
import { disksTarget, instanceTarget } from '../valid/target.js';
import { subsetOf } from '../values/subsets.js';
import { totalSize } from '../world/index.js';
import { disksJustOver } from '../world/subset-sum.js';
import { targetShape as shape, signerZones, usableInstances, withAttributes } from './target-shape.js';

const quota = (ctx: GenContext): number => ctx.signer.quotas.snapshots;

/** The profile's count and size limits of one group, probed just past them. */
export const DISK_LIMIT_FAULTS: Record<string, Planner> = {
  'disk-ids.max-count': (ctx, rule) => {
    const over = ctx.limits.maxDisks + 1;
    // Any subset of the smallest disks that fit the size limit together stays within it.
    const pools = signerZones(ctx)
      .map((disks) => smallestWithin([...disks], ctx.limits.maxTotalSizeGiB))
      .filter((pool) => pool.length >= over && over <= quota(ctx));
    const instances = usableInstances(ctx).filter(
      (i) =>
        ctx.index.disksOf(i.id).length >= over &&
        totalSize(ctx.index.disksOf(i.id)) <= ctx.limits.maxTotalSizeGiB,
    );
    const fixed = [
      ...instances
        .slice(0, 1)
        .map((i) =>
          shape(rule, instanceTarget(ctx.index, i), {}, `InstanceId with ${over}+ disks`, 'boundary'),
        ),
      ...pools
        .slice(0, 1)
        .map((pool) =>
          shape(rule, disksTarget(pool.slice(0, over)), {}, `${over} disks (maxDisks + 1)`, 'boundary'),
        ),
    ];
    const shapes =
      pools.length === 0
        ? undefined
        : withAttributes(
            ctx,
            rule,
            fc
              .constantFrom(...pools)
              .chain((pool) => subsetOf(pool, over, quota(ctx), true).map(disksTarget)),
            (t) => `${t.disks.length} disks`,
          );
    return shapePlan(
      ctx,
      fixed,
      shapes,
      `no zone of account '${ctx.signer.id}' has ${over} usable disks totalling at most ${ctx.limits.maxTotalSizeGiB} GiB`,
    );
  },
  'disk-ids.max-total-size': (ctx, rule) => {
    const limit = ctx.limits.maxTotalSizeGiB;
    const maxCount = Math.min(ctx.limits.maxDisks, quota(ctx));
    const sets = signerZones(ctx)
      .map((disks) => ({ disks, over: disksJustOver(disks, limit, maxCount) }))
      .filter((z): z is { disks: Disk[]; over: Disk[] } => z.over !== undefined);
    const instances = usableInstances(ctx).filter(
      (i) => ctx.index.disksOf(i.id).length <= maxCount && totalSize(ctx.index.disksOf(i.id)) > limit,
    );
    const fixed = [
      ...sets
        .slice(0, 1)
        .map(({ over }) =>
          shape(
            rule,
            disksTarget(over),
            {},
            `${totalSize(over)} GiB in all (just over ${limit})`,
            'boundary',
          ),
        ),
      ...instances
        .slice(0, 1)
        .map((i) => shape(rule, instanceTarget(ctx.index, i), {}, `InstanceId with more than ${limit} GiB`)),
    ];
    const shapes =
      sets.length === 0
        ? undefined
        : withAttributes(
            ctx,
            rule,
            fc.constantFrom(...sets).chain(({ disks, over }) =>
              fc
                .tuple(
                  subsetOf(
                    disks.filter((d) => !over.includes(d)),
                    0,
                    maxCount - over.length,
                  ),
                  fc.nat(),
                )
                .map(([extra, turn]) => {
                  const all = [...over, ...extra];
                  const start = turn % all.length;
                  return disksTarget([...all.slice(start), ...all.slice(0, start)]);
                }),
            ),
            (t) => `${t.disks.length} disks over ${limit} GiB`,
          );
    return shapePlan(
      ctx,
      fixed,
      shapes,
      `no zone of account '${ctx.signer.id}' has at most ${maxCount} usable disks over ${limit} GiB`,
    );
  },
};

/** The smallest disks, in world order, as many as fit under the size limit together. */
function smallestWithin(disks: Disk[], limit: number): Disk[] {
  const bySize = [...disks].sort((a, b) => a.sizeGiB - b.sizeGiB);
  const out: Disk[] = [];
  let size = 0;
  for (const d of bySize) {
    if (size + d.sizeGiB > limit) break;
    out.push(d);
    size += d.sizeGiB;
  }
  return disks.filter((d) => out.includes(d));
}
