import type { TagInput } from '../../lib/client/serialise.js';
import type { GenContext } from '../context.js';
import type { Attributes } from '../valid/attributes.js';
import { spread } from '../valid/fixed.js';
import { attributeConstraints, type ValidRequest } from '../valid/request.js';
import { disksTarget, instanceTarget, type Target } from '../valid/target.js';
import { byZone } from '../world/index.js';

/**
 * What a reused ClientToken may differ in. A target that leaves one parameter out of its comparison
 * replays the first group where it must answer IdempotentParameterMismatch, so each parameter is varied
 * on its own (catalogue ambiguity idempotency-same-parameters: every business parameter counts, the
 * DiskId.N list in index order, InstanceId and DiskId forms are different requests even when they name
 * the same disks).
 */
export interface Mismatch {
  /** The parameter that differs, as the case description names it. */
  parameter: string;
  /** The second request, or undefined when this request gives the parameter nothing to vary. */
  change(ctx: GenContext, valid: ValidRequest): ValidRequest | undefined;
}

const withAttributes = (valid: ValidRequest, attributes: Attributes): ValidRequest => ({
  target: valid.target,
  attributes,
});

/** A value other than `current`: two fixed candidates, so that one always differs. */
const other = (current: string | undefined, a: string, b: string): string => (current === a ? b : a);

/** A tag key no tag of the list has (case-insensitively: whether a target folds case is not documented). */
const freshKey = (tags: readonly TagInput[]): string => {
  const taken = new Set(tags.map((t) => (t.Key ?? '').toLowerCase()));
  for (let i = 1; ; i += 1) if (!taken.has(`replay-key-${i}`)) return `replay-key-${i}`;
};

/** The k-th tag changed by `edit`; undefined when the request has no k-th tag. */
function tagChanged(valid: ValidRequest, k: number, edit: (tag: TagInput, tags: TagInput[]) => TagInput) {
  const tags = valid.attributes.Tag ?? [];
  const tag = tags[k];
  if (tag === undefined) return undefined;
  const changed = tags.map((t, i) => (i === k ? edit(t, tags) : { ...t }));
  return withAttributes(valid, { ...valid.attributes, Tag: changed });
}

/** Tags a request may carry: every tag position is varied, the key and the value each on its own. */
const MAX_VARIED_TAGS = 20;

const tagMismatches: Mismatch[] = Array.from({ length: MAX_VARIED_TAGS }, (_, k) => [
  {
    parameter: `Tag.${k + 1}.Key`,
    change: (_ctx: GenContext, valid: ValidRequest) =>
      tagChanged(valid, k, (tag, tags) => ({ ...tag, Key: freshKey(tags) })),
  },
  {
    parameter: `Tag.${k + 1}.Value`,
    change: (_ctx: GenContext, valid: ValidRequest) =>
      tagChanged(valid, k, (tag) => ({
        ...tag,
        Value: other(tag.Value, 'replay-value-a', 'replay-value-b'),
      })),
  },
]).flat();

/** The DiskId.N list of a DiskId-form target replaced, the disks a success snapshots following it. */
function withDiskIds(target: Target, ids: string[]): Target {
  return { ...target, diskIds: ids, disks: ids };
}

export const MISMATCHES: readonly Mismatch[] = [
  {
    parameter: 'Name',
    change: (_ctx, v) =>
      withAttributes(v, { ...v.attributes, Name: other(v.attributes.Name, 'ReplayB', 'ReplayC') }),
  },
  {
    parameter: 'Description',
    change: (_ctx, v) =>
      withAttributes(v, {
        ...v.attributes,
        Description: other(v.attributes.Description, 'replay description b', 'replay description c'),
      }),
  },
  ...tagMismatches,
  {
    parameter: 'Tag (one more)',
    change: (ctx, v) => {
      const tags = v.attributes.Tag ?? [];
      if (tags.length >= ctx.tagLimit(v.target.account)) return undefined;
      return withAttributes(v, { ...v.attributes, Tag: [...tags, { Key: freshKey(tags), Value: 'added' }] });
    },
  },
  {
    parameter: 'ResourceGroupId',
    change: (ctx, v) => {
      const groups = attributeConstraints(ctx, v.target).resourceGroups;
      const current = v.attributes.ResourceGroupId;
      const another = groups.find((g) => g !== current);
      if (another !== undefined) return withAttributes(v, { ...v.attributes, ResourceGroupId: another });
      if (current === undefined) return undefined;
      const { ResourceGroupId: _dropped, ...rest } = v.attributes;
      return withAttributes(v, rest);
    },
  },
  {
    parameter: 'InstantAccess',
    change: (ctx, v) => {
      // Retention days are a parameter of their own, compared on their own: only InstantAccess differs here.
      if (v.attributes.InstantAccessRetentionDays !== undefined) return undefined;
      if (v.attributes.InstantAccess === true)
        return withAttributes(v, { ...v.attributes, InstantAccess: false });
      // Turning it on needs a region that accepts it, else the second request fails on its own.
      if (!attributeConstraints(ctx, v.target).instantAccess) return undefined;
      return withAttributes(v, { ...v.attributes, InstantAccess: true });
    },
  },
  {
    parameter: 'InstantAccessRetentionDays',
    change: (_ctx, v) => {
      // "takes effect only when InstantAccess is set to true": only then is it a parameter of the request.
      if (v.attributes.InstantAccess !== true) return undefined;
      const days = v.attributes.InstantAccessRetentionDays;
      return withAttributes(v, { ...v.attributes, InstantAccessRetentionDays: days === 7 ? 8 : 7 });
    },
  },
  {
    parameter: 'DiskId.N (other disks)',
    change: (_ctx, v) => {
      const ids = v.target.diskIds;
      if (v.target.form !== 'disks' || ids === undefined || ids.length < 2) return undefined;
      return { target: withDiskIds(v.target, ids.slice(0, -1)), attributes: v.attributes };
    },
  },
  {
    parameter: 'DiskId.N (same disks, other order)',
    change: (_ctx, v) => {
      const ids = v.target.diskIds;
      if (v.target.form !== 'disks' || ids === undefined || ids.length < 2) return undefined;
      return { target: withDiskIds(v.target, [...ids].reverse()), attributes: v.attributes };
    },
  },
  {
    parameter: 'InstanceId form, then DiskId form of the same disks',
    change: (_ctx, v) => {
      if (v.target.form !== 'instance' && v.target.form !== 'exclude') return undefined;
      const { instanceId: _i, excludeIds: _e, ...rest } = v.target;
      return { target: { ...rest, form: 'disks', diskIds: [...v.target.disks] }, attributes: v.attributes };
    },
  },
];

