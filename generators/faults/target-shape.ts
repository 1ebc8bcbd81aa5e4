import type fc from 'fast-check';
import type { Disk, Instance } from '../../lib/spec/world.js';
import type { GenContext } from '../context.js';
import { attributesFor, describeValid } from '../valid/request.js';
import type { Target } from '../valid/target.js';
import { byZone } from '../world/index.js';
import type { FaultShape } from './shape.js';

/** A faulty request that differs from a valid one by which disks or instance it names. */
export function targetShape(
  rule: string,
  target: Target,
  attributes: FaultShape['attributes'],
  what: string,
  kind: FaultShape['kind'] = 'invalid',
  touched: FaultShape['touched'] = ['target'],
): FaultShape {
  return {
    rule,
    kind,
    target,
    attributes,
    edits: [],
    touched,
    description: `${what}; ${describeValid({ target, attributes })}`,
  };
}

/** Faulty targets with random valid optional parameters. */
export const withAttributes = (
  ctx: GenContext,
  rule: string,
  targets: fc.Arbitrary<Target>,
  what: (t: Target) => string,
): fc.Arbitrary<FaultShape> =>
  targets.chain((t) => attributesFor(ctx, t).map((a) => targetShape(rule, t, a, what(t))));

/** The signer's usable disks, zone by zone. */
export const signerZones = (ctx: GenContext): Disk[][] => [
  ...byZone(ctx.index.healthyDisks(ctx.signer.id)).values(),
];

/** Instances of the signer whose every disk is usable (count and size unchecked). */
export const usableInstances = (ctx: GenContext): Instance[] =>
  ctx.index
    .soundInstances(ctx.signer.id)
    .filter(
      (i) =>
        ctx.index.disksOf(i.id).length > 0 &&
        ctx.index.disksOf(i.id).every((d) => ctx.index.faultsOfDisk(d.id).length === 0),
    );
