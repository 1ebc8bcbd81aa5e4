import fc from 'fast-check';
import type { Limits } from '../../lib/spec/catalogue.js';
import type { Disk } from '../../lib/spec/world.js';
import { subsetOf } from '../values/subsets.js';
import type { WorldIndex } from '../world/index.js';
import type { ValidPools } from './pools.js';
import { disksTarget, instanceDisksTarget, instanceTarget, type Target, type TargetForm } from './target.js';

export interface TargetConstraints {
  /** Forms to draw from; default all the world allows. */
  forms?: readonly TargetForm[];
  /** Most disks a drawn DiskId.N list holds; default 3, so that successes spare the snapshot quota. */
  maxPick?: number;
  /** Most disks a success may snapshot (the account's remaining snapshot quota). */
  maxSnapshots?: number;
  /** Only regions passing this test (e.g. those accepting InstantAccess=true). */
  region?: (regionId: string) => boolean;
}

const ALL_FORMS: readonly TargetForm[] = ['disks', 'instance', 'instance-disks', 'exclude'];

/**
 * Valid targets for one account; undefined when the world offers none of the asked forms. Sizes are
 * kept within limits by maps (longest fitting prefix), never by filters, which could spin forever.
 */
export function targetArbitrary(
  index: WorldIndex,
  pools: ValidPools,
  constraints: TargetConstraints = {},
): fc.Arbitrary<Target> | undefined {
  const forms = constraints.forms ?? ALL_FORMS;
  const cap: Limits = {
    ...index.limits,
    maxDisks: Math.min(index.limits.maxDisks, constraints.maxSnapshots ?? Number.POSITIVE_INFINITY),
  };
  if (cap.maxDisks < 1) return undefined;
  const maxPick = Math.min(constraints.maxPick ?? 3, cap.maxDisks);
  const inRegion = (regionId: string): boolean => constraints.region?.(regionId) ?? true;
  const small = (d: Disk): boolean => d.sizeGiB <= cap.maxTotalSizeGiB;
  const options: Array<fc.Arbitrary<Target>> = [];

  const zones = pools.zones
    .map(({ zone, disks }) => ({ zone, disks: disks.filter((d) => small(d) && inRegion(d.region)) }))
    .filter(({ disks }) => disks.length > 0);
  if (forms.includes('disks') && zones.length > 0) {
    options.push(
      fc
        .constantFrom(...zones)
        .chain(({ disks }) => subsetOf(disks, 1, maxPick, true))
        .map((disks) => disksTarget(fitting(disks, cap))),
    );
  }
  const whole = pools.wholeInstances.filter(
    (i) => inRegion(i.region) && index.disksOf(i.id).length <= cap.maxDisks,
  );
  if (forms.includes('instance') && whole.length > 0) {
    options.push(fc.constantFrom(...whole).map((i) => instanceTarget(index, i)));
  }
  const parts = pools.partInstances
    .map(({ instance, healthy }) => ({ instance, healthy: healthy.filter(small) }))
    .filter(({ instance, healthy }) => inRegion(instance.region) && healthy.length > 0);
  if (forms.includes('instance-disks') && parts.length > 0) {
    options.push(
      fc
        .constantFrom(...parts)
        .chain(({ instance, healthy }) =>
          subsetOf(healthy, 1, maxPick, true).map((disks) =>
            instanceDisksTarget(instance, fitting(disks, cap)),
          ),
        ),
    );
  }
  const excludes = pools.excludeInstances.filter(
    ({ instance, healthy }) => inRegion(instance.region) && healthy.some(small),
  );
  if (forms.includes('exclude') && excludes.length > 0) {
    options.push(
      fc.constantFrom(...excludes).chain(({ instance, healthy, mustExclude }) =>
        subsetOf(healthy, mustExclude.length > 0 ? 0 : 1, healthy.length - 1).map((drawn) => {
          const kept = fitting(
            healthy.filter((d) => !drawn.includes(d)),
            cap,
          );
          const excluded = [...mustExclude, ...healthy.filter((d) => !kept.includes(d))];
          return instanceTarget(index, instance, excluded);
        }),
      ),
    );
  }
  // Cross-shrinking: a failing case's target shrinks toward the first form (a DiskId.N list), not only
  // within the form it was drawn in, so that a counterexample ends as small as a request can be.
  return options.length === 0 ? undefined : fc.oneof({ withCrossShrink: true }, ...options);
}

/** The longest prefix within the count and size limits (at least the first disk, which fits alone). */
export function fitting(disks: readonly Disk[], limits: Limits): Disk[] {
  const out: Disk[] = [];
  let size = 0;
  for (const disk of disks) {
    if (out.length >= limits.maxDisks || size + disk.sizeGiB > limits.maxTotalSizeGiB) break;
    out.push(disk);
    size += disk.sizeGiB;
  }
  return out.length === 0 && disks[0] !== undefined ? [disks[0]] : out;
}
