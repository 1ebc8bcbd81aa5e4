import fc from 'fast-check';
import type { GenContext } from '../context.js';
import { type Planner, shapePlan } from '../rules/plan.js';
import { attributesFor } from '../valid/request.js';
import type { Target } from '../valid/target.js';
import { subsetOf } from '../values/subsets.js';
import { byZone } from '../world/index.js';
import type { ParamFaultFactory } from './param.js';
import { targetShape as shape } from './target-shape.js';

const ID_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
/** A well-formed id the world does not have. */
const unknownId = (ctx: GenContext, prefix: string): fc.Arbitrary<string> => {
  const known = new Set([...ctx.world.disks.map((d) => d.id), ...ctx.world.instances.map((i) => i.id)]);
  return fc
    .string({ unit: fc.constantFrom(...ID_ALPHABET), minLength: 12, maxLength: 20 })
    .map((s) => `${prefix}${s}`)
    .filter((id) => !known.has(id));
};

export const REGION_FAULTS: Record<string, ParamFaultFactory> = {
  'region.required': () => ({
    rule: 'region.required',
    touched: ['RegionId'],
    kind: 'wire',
    fixed: [{ edits: [{ op: 'remove', name: 'RegionId' }], description: 'RegionId left out' }],
    random: fc.constant({ edits: [{ op: 'remove', name: 'RegionId' }], description: 'RegionId left out' }),
  }),
  'region.not-found': (ctx) => {
    const known = new Set(ctx.world.regions.map((r) => r.id));
    const unknown = ['cn-nowhere-9', 'us-nowhere-1', 'ap-southeast-99', 'eu-conformance-0'].filter(
      (r) => !known.has(r),
    );
    const value = (region: string) => ({
      edits: [{ op: 'set' as const, name: 'RegionId', value: region }],
      description: `RegionId ${region}, which does not exist`,
    });
    return {
      rule: 'region.not-found',
      touched: ['RegionId'],
      fixed: [value(unknown[0] ?? 'cn-nowhere-9')],
      random: fc.constantFrom(...unknown).map(value),
    };
  },
};

/** Zones of the signer's usable disks: where requests without a usable disk still need a region. */
function signerZones(ctx: GenContext) {
  return [...byZone(ctx.index.healthyDisks(ctx.signer.id))].map(([zone, disks]) => ({ zone, disks }));
}

const bareTarget = (ctx: GenContext, region: string, zone: string): Target => ({
  form: 'none',
  account: ctx.signer.id,
  region,
  zone,
  disks: [],
});

const NO_ZONE = (ctx: GenContext) =>
  `account '${ctx.signer.id}' has no usable disk in a region that supports snapshot groups`;

export const MISSING_FAULTS: Record<string, Planner> = {
  'target.required': (ctx, rule) => {
    const zones = signerZones(ctx);
    const first = zones[0]?.disks[0];
    if (first === undefined) return shapePlan(ctx, [], undefined, NO_ZONE(ctx));
    const targets = zones.map(({ zone, disks }) =>
      bareTarget(ctx, (disks[0] as { region: string }).region, zone),
    );
    const fixed = [
      shape(rule, bareTarget(ctx, first.region, first.zone), {}, 'neither InstanceId nor DiskId.N'),
    ];
    const shapes = fc
      .constantFrom(...targets)
      .chain((t) => attributesFor(ctx, t).map((a) => shape(rule, t, a, 'neither InstanceId nor DiskId.N')));
    return shapePlan(ctx, fixed, shapes, NO_ZONE(ctx));
  },
  'disk.exists': (ctx, rule) => {
    const zones = signerZones(ctx);
    if (zones.length === 0) return shapePlan(ctx, [], undefined, NO_ZONE(ctx));
    const named = (region: string, zone: string, ids: string[], usable: string[]): Target => ({
      form: 'disks',
      account: ctx.signer.id,
      region,
      zone,
      diskIds: ids,
      disks: usable,
    });
    const first = (zones[0] as (typeof zones)[number]).disks[0] as { region: string; zone: string };
    const fixed = [
      shape(rule, named(first.region, first.zone, ['d-conformance0notfound'], []), {}, 'DiskId.1 unknown'),
    ];
    const shapes = fc
      .constantFrom(...zones)
      .chain(({ zone, disks }) =>
        fc.tuple(
          fc.constant(disks),
          subsetOf(disks, 0, 2),
          unknownId(ctx, 'd-'),
          fc.nat(),
          fc.constant(zone),
        ),
      )
      .chain(([disks, usable, unknown, at, zone]) => {
        const ids = usable.map((d) => d.id);
        const position = at % (ids.length + 1);
        const region = (disks[0] as { region: string }).region;
        const target = named(region, zone, [...ids.slice(0, position), unknown, ...ids.slice(position)], ids);
        return attributesFor(ctx, target).map((a) =>
          shape(rule, target, a, `DiskId.${position + 1} unknown`),
        );
      });
    return shapePlan(ctx, fixed, shapes, NO_ZONE(ctx));
  },
  'instance.exists': (ctx, rule) => {
    const zones = signerZones(ctx);
    const first = zones[0]?.disks[0];
    if (first === undefined) return shapePlan(ctx, [], undefined, NO_ZONE(ctx));
    const named = (id: string, region: string, zone: string): Target => ({
      form: 'instance',
      account: ctx.signer.id,
      region,
      zone,
      instanceId: id,
      disks: [],
    });
    const fixed = [
      shape(rule, named('i-conformance0notfound', first.region, first.zone), {}, 'InstanceId unknown'),
    ];
    const shapes = fc
      .tuple(fc.constantFrom(...zones), unknownId(ctx, 'i-'))
      .chain(([{ zone, disks }, id]) => {
        const target = named(id, (disks[0] as { region: string }).region, zone);
        return attributesFor(ctx, target).map((a) => shape(rule, target, a, 'InstanceId unknown'));
      });
    return shapePlan(ctx, fixed, shapes, NO_ZONE(ctx));
  },
};
