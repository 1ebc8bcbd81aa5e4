import type { Account, Disk, Instance, Region, World } from '../../lib/spec/world.js';

/**
 * The generators' reading of which rules a world resource breaks when a request names it. Only rules
 * that depend on the resource alone; request-dependent ones (snapshot quota, instant-access region,
 * count and size limits) are decided where the request is built.
 */
export function accountFaults(account: Account): string[] {
  const out: string[] = [];
  if (!account.authorized) out.push('account.authorized');
  if (!account.balanceSufficient) out.push('account.balance');
  if (!account.snapshotServiceEnabled) out.push('account.snapshot-service');
  if (!account.whitelisted) out.push('account.whitelisted');
  return out;
}

export function regionFaults(region: Region | undefined): string[] {
  return region === undefined || region.snapshotGroupSupported ? [] : ['region.snapshot-group-supported'];
}

/** Faults of the instance itself (the InstanceId form, or the instance an In_use disk hangs on). */
export function instanceOwnFaults(instance: Instance): string[] {
  const out: string[] = [];
  if (instance.status !== 'Running' && instance.status !== 'Stopped') out.push('instance.status-usable');
  if (instance.lockedForSecurity) out.push('instance.not-locked');
  return out;
}

/** The page: "only for enhanced SSDs (ESSDs)". Entry/AutoPL variants are left out of valid requests. */
export const isPlainEssd = (disk: Disk): boolean => disk.category === 'cloud_essd';

export function diskOwnFaults(disk: Disk, account: Account): string[] {
  const out: string[] = [];
  if (!isPlainEssd(disk)) out.push('disk.category-essd');
  if (disk.status !== 'In_use' && disk.status !== 'Available') out.push('disk.status-usable');
  if (!disk.everAttached) out.push('disk.ever-attached');
  if (!disk.everUsed) out.push('disk.ever-used');
  if (disk.expired) out.push('disk.not-expired');
  if (disk.transferring) out.push('disk.not-transferring');
  if (disk.snapshotInProgress) out.push('disk.no-snapshot-in-progress');
  if (disk.unfinishedSnapshots >= account.quotas.unfinishedSnapshotsPerDisk) {
    out.push('disk.unfinished-snapshots-quota');
  }
  if (disk.statusInvalid) out.push('disk.status-valid');
  if (disk.multiAttach) out.push('disk.not-multi-attach');
  if (disk.encrypted && disk.kmsKeyState === 'Disabled') out.push('disk.kms-key-enabled');
  if (disk.encrypted && disk.kmsKeyState === 'Unauthorized') out.push('disk.kms-authorized');
  if (disk.encrypted && disk.kmsKeyState === 'NotTagged') out.push('disk.kms-key-tagged');
  return out;
}

/** Everything wrong with snapshotting this disk for its own account: region, account, instance, disk. */
export function diskFaults(world: World, disk: Disk): string[] {
  const account = world.accounts.find((a) => a.id === disk.account);
  if (account === undefined) return ['disk.exists'];
  const region = world.regions.find((r) => r.id === disk.region);
  const instance = disk.instance === null ? undefined : world.instances.find((i) => i.id === disk.instance);
  return unique([
    ...regionFaults(region),
    ...accountFaults(account),
    ...(instance === undefined ? [] : instanceOwnFaults(instance)),
    ...diskOwnFaults(disk, account),
  ]);
}

/** Faults of the instance form before its disks are looked at. */
export function instanceFaults(world: World, instance: Instance): string[] {
  const account = world.accounts.find((a) => a.id === instance.account);
  if (account === undefined) return ['instance.exists'];
  const region = world.regions.find((r) => r.id === instance.region);
  return unique([...regionFaults(region), ...accountFaults(account), ...instanceOwnFaults(instance)]);
}

const unique = (ids: string[]): string[] => [...new Set(ids)];
