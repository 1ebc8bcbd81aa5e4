import type { Disk, Instance } from '../../lib/spec/world.js';
import { byZone, type WorldIndex, withinLimits } from '../world/index.js';

/**
 * The resources valid requests may use for one signing account: what meets every precondition, in
 * world order (determinism), within the profile's limits.
 */
export interface ValidPools {
  /** Healthy disks by zone. */
  zones: Array<{ zone: string; disks: Disk[] }>;
  /** Instances whose every disk is healthy: the InstanceId form. */
  wholeInstances: Instance[];
  /** Sound instances with at least one healthy disk: InstanceId + DiskId.N. */
  partInstances: Array<{ instance: Instance; healthy: Disk[] }>;
  /** Sound instances where ExcludeDiskId.N can leave only healthy disks (multi-attach must be excluded). */
  excludeInstances: Array<{ instance: Instance; healthy: Disk[]; mustExclude: Disk[] }>;
}

const EXCLUDABLE = new Set(['disk.not-multi-attach']);

export function validPools(index: WorldIndex, accountId: string): ValidPools {
  const healthy = index.healthyDisks(accountId);
  const zones = [...byZone(healthy)].map(([zone, disks]) => ({ zone, disks }));
  const wholeInstances: Instance[] = [];
  const partInstances: ValidPools['partInstances'] = [];
  const excludeInstances: ValidPools['excludeInstances'] = [];
  for (const instance of index.soundInstances(accountId)) {
    const disks = index.disksOf(instance.id);
    const good = disks.filter((d) => index.faultsOfDisk(d.id).length === 0);
    const excludable = disks.filter((d) => {
      const faults = index.faultsOfDisk(d.id);
      return faults.length > 0 && faults.every((f) => EXCLUDABLE.has(f));
    });
    if (good.length === 0) continue;
    partInstances.push({ instance, healthy: good });
    if (good.length === disks.length && withinLimits(disks, index.limits)) wholeInstances.push(instance);
    const onlyGoodOrExcludable = good.length + excludable.length === disks.length;
    if (onlyGoodOrExcludable && (excludable.length > 0 || good.length >= 2)) {
      excludeInstances.push({ instance, healthy: good, mustExclude: excludable });
    }
  }
  return { zones, wholeInstances, partInstances, excludeInstances };
}
