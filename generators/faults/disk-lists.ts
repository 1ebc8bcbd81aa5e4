import fc from 'fast-check';
import type { Disk, Instance } from '../../lib/spec/world.js';
import { type Planner, shapePlan } from '../rules/plan.js';
import { disksTarget, instanceTarget, type Target } from '../valid/target.js';
import { subsetOf } from '../values/subsets.js';
import { targetShape as shape, signerZones, withAttributes } from './target-shape.js';

const conflict = (base: Target, keep: Disk, exclude: Disk): Target => ({
  ...base,
  diskIds: [keep.id],
  excludeIds: [exclude.id],
  disks: [keep.id],
});

/** Faults in how the DiskId.N list relates to InstanceId, ExcludeDiskId.N and zones. */
export const DISK_LIST_FAULTS: Record<string, Planner> = {
  'disk-ids.exclude-conflict': (ctx, rule) => {
    const options: Target[] = [];
    for (const { instance, healthy } of ctx.pools(ctx.signer.id).partInstances) {
      const [a, b] = healthy;
      if (a !== undefined && b !== undefined)
        options.push(conflict({ ...instanceTarget(ctx.index, instance), form: 'instance-disks' }, a, b));
    }
    for (const disks of signerZones(ctx)) {
      const [a, b] = disks;
      if (a !== undefined && b !== undefined) options.push(conflict(disksTarget([a]), a, b));
    }
    const what = (t: Target) =>
      `DiskId.1 with ExcludeDiskId.1${t.instanceId === undefined ? '' : ` and InstanceId`}`;
    const fixed = options.slice(0, 2).map((t) => shape(rule, t, {}, what(t)));
    const shapes =
      options.length === 0 ? undefined : withAttributes(ctx, rule, fc.constantFrom(...options), what);
    return shapePlan(
      ctx,
      fixed,
      shapes,
      `account '${ctx.signer.id}' has no zone or instance with two usable disks`,
    );
  },
  'disk-ids.same-zone': (ctx, rule) => {
    const zones = signerZones(ctx);
    const pairs: Array<[Disk[], Disk[]]> = [];
    for (const [i, a] of zones.entries()) {
      for (const b of zones.slice(i + 1)) if (a[0]?.region === b[0]?.region) pairs.push([a, b]);
    }
    const cross = (a: Disk[], b: Disk[]): Target => ({
      ...disksTarget([...a, ...b]),
      zone: `${a[0]?.zone}+${b[0]?.zone}`,
    });
    const fixed = pairs
      .slice(0, 1)
      .map(([a, b]) =>
        shape(rule, cross(a.slice(0, 1), b.slice(0, 1)), {}, 'DiskId.1 and DiskId.2 in different zones'),
      );
    const shapes =
      pairs.length === 0
        ? undefined
        : withAttributes(
            ctx,
            rule,
            fc
              .constantFrom(...pairs)
              .chain(([a, b]) =>
                fc
                  .tuple(subsetOf(a, 1, 2, true), subsetOf(b, 1, 2, true), fc.boolean())
                  .map(([x, y, swap]) => (swap ? cross(y, x) : cross(x, y))),
              ),
            () => 'disks of two zones',
          );
    return shapePlan(
      ctx,
      fixed,
      shapes,
      `account '${ctx.signer.id}' has no usable disks in two zones of one region`,
    );
  },
  'disk-ids.belong-to-instance': (ctx, rule) => {
    const options = ctx.pools(ctx.signer.id).partInstances.flatMap(({ instance, healthy }) => {
      const strangers = ctx.index
        .healthyDisks(ctx.signer.id)
        .filter((d) => d.zone === instance.zone && d.instance !== instance.id)
        .sort((x, y) => Number(y.instance !== null) - Number(x.instance !== null));
      return strangers.length === 0 ? [] : [{ instance, own: healthy, strangers }];
    });
    const named = (instance: Instance, disks: Disk[]): Target => ({
      ...instanceTarget(ctx.index, instance),
      form: 'instance-disks',
      diskIds: disks.map((d) => d.id),
      disks: disks.map((d) => d.id),
    });
    const fixed = options
      .slice(0, 1)
      .map(({ instance, strangers }) =>
        shape(
          rule,
          named(instance, strangers.slice(0, 1)),
          {},
          'InstanceId with DiskId.1 of another instance',
        ),
      );
    const shapes =
      options.length === 0
        ? undefined
        : withAttributes(
            ctx,
            rule,
            fc
              .constantFrom(...options)
              .chain(({ instance, own, strangers }) =>
                fc
                  .tuple(subsetOf(own, 0, 2), subsetOf(strangers, 1, 2, true))
                  .map(([mine, theirs]) => named(instance, [...mine, ...theirs])),
              ),
            () => 'InstanceId with a disk not attached to it',
          );
    return shapePlan(
      ctx,
      fixed,
      shapes,
      `account '${ctx.signer.id}' has no instance with a usable disk of another instance in its zone`,
    );
  },
};
