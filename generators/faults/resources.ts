import fc from 'fast-check';
import type { Disk } from '../../lib/spec/world.js';
import type { GenContext } from '../context.js';
import { notReachable, type Planner } from '../rules/plan.js';
import { attributesArbitrary, settle } from '../valid/attributes.js';
import { attributeConstraints, describeValid } from '../valid/request.js';
import { disksTarget, instanceTarget, type Target } from '../valid/target.js';
import { fitting } from '../valid/target-arbitrary.js';
import { subsetOf } from '../values/subsets.js';
import { resourcesMeeting } from '../world/select-cache.js';
import { type FaultShape, shapeToDraft } from './shape.js';

/** Deterministic cases per rule: one per faulty resource, up to this many. */
const MAX_FIXED = 8;

/**
 * Rules broken by a resource itself (disk state, instance state, account standing, region support):
 * the request names a resource whose only fault is the rule, signed by the resource's own account, with
 * random valid optional parameters; random cases may add usable disks of the same zone.
 */
export function faultyTargets(ctx: GenContext, rule: string): Target[] {
  // Also within what the catalogue's precondition selects (two readings of the rule must agree).
  const selected = new Set(
    resourcesMeeting(ctx.world, ctx.rule(rule).precondition).flatMap((c) => [c.disk?.id, c.instance?.id]),
  );
  const disks = ctx.index
    .disksBreakingOnly(rule)
    .filter((d) => d.sizeGiB <= ctx.limits.maxTotalSizeGiB && selected.has(d.id));
  const instances = ctx.index.instancesBreakingOnly(rule).filter((i) => {
    if (!selected.has(i.id)) return false;
    const attached = ctx.index.disksOf(i.id);
    return fitting(attached, ctx.limits).length === attached.length;
  });
  const targets = [
    ...disks.map((d) => disksTarget([d])),
    ...instances.map((i) => instanceTarget(ctx.index, i)),
  ];
  // More disks than the account may still snapshot would break account.snapshot-quota as well.
  return targets.filter((t) => t.disks.length <= quotaOf(ctx, t.account));
}

const quotaOf = (ctx: GenContext, accountId: string): number =>
  ctx.index.account(accountId)?.quotas.snapshots ?? 0;

/** Usable disks of the target's account and zone that a random case may name beside the faulty one. */
function companions(ctx: GenContext, target: Target): Disk[] {
  return ctx.index
    .healthyDisks(target.account)
    .filter((d) => d.zone === target.zone && !target.disks.includes(d.id));
}

export function withCompanions(ctx: GenContext, target: Target, extra: readonly Disk[]): Target {
  if (target.form !== 'disks' || extra.length === 0) return target;
  const faulty = target.disks.map((id) => ctx.index.disk(id) as Disk);
  const cap = { ...ctx.limits, maxDisks: Math.min(ctx.limits.maxDisks, quotaOf(ctx, target.account)) };
  const room = fitting([...faulty, ...extra], cap);
  return disksTarget(room.length > faulty.length ? room : faulty);
}

export function resourceShapes(ctx: GenContext, rule: string, targets: Target[]): fc.Arbitrary<FaultShape> {
  return fc
    .constantFrom(...targets)
    .chain((target) =>
      fc.tuple(
        fc.constant(target),
        subsetOf(companions(ctx, target), 0, 2),
        attributesArbitrary(ctx.profile.request, attributeConstraints(ctx, target)),
      ),
    )
    .map(([target, extra, drawn]) => {
      const widened = withCompanions(ctx, target, extra);
      const attributes = settle(drawn, attributeConstraints(ctx, widened));
      return resourceShape(rule, widened, attributes, describeValid({ target: widened, attributes }));
    });
}

export function resourceShape(
  rule: string,
  target: Target,
  attributes: FaultShape['attributes'],
  what: string,
): FaultShape {
  return {
    rule,
    kind: 'invalid',
    target,
    attributes,
    edits: [],
    touched: ['target'],
    description: `${rule}: ${what}`,
  };
}

export const resourcePlanner: Planner = (ctx, rule) => {
  const targets = faultyTargets(ctx, rule);
  if (targets.length === 0) {
    return notReachable(
      `no resource of world '${ctx.world.name}' breaks ${rule} and nothing else: ${ctx.rule(rule).precondition.description}`,
    );
  }
  const fixed = targets
    .slice(0, MAX_FIXED)
    .map((target) =>
      shapeToDraft(ctx, resourceShape(rule, target, {}, describeValid({ target, attributes: {} }))),
    );
  const shapes = resourceShapes(ctx, rule, targets);
  return { fixed, shapes, random: shapes.map((s) => shapeToDraft(ctx, s)) };
};

/** instance.has-disks: InstanceId of a sound instance with no disk attached. */
export const noDiskPlanner: Planner = (ctx, rule) => {
  const empty = ctx.world.instances.filter(
    (i) => ctx.index.faultsOfInstance(i.id).length === 0 && ctx.index.disksOf(i.id).length === 0,
  );
  if (empty.length === 0)
    return notReachable(`no instance of world '${ctx.world.name}' is usable and has no disk`);
  const targets = empty.map((i) => instanceTarget(ctx.index, i));
  const fixed = targets
    .slice(0, MAX_FIXED)
    .map((t) => shapeToDraft(ctx, resourceShape(rule, t, {}, describeValid({ target: t, attributes: {} }))));
  const shapes = fc
    .constantFrom(...targets)
    .chain((t) =>
      attributesArbitrary(ctx.profile.request, attributeConstraints(ctx, t)).map((a) =>
        resourceShape(rule, t, a, describeValid({ target: t, attributes: a })),
      ),
    );
  return { fixed, shapes, random: shapes.map((s) => shapeToDraft(ctx, s)) };
};
