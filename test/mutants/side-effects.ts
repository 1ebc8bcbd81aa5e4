import {
  ApiError,
  type CreateContext,
  type CreateStep,
  type SnapshotGroup,
  type StepOutcome,
} from '../../emulator/index.js';
import type { Disk } from '../../lib/spec/world.js';
import { replacingStep, stepNamed } from './steps.js';
import type { Mutant } from './types.js';

/** The steps that turn InstanceId, DiskId.N and ExcludeDiskId.N into the disks a group would hold. */
const RESOLVING = ['instance.exists', 'disk.exists', 'disks.select'].map(stepNamed);

/**
 * The disks the request names, resolved on a copy of the context (the steps assign, never mutate, its
 * fields): a step that runs before the resources are resolved can still leave a group of them.
 */
function resolvedDisks(ctx: CreateContext): Disk[] {
  if (ctx.selected.length > 0) return ctx.selected;
  const scratch: CreateContext = { ...ctx };
  for (const step of RESOLVING) if (step.run(scratch) !== undefined) return [];
  return scratch.selected;
}

/** Stores a group of the disks, as a create that went through would have (snapshots done at once). */
function storeGroupOf(ctx: CreateContext, disks: readonly Disk[]): void {
  if (disks.length === 0) return;
  const group: SnapshotGroup = {
    id: ctx.seams.newSnapshotGroupId(),
    seq: ctx.state.nextSeq(),
    accountId: ctx.account.id,
    regionId: ctx.params.value('RegionId') ?? '',
    instanceId: ctx.params.value('InstanceId'),
    name: ctx.params.value('Name'),
    description: ctx.params.value('Description'),
    resourceGroupId: ctx.params.value('ResourceGroupId') ?? ctx.account.resourceGroups[0] ?? '',
    tags: ctx.tags.map((tag) => ({ key: tag.fields.Key ?? '', value: tag.fields.Value ?? '' })),
    snapshots: disks.map((disk) => ({
      id: ctx.seams.newSnapshotId(),
      diskId: disk.id,
      diskType: disk.type,
      instantAccess: false,
    })),
    createdAt: ctx.nowMs,
    completesAt: ctx.nowMs,
  };
  ctx.seams.storeGroup(ctx.state, group);
}

/**
 * The faithful step, except that when it refuses (and `when` holds) a group of `disks` is stored
 * first: the documented error is answered, and the group stays.
 */
const leavingGroup =
  (
    disks: (ctx: CreateContext) => readonly Disk[] = resolvedDisks,
    when: (refusal: ApiError) => boolean = () => true,
  ) =>
  (ctx: CreateContext, faithful: CreateStep): StepOutcome => {
    const outcome = faithful.run(ctx);
    if (outcome instanceof ApiError && when(outcome)) storeGroupOf(ctx, disks(ctx));
    return outcome;
  };

/** The selected disks that fit within the size limit, in order: what a create that stopped there made. */
const fittingDisks = (ctx: CreateContext): Disk[] => {
  const fitting: Disk[] = [];
  let total = 0;
  for (const disk of ctx.selected) {
    if (total + disk.sizeGiB > ctx.limits.maxTotalSizeGiB) break;
    total += disk.sizeGiB;
    fitting.push(disk);
  }
  return fitting;
};

/** Targets that validate after creating (issue 16): the documented error, and a group left behind. */
export const SIDE_EFFECT_MUTANTS: Mutant[] = [
  {
    id: 'state.no-side-effects.name-checked-after-create',
    family: 'side-effects',
    description: 'A bad Name is refused with its documented code, but only after the group was created.',
    seams: replacingStep('name.valid', leavingGroup()),
  },
  {
    id: 'state.no-side-effects.disk-state-refusal-leaves-group',
    family: 'side-effects',
    description:
      'A disk in an unusable state is refused (IncorrectDiskStatus), yet a group of the disks is stored.',
    seams: replacingStep('disk.status-usable', leavingGroup()),
  },
  {
    id: 'state.no-side-effects.idempotency-mismatch-leaves-group',
    family: 'side-effects',
    description:
      'A reused ClientToken with other parameters is refused (IdempotentParameterMismatch), and a second group is made anyway.',
    seams: replacingStep(
      'idempotency.client-token',
      leavingGroup(resolvedDisks, (refusal) => refusal.code === 'IdempotentParameterMismatch'),
    ),
  },
  {
    id: 'state.no-side-effects.tag-refusal-leaves-group',
    family: 'side-effects',
    description: 'A malformed tag key is refused (InvalidTagKey.Malformed) after the group was created.',
    seams: replacingStep('tag.key-valid', leavingGroup()),
  },
  {
    id: 'state.no-side-effects.too-many-disks-partial-group',
    family: 'side-effects',
    description:
      'Disks over 32 TiB in all are refused (CapacityExceed.TooManyDisks) once the disks that fit have their snapshots: a partial group stays.',
    seams: replacingStep('disk-ids.max-total-size', leavingGroup(fittingDisks)),
  },
  {
    id: 'state.no-side-effects.account-refusal-leaves-group',
    family: 'side-effects',
    description:
      'An account without enough balance is refused (InvalidAccountStatus.NotEnoughBalance) with its group already made.',
    seams: replacingStep('account.balance', leavingGroup()),
  },
];
