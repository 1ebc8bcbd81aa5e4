import type { Match, Precondition } from './catalogue.js';
import type { Account, Disk, Instance, Region, World } from './world.js';

/** Resources of a world that together meet a rule's precondition. */
export interface Candidate {
  account: Account;
  region: Region;
  instance?: Instance;
  disk?: Disk;
}

export type Selector = Record<string, Match>;

/**
 * Attributes that selectors may name although the world does not store them: computed here from the
 * world, so that a precondition such as "an instance with no disk" can be written as data.
 */
export const DERIVED_ATTRIBUTES = {
  account: [],
  region: [],
  /** diskCount: disks attached to it; allDisksUsable: every attached disk meets USABLE_DISK. */
  instance: ['diskCount', 'allDisksUsable'],
  /** atUnfinishedSnapshotQuota: unfinishedSnapshots >= the account's quotas.unfinishedSnapshotsPerDisk. */
  disk: ['atUnfinishedSnapshotQuota'],
} as const satisfies Record<'account' | 'region' | 'instance' | 'disk', readonly string[]>;

/** A disk snapshots can be taken of, as far as the disk itself goes (the catalogue's valid selector). */
export const USABLE_DISK: Selector = {
  category: 'cloud_essd',
  status: 'In_use',
  multiAttach: false,
  kmsKeyState: { in: [null, 'Enabled'] },
  everAttached: true,
  everUsed: true,
  expired: false,
  transferring: false,
  snapshotInProgress: false,
  atUnfinishedSnapshotQuota: false,
  statusInvalid: false,
};

/** Whether one attribute value passes a Match; a missing attribute reads as null. */
export function matchValue(actual: unknown, match: Match): boolean {
  const value = actual === undefined ? null : actual;
  if (match === null || typeof match !== 'object') return value === match;
  if ('not' in match) return value !== match.not;
  if ('in' in match) return match.in.some((candidate) => candidate === value);
  if ('gte' in match) return typeof value === 'number' && value >= match.gte;
  return typeof value === 'number' && value <= match.lte;
}

/** Whether a resource passes every test of the selector; keys may be dotted ("quotas.snapshots"). */
export function matches(resource: object, selector: Selector | undefined): boolean {
  if (selector === undefined) return true;
  return Object.entries(selector).every(([key, match]) => matchValue(attribute(resource, key), match));
}

function attribute(resource: object, key: string): unknown {
  let value: unknown = resource;
  for (const part of key.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

interface Derived {
  accounts: Map<string, Account>;
  regions: Map<string, Region>;
  instances: Map<string, Instance & { diskCount: number; allDisksUsable: boolean }>;
  disks: Array<Disk & { atUnfinishedSnapshotQuota: boolean }>;
}

const derivedCache = new WeakMap<World, Derived>();

function derive(world: World): Derived {
  const cached = derivedCache.get(world);
  if (cached !== undefined) return cached;
  const accounts = new Map(world.accounts.map((a) => [a.id, a]));
  const disks = world.disks.map((disk) => {
    const quota = accounts.get(disk.account)?.quotas.unfinishedSnapshotsPerDisk ?? Number.POSITIVE_INFINITY;
    return { ...disk, atUnfinishedSnapshotQuota: disk.unfinishedSnapshots >= quota };
  });
  const instances = new Map(
    world.instances.map((instance) => {
      const attached = disks.filter((d) => d.instance === instance.id);
      const allDisksUsable = attached.every((d) => matches(d, USABLE_DISK));
      return [instance.id, { ...instance, diskCount: attached.length, allDisksUsable }];
    }),
  );
  const result = { accounts, regions: new Map(world.regions.map((r) => [r.id, r])), instances, disks };
  derivedCache.set(world, result);
  return result;
}

/**
 * Every combination of world resources meeting the precondition, in world order: one per disk when it
 * selects disks (with the disk's instance, account and region), else one per instance, else one per
 * account and region. Derived attributes are present on the returned instance and disk objects.
 */
export function findResources(world: World, precondition: Precondition): Candidate[] {
  const { accounts, regions, instances, disks } = derive(world);
  const out: Candidate[] = [];
  const consider = (accountId: string, regionId: string, instance?: Instance, disk?: Disk): void => {
    const account = accounts.get(accountId);
    const region = regions.get(regionId);
    if (account === undefined || region === undefined) return;
    if (!matches(account, precondition.account) || !matches(region, precondition.region)) return;
    if (
      precondition.instance !== undefined &&
      (instance === undefined || !matches(instance, precondition.instance))
    ) {
      return;
    }
    out.push({
      account,
      region,
      ...(instance !== undefined && { instance }),
      ...(disk !== undefined && { disk }),
    });
  };
  if (precondition.disk !== undefined) {
    for (const disk of disks) {
      if (!matches(disk, precondition.disk)) continue;
      consider(
        disk.account,
        disk.region,
        disk.instance === null ? undefined : instances.get(disk.instance),
        disk,
      );
    }
  } else if (precondition.instance !== undefined) {
    for (const instance of instances.values()) consider(instance.account, instance.region, instance);
  } else {
    for (const account of world.accounts) for (const region of world.regions) consider(account.id, region.id);
  }
  return out;
}

/** Candidates grouped by where a single group may gather them: "account/region/zone" of the disk or instance. */
export function groupByZone(candidates: readonly Candidate[]): Map<string, Candidate[]> {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const zone = candidate.disk?.zone ?? candidate.instance?.zone;
    if (zone === undefined) continue;
    const key = `${candidate.account.id}/${candidate.region.id}/${zone}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  return groups;
}
