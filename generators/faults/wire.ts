import fc from 'fast-check';
import type { Disk } from '../../lib/spec/world.js';
import type { GenContext } from '../context.js';
import type { WireEdit } from '../draft.js';
import { type Planner, shapePlan } from '../rules/plan.js';
import { fixedBase } from '../valid/fixed.js';
import { attributesFor, describeValid, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { disksTarget, instanceTarget } from '../valid/target.js';
import { subsetOf } from '../values/subsets.js';
import { byZone } from '../world/index.js';
import type { FaultShape } from './shape.js';

const NON_NUMERIC = ['x', 'one', 'a1', '-1', 'N'];
const UNKNOWN_PARAMETERS = ['Foo', 'XConformanceProbe', 'Unknown', 'Extra.1'];

function shape(
  rule: string,
  base: ValidRequest,
  edits: WireEdit[],
  what: string,
  kind: FaultShape['kind'] = 'wire',
): FaultShape {
  return {
    rule,
    kind,
    target: base.target,
    attributes: base.attributes,
    edits,
    touched: ['wire'],
    description: `${what}; ${describeValid(base)}`,
  };
}
const rename = (from: string, to: string): WireEdit => ({ op: 'rename', from, to });

/** Usable disks of the signer by zone, the zones holding at least `min` of them. */
const zonesWith = (ctx: GenContext, min: number): Disk[][] =>
  [...byZone(ctx.index.healthyDisks(ctx.signer.id)).values()].filter((d) => d.length >= min);

/** The fixed case of a two-disk wire fault: the first zone with two usable disks, or none. */
function onTwoDisksOfOneZone(ctx: GenContext, rule: string, edit: WireEdit, what: string): FaultShape[] {
  const pair = zonesWith(ctx, 2)[0];
  if (pair === undefined) return [];
  return [shape(rule, { target: disksTarget(pair.slice(0, 2)), attributes: {} }, [edit], what)];
}

/** A DiskId-form valid request of `min` to `max` disks from one zone, with random optional parameters. */
function multiDiskBase(ctx: GenContext, min: number, max: number): fc.Arbitrary<ValidRequest> | undefined {
  const zones = zonesWith(ctx, min);
  if (zones.length === 0) return undefined;
  return fc
    .constantFrom(...zones)
    .chain((disks) => subsetOf(disks, min, max, true))
    .chain((disks) => {
      const target = disksTarget(disks);
      return attributesFor(ctx, target).map((attributes) => ({ target, attributes }));
    });
}

const NO_DISK = (ctx: GenContext) => `account '${ctx.signer.id}' has no usable disk`;

export const WIRE_FAULTS: Record<string, Planner> = {
  'disk-ids.index-range': (ctx, rule) => {
    const above = ctx.limits.maxDiskIndex + 1;
    const base = fixedBase(ctx, rule, 0);
    const fixed: FaultShape[] = [];
    if (base !== undefined) {
      fixed.push(shape(rule, base, [rename('DiskId.1', 'DiskId.0')], 'DiskId.0', 'boundary'));
      fixed.push(
        shape(
          rule,
          base,
          [rename('DiskId.1', `DiskId.${above}`)],
          `DiskId.${above} (maxDiskIndex + 1)`,
          'boundary',
        ),
      );
      fixed.push(shape(rule, base, [rename('DiskId.1', 'DiskId.x')], 'DiskId.x (non-numeric index)'));
    }
    const exclude = ctx.pools(ctx.signer.id).excludeInstances.find((e) => e.mustExclude.length === 0);
    if (exclude !== undefined) {
      const target = instanceTarget(ctx.index, exclude.instance, exclude.healthy.slice(0, 1));
      fixed.push(
        shape(
          rule,
          { target, attributes: {} },
          [rename('ExcludeDiskId.1', 'ExcludeDiskId.0')],
          'ExcludeDiskId.0',
        ),
      );
    }
    const bases = validRequestArbitrary(ctx, { forms: ['disks'] });
    const bad = fc.oneof(
      fc.constant('0'),
      fc.integer({ min: above, max: above + 1000 }).map(String),
      fc.constantFrom(...NON_NUMERIC),
    );
    const shapes = bases
      ?.chain((b) => fc.tuple(fc.constant(b), fc.nat({ max: (b.target.diskIds?.length ?? 1) - 1 }), bad))
      .map(([b, at, index]) =>
        shape(rule, b, [rename(`DiskId.${at + 1}`, `DiskId.${index}`)], `DiskId.${index}`),
      );
    return shapePlan(ctx, fixed, shapes, NO_DISK(ctx));
  },
  'disk-ids.duplicate-index': (ctx, rule) => {
    const fixed = onTwoDisksOfOneZone(
      ctx,
      rule,
      rename('DiskId.2', 'DiskId.1'),
      'DiskId.1 twice (two disks)',
    );
    const shapes = multiDiskBase(ctx, 2, 4)
      ?.chain((b) => {
        const n = b.target.diskIds?.length ?? 2;
        return fc.tuple(fc.constant(b), fc.nat({ max: n - 1 }), fc.nat({ max: n - 2 }));
      })
      .map(([b, keep, other]) => {
        const copy = other >= keep ? other + 1 : other;
        return shape(
          rule,
          b,
          [rename(`DiskId.${copy + 1}`, `DiskId.${keep + 1}`)],
          `DiskId.${keep + 1} twice`,
        );
      });
    return shapePlan(ctx, fixed, shapes, `no zone of account '${ctx.signer.id}' has two usable disks`);
  },
  'wire.index-gap-accepted': (ctx, rule) => {
    const fixed = onTwoDisksOfOneZone(
      ctx,
      rule,
      rename('DiskId.2', 'DiskId.3'),
      'DiskId.1 and DiskId.3 (no DiskId.2)',
    );
    const shapes = multiDiskBase(ctx, 2, 3)
      ?.chain((b) => {
        const n = b.target.diskIds?.length ?? 2;
        return fc.tuple(
          fc.constant(b),
          fc.integer({ min: 1, max: n - 1 }),
          fc.integer({ min: 1, max: ctx.limits.maxDiskIndex - n }),
        );
      })
      .map(([b, from, gap]) => {
        const n = b.target.diskIds?.length ?? 2;
        // Shift indices from+1..n up by `gap`, highest first, so that no two names collide.
        const edits = Array.from({ length: n - from }, (_, k) => n - k).map((i) =>
          rename(`DiskId.${i}`, `DiskId.${i + gap}`),
        );
        return shape(rule, b, edits, `DiskId indices with a gap of ${gap} after ${from}`);
      });
    return shapePlan(ctx, fixed, shapes, `no zone of account '${ctx.signer.id}' has two usable disks`);
  },
  'wire.unknown-parameter-ignored': (ctx, rule) => {
    const base = fixedBase(ctx, rule, 0);
    const fixed =
      base === undefined
        ? []
        : [shape(rule, base, [{ op: 'append', name: 'Foo', value: 'bar' }], 'extra parameter Foo=bar')];
    // Built once, outside the chain: fast-check compiles a stringMatching pattern each time it is made.
    const name = fc.constantFrom(...UNKNOWN_PARAMETERS);
    const value = fc.stringMatching(/^[a-z0-9]{1,16}$/);
    const shapes = validRequestArbitrary(ctx)
      ?.chain((b) => fc.tuple(fc.constant(b), name, value))
      .map(([b, name, value]) =>
        shape(rule, b, [{ op: 'append', name, value }], `extra parameter ${name}=${value}`),
      );
    return shapePlan(ctx, fixed, shapes, NO_DISK(ctx));
  },
};
