import { apiError, invalidParameter, missingParameter } from '../protocol/errors.js';
import { type ActionHandler, failed } from './result.js';

/**
 * DeleteSnapshotGroup: frees the group's snapshot quota. A group of another account or region is
 * "not found" (InvalidSnapshotGroupId.NotFound, 404: the page of this operation is not ours to quote).
 */
export const deleteSnapshotGroup: ActionHandler = (env, { account, params }) => {
  const repeated = params.firstRepeated(['RegionId', 'SnapshotGroupId']);
  if (repeated !== undefined) return failed(invalidParameter(repeated, 'it is given more than once'));
  const regionId = params.value('RegionId');
  if (!regionId) return failed(missingParameter('RegionId'));
  const groupId = params.value('SnapshotGroupId');
  if (!groupId) return failed(missingParameter('SnapshotGroupId'));
  if (!env.state.world.regions.has(regionId)) return failed(apiError('InvalidRegionId.NotFound'));
  const group = env.state.group(groupId);
  if (!group || group.accountId !== account.id || group.regionId !== regionId) {
    return failed(apiError('InvalidSnapshotGroupId.NotFound'));
  }
  env.seams.removeGroup(env.state, group.id);
  return {
    kind: 'success',
    fields: {
      OperationProgressSet: {
        OperationProgress: group.snapshots.map((snapshot) => ({
          OperationStatus: 'Success',
          RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: snapshot.id }] },
        })),
      },
    },
  };
};
