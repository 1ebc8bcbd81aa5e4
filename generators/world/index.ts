import type { Limits } from '../../lib/spec/catalogue.js';
import type { Account, Disk, Instance, Region, World } from '../../lib/spec/world.js';
import { diskFaults, instanceFaults } from './faults.js';

/** Lookups and the generators' fault reading of every resource, computed once per world. */
export interface WorldIndex {
  world: World;
  limits: Limits;
  account(id: string): Account | undefined;
  region(id: string): Region | undefined;
  instance(id: string): Instance | undefined;
  disk(id: string): Disk | undefined;
  /** Disks attached to the instance, in world order. */
  disksOf(instanceId: string): Disk[];
  faultsOfDisk(diskId: string): string[];
  faultsOfInstance(instanceId: string): string[];
  /** Disks without any fault. */
  healthyDisks(accountId: string): Disk[];
  /** Disks whose only fault is `rule` (any account: the case signs as the disk's owner). */
  disksBreakingOnly(rule: string): Disk[];
  /** Instances whose only own fault is `rule` and whose disks have no fault but possibly `rule`. */
  instancesBreakingOnly(rule: string): Instance[];
  /** Instances with no fault of their own (their disks may have faults). */
  soundInstances(accountId: string): Instance[];
}

export function indexWorld(world: World, limits: Limits): WorldIndex {
  const byId = <T extends { id: string }>(items: T[]): Map<string, T> => new Map(items.map((i) => [i.id, i]));
  const accounts = byId(world.accounts);
  const regions = byId(world.regions);
  const instances = byId(world.instances);
  const disks = byId(world.disks);
  const attached = new Map<string, Disk[]>();
  for (const disk of world.disks) {
    if (disk.instance === null) continue;
    attached.set(disk.instance, [...(attached.get(disk.instance) ?? []), disk]);
  }
  const diskFaultMap = new Map(world.disks.map((d) => [d.id, diskFaults(world, d)]));
  const instanceFaultMap = new Map(world.instances.map((i) => [i.id, instanceFaults(world, i)]));
  const faultsOfDisk = (id: string): string[] => diskFaultMap.get(id) ?? ['disk.exists'];
  const faultsOfInstance = (id: string): string[] => instanceFaultMap.get(id) ?? ['instance.exists'];
  const only = (faults: string[], rule: string): boolean => faults.length === 1 && faults[0] === rule;
  const disksOf = (instanceId: string): Disk[] => attached.get(instanceId) ?? [];

  return {
    world,
    limits,
    account: (id) => accounts.get(id),
    region: (id) => regions.get(id),
    instance: (id) => instances.get(id),
    disk: (id) => disks.get(id),
    disksOf,
    faultsOfDisk,
    faultsOfInstance,
    healthyDisks: (accountId) =>
      world.disks.filter((d) => d.account === accountId && faultsOfDisk(d.id).length === 0),
    disksBreakingOnly: (rule) => world.disks.filter((d) => only(faultsOfDisk(d.id), rule)),
    instancesBreakingOnly: (rule) =>
      world.instances.filter(
        (i) =>
          only(faultsOfInstance(i.id), rule) &&
          disksOf(i.id).length > 0 &&
          disksOf(i.id).every((d) => faultsOfDisk(d.id).every((f) => f === rule)),
      ),
    soundInstances: (accountId) =>
      world.instances.filter((i) => i.account === accountId && faultsOfInstance(i.id).length === 0),
  };
}

export const totalSize = (disks: readonly Disk[]): number => disks.reduce((sum, d) => sum + d.sizeGiB, 0);

/** Within the profile's count and size limits. */
export const withinLimits = (disks: readonly Disk[], limits: Limits): boolean =>
  disks.length >= 1 && disks.length <= limits.maxDisks && totalSize(disks) <= limits.maxTotalSizeGiB;

/** Groups disks by zone, zones in first-seen order. */
export function byZone(disks: readonly Disk[]): Map<string, Disk[]> {
  const out = new Map<string, Disk[]>();
  for (const d of disks) out.set(d.zone, [...(out.get(d.zone) ?? []), d]);
  return out;
}
