import { type CreateContext, type ListEntry, ParamBag } from '../../emulator/index.js';
import { replacingStep } from './steps.js';
import type { Mutant } from './types.js';

/**
 * A ClientToken record that compares a narrower view of the request: the faithful step judges (and
 * remembers) `view(ctx)`, so a reused token that differs only in what the view hides replays the first
 * group instead of answering IdempotentParameterMismatch.
 */
function comparing(id: string, description: string, view: (ctx: CreateContext) => CreateContext): Mutant {
  return {
    id: `idempotency.mismatch-${id}`,
    family: 'idempotency',
    description,
    seams: replacingStep('idempotency.client-token', (ctx, faithful) => {
      const seen = view(ctx);
      const outcome = faithful.run(seen);
      // What the record keeps for the next use of the token is the narrowed fingerprint too.
      ctx.fingerprint = seen.fingerprint;
      return outcome;
    }),
  };
}

const withoutParams = (ctx: CreateContext, drop: (name: string) => boolean): CreateContext => ({
  ...ctx,
  params: new ParamBag(ctx.params.list.filter(([name]) => !drop(name))),
});

const withTags = (ctx: CreateContext, tags: ListEntry[]): CreateContext => ({ ...ctx, tags });

/** The disks an InstanceId-form request names, resolved as the DiskId form would name them. */
function namedDisks(ctx: CreateContext): ListEntry[] {
  const instanceId = ctx.params.value('InstanceId');
  if (instanceId === undefined || ctx.diskIds.length > 0) return ctx.diskIds;
  const excluded = new Set(ctx.excludeDiskIds.map((entry) => entry.value));
  return ctx.state.world
    .attachedTo(instanceId)
    .filter((disk) => !excluded.has(disk.id))
    .map((disk, at) => ({ index: at + 1, value: disk.id, fields: {} }));
}

/** One per parameter a target may leave out of its comparison of a reused token (issue 19). */
export const IDEMPOTENCY_PARAMETER_MUTANTS: Mutant[] = [
  comparing('ignores-name', 'A reused ClientToken is matched without comparing Name.', (ctx) =>
    withoutParams(ctx, (n) => n === 'Name'),
  ),
  comparing('ignores-description', 'A reused ClientToken is matched without comparing Description.', (ctx) =>
    withoutParams(ctx, (n) => n === 'Description'),
  ),
  comparing(
    'ignores-tag-keys',
    'A reused ClientToken is matched on tag values only, not their keys.',
    (ctx) =>
      withTags(
        ctx,
        ctx.tags.map((tag) => ({ ...tag, fields: { ...tag.fields, Key: '' } })),
      ),
  ),
  comparing(
    'ignores-tag-values',
    'A reused ClientToken is matched on tag keys only, not their values.',
    (ctx) =>
      withTags(
        ctx,
        ctx.tags.map((tag) => ({ ...tag, fields: { ...tag.fields, Value: '' } })),
      ),
  ),
  comparing(
    'compares-first-tag-only',
    'A reused ClientToken is matched on Tag.1 only: later or added tags are not compared.',
    (ctx) => withTags(ctx, ctx.tags.slice(0, 1)),
  ),
  comparing(
    'ignores-resource-group',
    'A reused ClientToken is matched without comparing ResourceGroupId.',
    (ctx) => withoutParams(ctx, (n) => n === 'ResourceGroupId'),
  ),
  comparing(
    'ignores-instant-access',
    'A reused ClientToken is matched without comparing InstantAccess.',
    (ctx) => ({ ...ctx, instantAccess: false }),
  ),
  comparing(
    'ignores-retention-days',
    'A reused ClientToken is matched without comparing InstantAccessRetentionDays.',
    (ctx) => ({ ...ctx, retentionDays: undefined }),
  ),
  comparing(
    'ignores-disks',
    'A reused ClientToken is matched without comparing the DiskId.N list (the usual "Name and disks" shortcut, minus the disks).',
    (ctx) => ({ ...ctx, diskIds: [] }),
  ),
  comparing(
    'ignores-disk-order',
    'A reused ClientToken is matched on the set of DiskId.N values: the same disks in another order replay.',
    (ctx) => ({
      ...ctx,
      diskIds: [...ctx.diskIds].sort((a, b) => (a.value ?? '').localeCompare(b.value ?? '')),
    }),
  ),
  comparing(
    'ignores-form',
    'A reused ClientToken is matched on the disks a request resolves to: InstanceId and DiskId.N naming the same disks replay.',
    (ctx) => ({
      ...withoutParams(ctx, (n) => n === 'InstanceId' || n.startsWith('ExcludeDiskId.')),
      diskIds: namedDisks(ctx),
      excludeDiskIds: [],
    }),
  ),
];
