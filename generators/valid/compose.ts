import type { ExpectedGroup } from '../../lib/cases.js';
import type { CreateSnapshotGroupInput } from '../../lib/client/serialise.js';
import type { Attributes } from './attributes.js';
import type { Target } from './target.js';

/** The typed request in the page's parameter order (serialise keeps key order, so this is the wire order). */
export function buildInput(target: Target, attributes: Attributes): CreateSnapshotGroupInput {
  const input: CreateSnapshotGroupInput = { RegionId: target.region };
  if (target.instanceId !== undefined) input.InstanceId = target.instanceId;
  if (attributes.InstantAccess !== undefined) input.InstantAccess = attributes.InstantAccess;
  if (attributes.InstantAccessRetentionDays !== undefined) {
    input.InstantAccessRetentionDays = attributes.InstantAccessRetentionDays;
  }
  if (attributes.Name !== undefined) input.Name = attributes.Name;
  if (attributes.Description !== undefined) input.Description = attributes.Description;
  if (target.excludeIds !== undefined) input.ExcludeDiskId = [...target.excludeIds];
  if (target.diskIds !== undefined) input.DiskId = [...target.diskIds];
  if (attributes.Tag !== undefined) input.Tag = attributes.Tag.map((t) => ({ ...t }));
  if (attributes.ResourceGroupId !== undefined) input.ResourceGroupId = attributes.ResourceGroupId;
  if (attributes.ClientToken !== undefined) input.ClientToken = attributes.ClientToken;
  return input;
}

/** What DescribeSnapshotGroups must show after the request succeeds. */
export function expectGroupOf(target: Target, attributes: Attributes): ExpectedGroup {
  const group: ExpectedGroup = {
    regionId: target.region,
    disks: [...target.disks],
    tags: [],
    instantAccess: false,
  };
  if (target.instanceId !== undefined) group.instanceId = target.instanceId;
  if (attributes.Name !== undefined) group.name = attributes.Name;
  if (attributes.Description !== undefined) group.description = attributes.Description;
  group.tags = (attributes.Tag ?? []).map((t) => ({ key: t.Key ?? '', value: t.Value ?? '' }));
  if (attributes.ResourceGroupId !== undefined) group.resourceGroupId = attributes.ResourceGroupId;
  group.instantAccess = attributes.InstantAccess === true;
  if (group.instantAccess && attributes.InstantAccessRetentionDays !== undefined) {
    group.instantAccessRetentionDays = attributes.InstantAccessRetentionDays;
  }
  return group;
}
