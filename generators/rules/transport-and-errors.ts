import fc from 'fast-check';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { applyValue, type ParamFault, type ParamFaultFactory, paramFaultShapes } from '../faults/param.js';
import { shapeToDraft } from '../faults/shape.js';
import { transportLabel } from '../transports.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft } from '../valid/request.js';
import { notReachable, type Planner } from './plan.js';

/** One valid create per active transport variant, pinned to it. */
export const transportVariantsPlanner: Planner = (ctx, rule) => {
  const fixed = ctx.options.transports.flatMap((transport, k) => {
    const base = fixedBase(ctx, rule, k);
    if (base === undefined) return [];
    const draft = successDraft(
      base,
      'valid',
      `accepted over ${transportLabel(transport)}; ${describeValid(base)}`,
    );
    draft.wish = { exact: transport };
    return [draft];
  });
  return fixed.length === 0 ? notReachable(`account '${ctx.signer.id}' has no usable disk`) : { fixed };
};

/**
 * Error answers in both formats, from faults whose codes are documented: the rule checks the error body
 * (RequestId, HostId, Code, Message), whatever the code. Its own expected outcome labels the cases.
 */
export function errorBodyPlanner(faults: readonly ParamFaultFactory[]): Planner {
  return (ctx: GenContext, rule: string) => {
    const available: ParamFault[] = faults.map((f) => f(ctx)).filter((f) => ctx.hasRule(f.rule));
    const relabel = (draft: Draft): Draft => ({ ...draft, kind: 'invalid', expected: ctx.expected(rule) });
    const fixed = available.slice(0, 1).flatMap((fault) =>
      (['JSON', 'XML'] as const).flatMap((format, k) => {
        const base = fixedBase(ctx, rule, k);
        const value = fault.fixed[0];
        if (base === undefined || value === undefined) return [];
        const draft = relabel(shapeToDraft(ctx, { ...applyValue(fault, base, value), rule }));
        draft.wish = { format };
        draft.description = `error body in ${format}: ${draft.description}`;
        return [draft];
      }),
    );
    const shapes = available.flatMap((f) => paramFaultShapes(ctx, f) ?? []);
    if (fixed.length === 0 || shapes.length === 0)
      return notReachable(`account '${ctx.signer.id}' has no usable disk`);
    return { fixed, random: fc.oneof(...shapes).map((s) => relabel(shapeToDraft(ctx, { ...s, rule }))) };
  };
}
