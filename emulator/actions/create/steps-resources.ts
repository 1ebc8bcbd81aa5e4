import type { Disk, Instance } from '../../../lib/spec/world.js';
import { apiError, invalidParameter } from '../../protocol/errors.js';
import type { ListEntry } from '../lists.js';
import type { CreateContext, CreateStep, StepOutcome } from './context.js';
import { firstFailing, step } from './step.js';

const resolveDisks = (ctx: CreateContext, entries: readonly ListEntry[], into: Disk[]): StepOutcome =>
  firstFailing(entries, (entry) => {
    const disk = ctx.state.world.disk(ctx.account.id, ctx.params.value('RegionId') ?? '', entry.value ?? '');
    if (!disk) return apiError('InvalidDiskId.NotFound');
    into.push(disk);
    return undefined;
  });

/** The instance named by InstanceId and the instances the selected disks are attached to. */
const involvedInstances = (ctx: CreateContext): Instance[] => {
  const found = new Map<string, Instance>();
  if (ctx.instance) found.set(ctx.instance.id, ctx.instance);
  for (const disk of ctx.selected) {
    const instance = disk.instance === null ? undefined : ctx.state.world.instanceById(disk.instance);
    if (instance) found.set(instance.id, instance);
  }
  return [...found.values()];
};

/** "the instance to which the cloud disk is attached must be in the Running or Stopped state". */
const USABLE_INSTANCE_STATUSES = new Set(['Running', 'Stopped']);

export const RESOURCE_STEPS: readonly CreateStep[] = [
  step('instance.exists', (ctx) => {
    const id = ctx.params.value('InstanceId');
    if (id === undefined) return undefined;
    ctx.instance = ctx.state.world.instance(ctx.account.id, ctx.params.value('RegionId') ?? '', id);
    return ctx.instance ? undefined : apiError('InvalidInstanceId.NotFound');
  }),
  step('disk.exists', (ctx) => {
    ctx.listedDisks = [];
    ctx.excludedDisks = [];
    return (
      resolveDisks(ctx, ctx.diskIds, ctx.listedDisks) ??
      resolveDisks(ctx, ctx.excludeDiskIds, ctx.excludedDisks)
    );
  }),
  // The page names no code for a DiskId.N (or ExcludeDiskId.N) not attached to the given instance.
  step('disk-ids.belong-to-instance', (ctx) => {
    const { instance } = ctx;
    if (!instance) return undefined;
    const stranger = [...ctx.listedDisks, ...ctx.excludedDisks].find((disk) => disk.instance !== instance.id);
    return stranger
      ? invalidParameter('DiskId', `disk ${stranger.id} is not attached to instance ${instance.id}`)
      : undefined;
  }),
  step('disks.select', (ctx) => {
    ctx.selected = ctx.seams.selectDisks(ctx);
    return undefined;
  }),
  step('instance.has-disks', (ctx) =>
    ctx.selected.length === 0 ? apiError('InvalidInstance.NoDisk') : undefined,
  ),
  // Again after selection: an instance may have more disks than a group may hold.
  step('disk-ids.max-count.selected', (ctx) =>
    ctx.selected.length > ctx.limits.maxDisks ? apiError('NumberExceed.TooManyDisks') : undefined,
  ),
  step('disk-ids.max-total-size', (ctx) => {
    const total = ctx.selected.reduce((sum, disk) => sum + disk.sizeGiB, 0);
    return total > ctx.limits.maxTotalSizeGiB ? apiError('CapacityExceed.TooManyDisks') : undefined;
  }),
  step('disk-ids.same-zone', (ctx) => {
    const zones = new Set(ctx.selected.map((disk) => disk.zone));
    return zones.size > 1 ? apiError('InvalidDiskIds.NotInSameZone') : undefined;
  }),
  step('instance.not-locked', (ctx) =>
    involvedInstances(ctx).some((instance) => instance.lockedForSecurity)
      ? apiError('InstanceLockedForSecurity')
      : undefined,
  ),
  step('instance.status-usable', (ctx) =>
    involvedInstances(ctx).some((instance) => !USABLE_INSTANCE_STATUSES.has(instance.status))
      ? apiError('IncorrectInstanceStatus')
      : undefined,
  ),
];

/** The default `selectDisks` seam: the listed disks, or the instance's disks less the excluded ones. */
export const selectDisks = (ctx: CreateContext): Disk[] => {
  if (ctx.diskIds.length > 0) return [...ctx.listedDisks];
  if (!ctx.instance) return [];
  const excluded = new Set(ctx.excludedDisks.map((disk) => disk.id));
  return ctx.state.world.attachedTo(ctx.instance.id).filter((disk) => !excluded.has(disk.id));
};
