/** A snapshot-consistent group as the emulator stores it. */
export interface StoredSnapshot {
  id: string;
  diskId: string;
  diskType: 'system' | 'data';
  instantAccess: boolean;
  /** Only when instant access is on and a retention was given. */
  instantAccessRetentionDays?: number;
}

export interface Tag {
  key: string;
  value: string;
}

export interface SnapshotGroup {
  id: string;
  /** Creation order; the cursor of DescribeSnapshotGroups' NextToken. */
  seq: number;
  accountId: string;
  regionId: string;
  instanceId?: string;
  name?: string;
  description?: string;
  resourceGroupId: string;
  tags: Tag[];
  snapshots: StoredSnapshot[];
  createdAt: number;
  /** Snapshots progress until then (equal to createdAt when snapshots are instant). */
  completesAt: number;
  /** The ClientToken it was created with, and the request it stands for (see the idempotency step). */
  clientToken?: { value: string; fingerprint: string };
}

export type GroupStatus = 'progressing' | 'accomplished';

export const groupStatus = (group: SnapshotGroup, nowMs: number): GroupStatus =>
  nowMs >= group.completesAt ? 'accomplished' : 'progressing';

/** "100%" when done, else the elapsed share of the duration, never 100% while progressing. */
export const groupProgress = (group: SnapshotGroup, nowMs: number): string => {
  if (nowMs >= group.completesAt) return '100%';
  const share = (nowMs - group.createdAt) / (group.completesAt - group.createdAt);
  return `${Math.min(99, Math.max(0, Math.floor(share * 100)))}%`;
};
