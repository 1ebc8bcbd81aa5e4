import { apiError, invalidParameter } from '../../protocol/errors.js';
import type { CreateStep } from './context.js';
import { step } from './step.js';

export const ACCOUNT_STEPS: readonly CreateStep[] = [
  step('account.authorized', (ctx) =>
    ctx.account.authorized ? undefined : apiError('InvalidOperation.Unauthorized'),
  ),
  step('region.snapshot-group-supported', (ctx) =>
    ctx.region?.snapshotGroupSupported === false ? apiError('InvalidRegion.NotSupport') : undefined,
  ),
  step('account.whitelisted', (ctx) =>
    ctx.account.whitelisted ? undefined : apiError('UserNotInTheWhiteList'),
  ),
  step('account.snapshot-service', (ctx) =>
    ctx.account.snapshotServiceEnabled
      ? undefined
      : apiError('InvalidAccountStatus.SnapshotServiceUnavailable'),
  ),
  step('account.balance', (ctx) =>
    ctx.account.balanceSufficient ? undefined : apiError('InvalidAccountStatus.NotEnoughBalance'),
  ),
  step('region.instant-access-supported', (ctx) =>
    ctx.instantAccess && ctx.region?.instantAccessSupported === false
      ? apiError('InvalidRegion.NotSupportSnapshotInstantAccessRegion')
      : undefined,
  ),
  // An empty ResourceGroupId is a value like any other: it names no resource group.
  step('resource-group.exists', (ctx) => {
    const group = ctx.params.value('ResourceGroupId');
    return group === undefined || ctx.account.resourceGroups.includes(group)
      ? undefined
      : invalidParameter('ResourceGroupId', 'no such resource group in this account');
  }),
];
