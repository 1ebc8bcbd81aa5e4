import type { NearMissField } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import type { Attributes } from '../valid/attributes.js';
import { fixedBase } from '../valid/fixed.js';
import { describeValid, successDraft, type ValidRequest } from '../valid/request.js';
import { allNearMisses, type NearMiss } from './near-misses.js';
import { notReachable, type Planner, type RulePlan } from './plan.js';

interface Probe {
  what: string;
  attributes: Attributes;
  field: NearMissField;
  count: number;
}

/** One field per request, so that each field's reading shows on its own; a field's tags share one. */
function probes(ctx: GenContext): Probe[] {
  const perRequest = Math.max(1, ctx.tagLimit(ctx.signer.id));
  return allNearMisses(ctx).flatMap(({ field, otherCase }): Probe[] => {
    if (otherCase.length === 0) return [];
    const what = (list: NearMiss[]) =>
      `forbidden word in another case: ${list.map((m) => m.what).join('; ')}`;
    if (field === 'Name' || field === 'Description')
      return otherCase.map((m) => ({ what: what([m]), attributes: { [field]: m.value }, field, count: 1 }));
    const chunks = Array.from({ length: Math.ceil(otherCase.length / perRequest) }, (_, i) =>
      otherCase.slice(i * perRequest, (i + 1) * perRequest),
    );
    return chunks.map((chunk, i) => ({
      what: what(chunk),
      attributes: {
        Tag: chunk.map((m, j) =>
          field === 'Tag.N.Key'
            ? { Key: m.value, Value: 'v' }
            : { Key: `other-case-${i}-${j}`, Value: m.value },
        ),
      },
      field,
      count: chunk.length,
    }));
  });
}

function probeDraft(ctx: GenContext, rule: string, base: ValidRequest, probe: Probe): Draft {
  const valid: ValidRequest = {
    target: base.target,
    attributes: { ...base.attributes, ...probe.attributes },
  };
  const draft = successDraft(valid, 'boundary', `${probe.what}; ${describeValid(valid)}`);
  draft.expected = ctx.expected(rule);
  draft.touched = [probe.field === 'Tag.N.Key' || probe.field === 'Tag.N.Value' ? 'Tag' : probe.field];
  draft.nearMisses = { [probe.field]: probe.count };
  return draft;
}

/**
 * valid.forbidden-word-other-case: a forbidden word in another case (`ACS:x`, `Https://`), where the page
 * does not say whether its check folds case (catalogue ambiguity forbidden-word-case). Either reading's
 * answer is conformant: the group is created (and must then store the values as sent, which the state
 * checks confirm), or the request is refused with a documented 4xx; never a 5xx.
 */
export const otherCasePlanner: Planner = (ctx, rule): RulePlan | ReturnType<typeof notReachable> => {
  const all = probes(ctx);
  if (all.length === 0) return notReachable('the request schema has no forbidden word with letters');
  const fixed = all.flatMap((probe, k) => {
    const base = fixedBase(ctx, rule, k);
    return base === undefined ? [] : [probeDraft(ctx, rule, base, probe)];
  });
  if (fixed.length === 0) return notReachable(`account '${ctx.signer.id}' has no usable disk`);
  return { fixed };
};
