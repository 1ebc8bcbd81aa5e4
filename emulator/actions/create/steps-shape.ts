import { apiError, invalidParameter, missingParameter } from '../../protocol/errors.js';
import type { CreateContext, CreateStep } from './context.js';
import { step } from './step.js';

/** The operation's scalar parameters (protocol.md section 1); anything else is ignored. */
export const SCALAR_PARAMETERS = [
  'RegionId',
  'InstanceId',
  'InstantAccess',
  'InstantAccessRetentionDays',
  'Name',
  'Description',
  'StorageLocationArn',
  'ResourceGroupId',
  'ClientToken',
  'OwnerId',
  'ResourceOwnerId',
  'ResourceOwnerAccount',
  'OwnerAccount',
] as const;

const INT64 = /^-?[0-9]{1,19}$/;

/** The tags a group may carry: the page's 20, or fewer when the account's quota says so. */
export const tagLimit = (ctx: CreateContext): number =>
  Math.min(ctx.limits.maxTags, ctx.account.quotas.tagsPerResource);

export const SHAPE_STEPS: readonly CreateStep[] = [
  step('params.single-valued', (ctx) => {
    const repeated = ctx.params.firstRepeated(SCALAR_PARAMETERS);
    return repeated === undefined ? undefined : invalidParameter(repeated, 'it is given more than once');
  }),
  step('params.integer-owner-ids', (ctx) => {
    for (const name of ['OwnerId', 'ResourceOwnerId']) {
      const value = ctx.params.value(name);
      if (value !== undefined && !INT64.test(value)) return invalidParameter(name, 'it must be an integer');
    }
    return undefined;
  }),
  // An empty required parameter counts as missing, as the gateway treats it.
  step('region.required', (ctx) => (ctx.params.value('RegionId') ? undefined : missingParameter('RegionId'))),
  step('lists.well-formed', (ctx) => {
    const disks = ctx.seams.parseList(ctx.params, 'DiskId');
    if (!disks.ok) return disks.error;
    const excluded = ctx.seams.parseList(ctx.params, 'ExcludeDiskId');
    if (!excluded.ok) return excluded.error;
    const tags = ctx.seams.parseList(ctx.params, 'Tag', ['Key', 'Value']);
    if (!tags.ok) return tags.error;
    ctx.diskIds = disks.entries;
    ctx.excludeDiskIds = excluded.entries;
    ctx.tags = tags.entries;
    return undefined;
  }),
  // Counts come before index bounds: with the page's limits, 17 disks can only be written with a
  // DiskId.17, and the page's answer to 17 disks is NumberExceed.TooManyDisks.
  step('disk-ids.max-count', (ctx) =>
    ctx.diskIds.length > ctx.limits.maxDisks ? apiError('NumberExceed.TooManyDisks') : undefined,
  ),
  step('tag.max-count', (ctx) =>
    ctx.tags.length > tagLimit(ctx)
      ? apiError(
          'QuotaExceed.Tags',
          `The number of specified tags exceeds the upper limit of ${tagLimit(ctx)}.`,
        )
      : undefined,
  ),
  step('lists.index-range', (ctx) => {
    const bounds: Array<[string, readonly { index: number }[], number]> = [
      ['DiskId', ctx.diskIds, ctx.limits.maxDiskIndex],
      ['ExcludeDiskId', ctx.excludeDiskIds, ctx.limits.maxDiskIndex],
      ['Tag', ctx.tags, ctx.limits.maxTags],
    ];
    for (const [name, entries, max] of bounds) {
      const over = entries.find((entry) => entry.index > max);
      if (over) return invalidParameter(`${name}.${over.index}`, `N must be from 1 to ${max}`);
    }
    return undefined;
  }),
  step('region.not-found', (ctx) => {
    ctx.region = ctx.state.world.regions.get(ctx.params.value('RegionId') ?? '');
    return ctx.region ? undefined : apiError('InvalidRegionId.NotFound');
  }),
  step('target.required', (ctx) =>
    ctx.params.value('InstanceId') === undefined && ctx.diskIds.length === 0
      ? apiError('MissingParamter.InstanceId')
      : undefined,
  ),
  step('disk-ids.exclude-conflict', (ctx) =>
    ctx.diskIds.length > 0 && ctx.excludeDiskIds.length > 0
      ? apiError('InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict')
      : undefined,
  ),
];
