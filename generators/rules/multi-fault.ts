import fc from 'fast-check';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { unionOf } from '../expected.js';
import type { ParamFault } from '../faults/param.js';
import { type FaultShape, shapeToDraft, withValue } from '../faults/shape.js';

/**
 * Two faults at once: a rule's own faulty request plus a second fault on parameters it does not touch.
 * Which error wins is not documented (catalogue ambiguity error-precedence), so any outcome of either
 * rule is conformant; a rule without a documented code makes it "some documented 4xx".
 */
export function multiFaultArbitrary(
  ctx: GenContext,
  shapes: fc.Arbitrary<FaultShape>,
  partners: readonly ParamFault[],
): fc.Arbitrary<Draft> | undefined {
  const usable = partners.filter((p) => ctx.hasRule(p.rule));
  if (usable.length === 0) return undefined;
  return shapes.chain((shape) => {
    const iaRegion = ctx.index.region(shape.target.region)?.instantAccessSupported === true;
    const fits = usable.filter(
      (p) =>
        p.rule !== shape.rule &&
        !p.touched.some((f) => shape.touched.includes(f)) &&
        (p.instantAccessRegion !== true || iaRegion),
    );
    if (fits.length === 0) return fc.constant(alone(ctx, shape));
    return fc
      .constantFrom(...fits)
      .chain((partner) => partner.random.map((value) => ({ partner, value })))
      .map(({ partner, value }) => {
        const rules = [shape.rule, ...(shape.alsoBreaks ?? []), partner.rule, ...(partner.alsoBreaks ?? [])];
        const draft = shapeToDraft(ctx, {
          ...shape,
          kind: 'multi-fault',
          attributes: withValue(shape.attributes, value),
          edits: [...shape.edits, ...(value.edits ?? [])],
          touched: [...shape.touched, ...partner.touched],
          description: `${shape.rule} + ${partner.rule} (${value.description}): ${shape.description}`,
        });
        draft.expected = unionOf(rules.filter((id) => ctx.hasRule(id)).map((id) => ctx.expected(id)));
        return draft;
      });
  });
}

/** No compatible second fault: the case stays single-fault (kept so that ids do not shift). */
const alone = (ctx: GenContext, shape: FaultShape): Draft => shapeToDraft(ctx, shape);
