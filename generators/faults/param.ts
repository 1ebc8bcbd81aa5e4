import fc from 'fast-check';
import type { CaseKind } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Field } from '../draft.js';
import { notReachable, type Planner } from '../rules/plan.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, type ValidRequest, validRequestArbitrary } from '../valid/request.js';
import { type FaultShape, type FaultValue, shapeToDraft, withValue } from './shape.js';

/** A fault in the value of one or more parameters, on an otherwise valid request. */
export interface ParamFault {
  rule: string;
  touched: Field[];
  /** The base request must be in a region that accepts InstantAccess=true. */
  instantAccessRegion?: boolean;
  alsoBreaks?: string[];
  /** Kind of the random cases (fixed values say their own). Default 'invalid'. */
  kind?: CaseKind;
  fixed: FaultValue[];
  random: fc.Arbitrary<FaultValue>;
}

export type ParamFaultFactory = (ctx: GenContext) => ParamFault;

export function applyValue(fault: ParamFault, base: ValidRequest, value: FaultValue): FaultShape {
  const shape: FaultShape = {
    rule: fault.rule,
    kind: value.kind ?? fault.kind ?? 'invalid',
    target: base.target,
    attributes: withValue(base.attributes, value),
    edits: [...(value.edits ?? [])],
    touched: fault.touched,
    description: `${value.description}; ${describeValid(base)}`,
  };
  if (fault.alsoBreaks !== undefined) shape.alsoBreaks = fault.alsoBreaks;
  return shape;
}

/** Random faulty requests: a random valid request with a random faulty value. */
export function paramFaultShapes(ctx: GenContext, fault: ParamFault): fc.Arbitrary<FaultShape> | undefined {
  const instantAccessRegion = fault.instantAccessRegion === true;
  const bases = validRequestArbitrary(ctx, { instantAccessRegion });
  return bases === undefined
    ? undefined
    : fc.tuple(bases, fault.random).map(([base, value]) => applyValue(fault, base, value));
}

export function paramFaultPlanner(factory: ParamFaultFactory): Planner {
  return (ctx, rule) => {
    const fault = factory(ctx);
    const instantAccessRegion = fault.instantAccessRegion === true;
    const fixed = fault.fixed.flatMap((value, k) => {
      const base = fixedBase(ctx, rule, k, { instantAccessRegion });
      return base === undefined ? [] : [shapeToDraft(ctx, applyValue(fault, base, value))];
    });
    const shapes = paramFaultShapes(ctx, fault);
    if (shapes === undefined || fixed.length === 0) {
      return notReachable(
        `account '${ctx.signer.id}' has no usable disk${instantAccessRegion ? ' in a region with instant access' : ''}`,
      );
    }
    return { fixed, shapes, random: shapes.map((s) => shapeToDraft(ctx, s)) };
  };
}
