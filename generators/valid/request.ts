import fc from 'fast-check';
import type { CaseKind } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { SUCCESS } from '../expected.js';
import { type AttributeConstraints, type Attributes, attributesArbitrary, settle } from './attributes.js';
import { buildInput, expectGroupOf } from './compose.js';
import type { Target } from './target.js';
import { type TargetConstraints, targetArbitrary } from './target-arbitrary.js';

/** A request that meets every rule: which disks, and which optional parameters. */
export interface ValidRequest {
  target: Target;
  attributes: Attributes;
}

export interface ValidConstraints extends TargetConstraints {
  /** Signing account; default the context's signer. */
  account?: string;
  /** Only regions that accept InstantAccess=true (for faults on retention days). */
  instantAccessRegion?: boolean;
  /** Draw no optional parameters (cheap bases for protocol faults). */
  bare?: boolean;
  /** Optional parameters every draw carries. */
  required?: ReadonlyArray<keyof Attributes>;
}

export const CREATE = 'CreateSnapshotGroup';

export function attributeConstraints(ctx: GenContext, target: Target): AttributeConstraints {
  const account = ctx.index.account(target.account);
  return {
    instantAccess: ctx.index.region(target.region)?.instantAccessSupported === true,
    resourceGroups: account?.resourceGroups ?? [],
    maxTags: ctx.tagLimit(target.account),
  };
}

/** Valid requests for one account; undefined when the world holds no usable target. */
export function validRequestArbitrary(
  ctx: GenContext,
  constraints: ValidConstraints = {},
): fc.Arbitrary<ValidRequest> | undefined {
  const accountId = constraints.account ?? ctx.signer.id;
  const account = ctx.index.account(accountId);
  const instantAccessOnly = constraints.instantAccessRegion === true;
  const targets = targetArbitrary(ctx.index, ctx.pools(accountId), {
    ...constraints,
    maxSnapshots: account?.quotas.snapshots ?? 0,
    region: (id) => !instantAccessOnly || ctx.index.region(id)?.instantAccessSupported === true,
  });
  if (targets === undefined) return undefined;
  if (constraints.bare === true) return targets.map((target) => ({ target, attributes: {} }));
  const attributes = attributesArbitrary(ctx.profile.request, {
    instantAccess: true,
    resourceGroups: account?.resourceGroups ?? [],
    maxTags: ctx.tagLimit(accountId),
    ...(constraints.required === undefined ? {} : { required: constraints.required }),
  });
  return fc
    .tuple(targets, attributes)
    .map(([target, drawn]) => ({ target, attributes: settle(drawn, attributeConstraints(ctx, target)) }));
}

export function successDraft(valid: ValidRequest, kind: CaseKind, description: string): Draft {
  return {
    kind,
    request: {
      action: CREATE,
      input: buildInput(valid.target, valid.attributes),
      edits: [],
      account: valid.target.account,
    },
    expected: SUCCESS,
    disks: [...valid.target.disks],
    expectGroup: expectGroupOf(valid.target, valid.attributes),
    description,
    touched: [],
  };
}

/** Short words for what a valid request exercises, for case descriptions. */
export function describeValid(valid: ValidRequest): string {
  const { target, attributes: a } = valid;
  const form = {
    disks: `DiskId form (${target.disks.length} disk${target.disks.length === 1 ? '' : 's'} in ${target.zone})`,
    instance: `InstanceId form (${target.instanceId})`,
    'instance-disks': `InstanceId ${target.instanceId} + DiskId form`,
    exclude: `InstanceId ${target.instanceId} with ExcludeDiskId ×${target.excludeIds?.length ?? 0}`,
    none: 'neither InstanceId nor DiskId',
  }[target.form];
  const parts = [
    a.Name !== undefined ? `Name(${a.Name.length})` : '',
    a.Description !== undefined ? `Description(${a.Description.length})` : '',
    a.Tag !== undefined ? `Tag×${a.Tag.length}` : '',
    a.InstantAccess !== undefined ? `InstantAccess=${a.InstantAccess}` : '',
    a.InstantAccessRetentionDays !== undefined ? `RetentionDays=${a.InstantAccessRetentionDays}` : '',
    a.ResourceGroupId !== undefined ? 'ResourceGroupId' : '',
    a.ClientToken !== undefined ? 'ClientToken' : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? form : `${form}; ${parts.join(', ')}`;
}

/** Random valid optional parameters for a given target (its region and account decide what is allowed). */
export function attributesFor(ctx: GenContext, target: Target): fc.Arbitrary<Attributes> {
  const constraints = attributeConstraints(ctx, target);
  return attributesArbitrary(ctx.profile.request, constraints).map((drawn) => settle(drawn, constraints));
}