/** A request carrying every optional parameter, two tags included, valid for its target. */
function fullAttributes(ctx: GenContext, target: Target): Attributes {
  const constraints = attributeConstraints(ctx, target);
  const attributes: Attributes = {
    Name: 'ReplayA',
    Description: 'replay description a',
    Tag: [
      { Key: 'replay-first', Value: 'one' },
      { Key: 'replay-second', Value: 'two' },
    ].slice(0, ctx.tagLimit(target.account)),
  };
  if (attributes.Tag?.length === 0) delete attributes.Tag;
  const group = constraints.resourceGroups[0];
  if (group !== undefined) attributes.ResourceGroupId = group;
  if (constraints.instantAccess) {
    attributes.InstantAccess = true;
    attributes.InstantAccessRetentionDays = 3;
  }
  return attributes;
}

/**
 * Deterministic first requests for the k-th parameter: one that carries every attribute (on a disk spread
 * by k, so that the cases do not queue behind one disk), the same without retention days, one of two
 * disks, one InstanceId form.
 */
function mismatchBases(ctx: GenContext, rule: string, k: number): ValidRequest[] {
  const healthy = ctx.index.healthyDisks(ctx.signer.id);
  const instant = healthy.filter((d) => ctx.index.region(d.region)?.instantAccessSupported === true);
  const bases: ValidRequest[] = [];
  const single = spread(instant.length > 0 ? instant : healthy, rule, k);
  if (single !== undefined) {
    const target = disksTarget([single]);
    const full = fullAttributes(ctx, target);
    const { InstantAccessRetentionDays: _days, ...withoutDays } = full;
    bases.push({ target, attributes: full }, { target, attributes: withoutDays });
  }
  const pair = [...byZone(healthy).values()].find((disks) => disks.length >= 2);
  if (pair !== undefined) bases.push({ target: disksTarget(pair.slice(0, 2)), attributes: {} });
  const whole = spread(ctx.pools(ctx.signer.id).wholeInstances, rule, 0);
  if (whole !== undefined) bases.push({ target: instanceTarget(ctx.index, whole), attributes: {} });
  return bases;
}

/** Each parameter varied once, on the first base that lets it vary; and the parameters none lets vary. */
export function fixedMismatches(
  ctx: GenContext,
  rule: string,
): { pairs: Array<[Mismatch, ValidRequest, ValidRequest]>; gaps: string[] } {
  const pairs: Array<[Mismatch, ValidRequest, ValidRequest]> = [];
  const gaps: string[] = [];
  for (const mismatch of MISMATCHES) {
    let found = false;
    for (const base of mismatchBases(ctx, rule, pairs.length)) {
      const changed = mismatch.change(ctx, base);
      if (changed === undefined) continue;
      pairs.push([mismatch, base, changed]);
      found = true;
      break;
    }
    // Tag positions past the ones the bases carry are for random draws; not a gap of the world.
    if (!found && !/^Tag\.\d+\./.test(mismatch.parameter)) {
      gaps.push(`reused ClientToken with other ${mismatch.parameter}: the world offers no such request`);
    }
  }
  return { pairs, gaps };
}

/** Every parameter this request lets vary, for random draws. */
export function applicableMismatches(ctx: GenContext, valid: ValidRequest): Array<[Mismatch, ValidRequest]> {
  const out: Array<[Mismatch, ValidRequest]> = [];
  for (const mismatch of MISMATCHES) {
    const changed = mismatch.change(ctx, valid);
    if (changed !== undefined) out.push([mismatch, changed]);
  }
  return out;
}
