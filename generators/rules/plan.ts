import type fc from 'fast-check';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { type FaultShape, shapeToDraft } from '../faults/shape.js';

/** How one rule is exercised in a given context. */
export interface RulePlan {
  /** Deterministic cases, always present whatever the seed: boundaries and fixed faults. */
  fixed: Draft[];
  /** Random cases; `runs` of them are drawn from the seed. */
  random?: fc.Arbitrary<Draft>;
  /** The rule's faulty requests as data, for multi-fault composition (fault rules only). */
  shapes?: fc.Arbitrary<FaultShape>;
  /** Parts of the rule the world cannot reach although others are (e.g. one boundary). */
  gaps?: string[];
}

/** A plan, or the reason the world cannot reach the rule. */
export type Planner = (ctx: GenContext, rule: string) => RulePlan | NotReachable;

export interface NotReachable {
  notCovered: string;
}

export const notReachable = (reason: string): NotReachable => ({ notCovered: reason });

export const isNotReachable = (plan: RulePlan | NotReachable): plan is NotReachable => 'notCovered' in plan;

/** A plan from fault shapes: fixed ones always, random ones drawn; unreachable when there are neither. */
export function shapePlan(
  ctx: GenContext,
  fixed: readonly FaultShape[],
  shapes: fc.Arbitrary<FaultShape> | undefined,
  reason: string,
): RulePlan | NotReachable {
  if (fixed.length === 0 && shapes === undefined) return notReachable(reason);
  const plan: RulePlan = { fixed: fixed.map((s) => shapeToDraft(ctx, s)) };
  if (shapes !== undefined) {
    plan.shapes = shapes;
    plan.random = shapes.map((s) => shapeToDraft(ctx, s));
  }
  return plan;
}
