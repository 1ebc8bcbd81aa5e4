import type fc from 'fast-check';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { Attributes } from '../valid/attributes.js';
import { spread } from '../valid/fixed.js';
import {
  attributeConstraints,
  describeValid,
  successDraft,
  type ValidConstraints,
  type ValidRequest,
  validRequestArbitrary,
} from '../valid/request.js';
import { disksTarget, instanceTarget, type Target } from '../valid/target.js';
import { DESCRIPTION_ALL_KINDS, everyAllowedCharacter } from '../values/text.js';
import { byZone } from '../world/index.js';
import { notReachable, type Planner } from './plan.js';

/** Deterministic targets: one of each form the world offers, spread over its resources by rule. */
type FixedTargets = Partial<Record<Target['form'] | 'across' | 'instantAccess', Target>>;

function fixedTargets(ctx: GenContext, rule: string): FixedTargets {
  const pools = ctx.pools(ctx.signer.id);
  const out: FixedTargets = {};
  const healthy = ctx.index.healthyDisks(ctx.signer.id);
  const single = spread(healthy, rule, 0);
  if (single !== undefined) out.disks = disksTarget([single]);
  const instant = spread(
    healthy.filter((d) => ctx.index.region(d.region)?.instantAccessSupported === true),
    rule,
    0,
  );
  if (instant !== undefined) out.instantAccess = disksTarget([instant]);
  // DiskId.N across instances of one zone: one disk of each of up to three instances.
  for (const disks of byZone(ctx.index.healthyDisks(ctx.signer.id)).values()) {
    const perInstance = [...new Map(disks.map((d) => [d.instance ?? d.id, d])).values()].slice(0, 3);
    if (perInstance.length >= 2) {
      out.across = disksTarget(perInstance);
      break;
    }
  }
  const whole = spread(pools.wholeInstances, rule, 0);
  if (whole !== undefined) out.instance = instanceTarget(ctx.index, whole);
  const exclude = spread(pools.excludeInstances, rule, 0);
  if (exclude !== undefined) {
    out.exclude = instanceTarget(ctx.index, exclude.instance, [
      ...exclude.mustExclude,
      ...exclude.healthy.slice(exclude.mustExclude.length > 0 ? 1 : 0, 1),
    ]);
  }
  return out;
}

/** Every optional parameter, with the widest valid values. */
function richAttributes(ctx: GenContext, target: Target): Attributes {
  const constraints = attributeConstraints(ctx, target);
  const attributes: Attributes = {
    Name: everyAllowedCharacter(ctx.profile.request.name),
    Description: DESCRIPTION_ALL_KINDS.slice(0, ctx.profile.request.description.maxLength),
    Tag: [
      { Key: 'team', Value: 'conformance' },
      { Key: 'Ünïcødé key ☃', Value: '中文 value' },
      { Key: 'empty-value', Value: '' },
    ],
  };
  const group = constraints.resourceGroups[0];
  if (group !== undefined) attributes.ResourceGroupId = group;
  return attributes;
}

interface SuccessSpec {
  fixed: (ctx: GenContext, targets: FixedTargets) => Array<[Target | undefined, Attributes, string]>;
  random?: ValidConstraints;
  /** Map applied to random draws (e.g. force InstantAccess on). */
  adjust?: (valid: ValidRequest) => ValidRequest;
}

const SPECS: Record<string, SuccessSpec> = {
  'state.disk-form-snapshots': {
    fixed: (_c, t) => [[t.across ?? t.disks, {}, 'DiskId.N across instances of one zone']],
    random: { forms: ['disks'] },
  },
  'state.instance-form-snapshots': {
    fixed: (_c, t) => [[t.instance, {}, 'InstanceId alone']],
    random: { forms: ['instance'] },
  },
  'state.exclude-form-snapshots': {
    fixed: (_c, t) => [[t.exclude, {}, 'InstanceId with ExcludeDiskId.N']],
    random: { forms: ['exclude'] },
  },
  'state.attributes-stored': {
    fixed: (ctx, t) => [
      [t.disks, t.disks ? richAttributes(ctx, t.disks) : {}, 'every attribute, widest values'],
    ],
    random: { required: ['Name', 'Description', 'Tag', 'ResourceGroupId'] },
  },
  'state.instant-access-stored': {
    fixed: (_c, t) => [
      [
        t.instantAccess,
        { InstantAccess: true, InstantAccessRetentionDays: 7 },
        'InstantAccess with 7 retention days',
      ],
      [t.instantAccess, { InstantAccess: true }, 'InstantAccess without retention days'],
    ],
    random: { instantAccessRegion: true, required: ['InstantAccess'] },
    adjust: (v) => ({ ...v, attributes: { ...v.attributes, InstantAccess: true } }),
  },
  'state.deleted-after-cleanup': { fixed: (_c, t) => [[t.disks, {}, 'created, then deleted']], random: {} },
  'valid.success-body': {
    fixed: (ctx, t) => [[t.disks, t.disks ? richAttributes(ctx, t.disks) : {}, 'every optional parameter']],
    random: {},
  },
  'valid.request-id-unique': {
    fixed: (_c, t) => [[t.disks, {}, 'RequestId must differ from every other']],
    random: {},
  },
};

export const successPlanner: Planner = (ctx, rule) => {
  const spec = SPECS[rule];
  if (spec === undefined) return notReachable(`no success scenario is defined for ${rule}`);
  const targets = fixedTargets(ctx, rule);
  const fixed: Draft[] = spec.fixed(ctx, targets).flatMap(([target, attributes, what]) => {
    if (target === undefined) return [];
    const valid = instantAccessFits(ctx, { target, attributes });
    return [successDraft(valid, 'valid', `${what}; ${describeValid(valid)}`)];
  });
  const draws = spec.random === undefined ? undefined : validRequestArbitrary(ctx, spec.random);
  const adjust = spec.adjust ?? ((v: ValidRequest) => v);
  const random: fc.Arbitrary<Draft> | undefined = draws?.map((v) => {
    const valid = instantAccessFits(ctx, adjust(v));
    return successDraft(valid, 'valid', describeValid(valid));
  });
  if (fixed.length === 0 && random === undefined) {
    return notReachable(
      `no resource of world '${ctx.world.name}' meets: ${ctx.rule(rule).precondition.description}`,
    );
  }
  return random === undefined ? { fixed } : { fixed, random };
};

/** Instant access only where the region offers it: a fixed target may lie elsewhere. */
function instantAccessFits(ctx: GenContext, valid: ValidRequest): ValidRequest {
  if (valid.attributes.InstantAccess !== true || attributeConstraints(ctx, valid.target).instantAccess)
    return valid;
  const { InstantAccess: _on, InstantAccessRetentionDays: _days, ...rest } = valid.attributes;
  return { target: valid.target, attributes: rest };
}
