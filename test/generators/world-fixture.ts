import type { Account, Disk, World } from '../../lib/spec/world.js';
import { healthyDisk } from '../helpers/disk.js';

/** An account in good standing. */
export const goodAccount = (id: string, overrides: Partial<Account> = {}): Account => ({
  id,
  accessKeyId: `LTAI-${id}`,
  accessKeySecret: `test-secret-of-${id}`,
  ownerId: 1,
  balanceSufficient: true,
  snapshotServiceEnabled: true,
  whitelisted: true,
  authorized: true,
  quotas: { snapshots: 1000, tagsPerResource: 20, unfinishedSnapshotsPerDisk: 3 },
  resourceGroups: [`rg-${id}`],
  ...overrides,
});

/** A usable ESSD attached to `instance`. */
export const usableDisk = (id: string, instance: string | null, overrides: Partial<Disk> = {}): Disk =>
  healthyDisk({ id, account: 'acct-small', region: 'xx-small', zone: 'xx-small-a', instance }, overrides);

/**
 * A deliberately poor world: one account, one region without instant access, one instance with one
 * usable disk. Most fault rules and the multi-disk rules cannot be reached in it.
 */
export const smallWorld = (): World => ({
  name: 'small',
  accounts: [goodAccount('acct-small')],
  regions: [
    { id: 'xx-small', snapshotGroupSupported: true, instantAccessSupported: false, zones: ['xx-small-a'] },
  ],
  instances: [
    {
      id: 'i-small1',
      account: 'acct-small',
      region: 'xx-small',
      zone: 'xx-small-a',
      status: 'Running',
      lockedForSecurity: false,
    },
  ],
  disks: [usableDisk('d-small1', 'i-small1', { type: 'system' })],
});
