import type { Account, Disk, Instance, World } from '../../lib/spec/world.js';
import { healthyDisk } from '../helpers/disk.js';

/** A small world for the emulator's own tests: one good account, one resource per fault. */
export const REGION = 'cn-hangzhou';
export const ZONE = 'cn-hangzhou-h';
export const OTHER_ZONE = 'cn-hangzhou-i';

const account = (id: string, overrides: Partial<Account> = {}): Account => ({
  id,
  accessKeyId: `AK-${id}`,
  accessKeySecret: `secret-${id}`,
  ownerId: 1_000_000 + id.length,
  balanceSufficient: true,
  snapshotServiceEnabled: true,
  whitelisted: true,
  authorized: true,
  quotas: { snapshots: 10_000, tagsPerResource: 20, unfinishedSnapshotsPerDisk: 3 },
  resourceGroups: ['rg-main1', 'rg-main2'],
  ...overrides,
});

const instance = (id: string, overrides: Partial<Instance> = {}): Instance => ({
  id,
  account: 'main',
  region: REGION,
  zone: ZONE,
  status: 'Running',
  lockedForSecurity: false,
  ...overrides,
});

/** A usable ESSD: in use on i-run unless overridden. */
export const disk = (id: string, overrides: Partial<Disk> = {}): Disk =>
  healthyDisk({ id, account: 'main', region: REGION, zone: ZONE, instance: 'i-run' }, overrides);

const detached = (id: string, overrides: Partial<Disk> = {}): Disk =>
  disk(id, { status: 'Available', instance: null, ...overrides });

/** 17 small detached disks for the count rule, 9 big ones for the capacity rule. */
const many = (prefix: string, count: number, sizeGiB: number): Disk[] =>
  Array.from({ length: count }, (_, i) => detached(`${prefix}${i + 1}`, { sizeGiB }));

export const testWorld = (): World => ({
  name: 'emulator-test',
  accounts: [
    account('main'),
    account('other'),
    account('unauthorized', { authorized: false }),
    account('not-whitelisted', { whitelisted: false }),
    account('no-service', { snapshotServiceEnabled: false }),
    account('broke', { balanceSufficient: false }),
    account('tight', { quotas: { snapshots: 2, tagsPerResource: 5, unfinishedSnapshotsPerDisk: 3 } }),
  ],
  regions: [
    { id: REGION, snapshotGroupSupported: true, instantAccessSupported: true, zones: [ZONE, OTHER_ZONE] },
    {
      id: 'cn-nogroups',
      snapshotGroupSupported: false,
      instantAccessSupported: true,
      zones: ['cn-nogroups-a'],
    },
    { id: 'cn-noia', snapshotGroupSupported: true, instantAccessSupported: false, zones: ['cn-noia-a'] },
  ],
  instances: [
    instance('i-run'),
    instance('i-stopped', { status: 'Stopped' }),
    instance('i-pending', { status: 'Pending' }),
    instance('i-locked', { lockedForSecurity: true }),
    instance('i-empty'),
    instance('i-multi'),
    instance('i-other', { account: 'other' }),
    instance('i-tight', { account: 'tight' }),
  ],
  disks: [
    disk('d-sys', { type: 'system' }),
    disk('d-data1'),
    disk('d-data2'),
    disk('d-stopped', { instance: 'i-stopped' }),
    disk('d-pending', { instance: 'i-pending' }),
    disk('d-locked', { instance: 'i-locked' }),
    disk('d-ma', { instance: 'i-multi', multiAttach: true }),
    disk('d-mok', { instance: 'i-multi' }),
    detached('d-avail'),
    detached('d-avail2'),
    detached('d-zone-i', { zone: OTHER_ZONE }),
    detached('d-efficiency', { category: 'cloud_efficiency' }),
    detached('d-attaching', { status: 'Attaching' }),
    detached('d-never-attached', { everAttached: false }),
    detached('d-never-used', { everUsed: false }),
    detached('d-expired', { expired: true }),
    detached('d-transferring', { transferring: true }),
    detached('d-busy', { snapshotInProgress: true }),
    detached('d-unfinished', { unfinishedSnapshots: 3 }),
    detached('d-invalid', { statusInvalid: true }),
    detached('d-kms-disabled', { encrypted: true, kmsKeyState: 'Disabled' }),
    detached('d-kms-unauthorized', { encrypted: true, kmsKeyState: 'Unauthorized' }),
    detached('d-kms-untagged', { encrypted: true, kmsKeyState: 'NotTagged' }),
    detached('d-kms-ok', { encrypted: true, kmsKeyState: 'Enabled' }),
    detached('d-other', { account: 'other' }),
    disk('d-tight1', { account: 'tight', instance: 'i-tight' }),
    disk('d-tight2', { account: 'tight', instance: 'i-tight' }),
    disk('d-tight3', { account: 'tight', instance: 'i-tight' }),
    ...many('d-s', 17, 20),
    ...many('d-big', 9, 4096),
  ],
});

export const keysOf = (world: World, accountId: string): { accessKeyId: string; accessKeySecret: string } => {
  const found = world.accounts.find((a) => a.id === accountId);
  if (!found) throw new Error(`no account ${accountId} in the test world`);
  return { accessKeyId: found.accessKeyId, accessKeySecret: found.accessKeySecret };
};
