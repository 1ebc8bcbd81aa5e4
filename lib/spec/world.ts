/**
 * The world manifest: what exists on a target. The emulator is seeded from it; generators pick
 * resources from it. JSON Schema: spec/world.schema.json (kept in step with these types by a test).
 */
export type DiskCategory =
  | 'cloud'
  | 'cloud_efficiency'
  | 'cloud_ssd'
  | 'cloud_essd'
  | 'cloud_auto'
  | 'cloud_essd_entry'
  | 'elastic_ephemeral_disk';
export type DiskStatus = 'In_use' | 'Available' | 'Attaching' | 'Detaching' | 'Creating' | 'ReIniting';
export type InstanceStatus = 'Pending' | 'Running' | 'Starting' | 'Stopping' | 'Stopped';
/** State of the KMS key of an encrypted disk. */
export type KmsKeyState = 'Enabled' | 'Disabled' | 'Unauthorized' | 'NotTagged';

export interface Account {
  id: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Numeric account id (OwnerId). */
  ownerId: number;
  balanceSufficient: boolean;
  snapshotServiceEnabled: boolean;
  /** On the whitelist for snapshot-consistent groups. */
  whitelisted: boolean;
  /** Whether the account may perform the operation at all (RAM). */
  authorized: boolean;
  quotas: {
    /** Snapshots the account may still hold in all. */
    snapshots: number;
    /** Tags a single resource may carry. */
    tagsPerResource: number;
    /** Unfinished (ordinary) snapshots one disk may have at once. */
    unfinishedSnapshotsPerDisk: number;
  };
  resourceGroups: string[];
}

export interface Region {
  id: string;
  snapshotGroupSupported: boolean;
  instantAccessSupported: boolean;
  zones: string[];
}

export interface Instance {
  id: string;
  account: string;
  region: string;
  zone: string;
  status: InstanceStatus;
  lockedForSecurity: boolean;
}

export interface Disk {
  id: string;
  account: string;
  region: string;
  zone: string;
  category: DiskCategory;
  sizeGiB: number;
  type: 'system' | 'data';
  status: DiskStatus;
  /** The instance it is attached to, or null when unattached. */
  instance: string | null;
  multiAttach: boolean;
  encrypted: boolean;
  kmsKeyState?: KmsKeyState;
  everAttached: boolean;
  everUsed: boolean;
  /** Expired for overdue payment. */
  expired: boolean;
  transferring: boolean;
  /** A snapshot-group creation on it is in process (started outside this run). */
  snapshotInProgress: boolean;
  /** Ordinary snapshots of it not yet finished; at the account's quota, no more may start. */
  unfinishedSnapshots: number;
  /** Disk state that only a restart of its instance clears. */
  statusInvalid: boolean;
}

export interface World {
  name: string;
  description?: string;
  accounts: Account[];
  regions: Region[];
  instances: Instance[];
  disks: Disk[];
}
