import type { BodyValue } from '../protocol/xml.js';
import { groupProgress, groupStatus, type SnapshotGroup, type Tag } from '../state/group.js';

/** ECS writes times as `yyyy-MM-ddTHH:mm:ssZ`. */
export const formatTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const tagsView = (tags: readonly Tag[]): BodyValue => ({
  Tag: tags.map((tag) => ({ Key: tag.key, Value: tag.value })),
});

/** One group as DescribeSnapshotGroups shows it (protocol.md section 5). */
export const groupView = (group: SnapshotGroup, nowMs: number): Record<string, BodyValue> => {
  const status = groupStatus(group, nowMs);
  const progress = groupProgress(group, nowMs);
  return {
    SnapshotGroupId: group.id,
    Name: group.name ?? '',
    Description: group.description ?? '',
    InstanceId: group.instanceId ?? '',
    CreationTime: formatTime(group.createdAt),
    Status: status,
    ProgressStatus: '',
    ResourceGroupId: group.resourceGroupId,
    Tags: tagsView(group.tags),
    Snapshots: {
      Snapshot: group.snapshots.map((snapshot) => ({
        SnapshotId: snapshot.id,
        SourceDiskId: snapshot.diskId,
        SourceDiskType: snapshot.diskType,
        Progress: progress,
        Available: status === 'accomplished',
        InstantAccess: snapshot.instantAccess,
        InstantAccessRetentionDays: snapshot.instantAccessRetentionDays,
        Tags: tagsView(group.tags),
      })),
    },
  };
};
