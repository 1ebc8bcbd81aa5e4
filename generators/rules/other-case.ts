import type { NearMissField } from '../../lib/cases.js';
import type { ErrorPair, Expected } from '../../lib/spec/catalogue.js';
import type { GenContext } from '../context.js';
import type { Draft } from '../draft.js';
import { unionOf } from '../expected.js';
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

/** The rules that forbid words in each field: a refusal of the field's case variant answers as they do. */
const FIELD_RULES: Record<NearMissField, string[]> = {
  Name: ['name.no-url-prefix'],
  Description: ['description.no-url-prefix'],
  'Tag.N.Key': ['tag.key-reserved-prefix', 'tag.key-no-url'],
  'Tag.N.Value': ['tag.value-reserved-prefix', 'tag.value-no-url'],
};

/**
 * Accepted, or refused as the field's own rules document it: a tag key's variant refused with a
 * Description's code is as wrong as a 5xx. Without a documented code there, the rule's own outcome.
 */
function outcomeFor(ctx: GenContext, rule: string, field: NearMissField): Expected {
  // Only the field's rules with a documented code (a profile may have overridden one to anything).
  const own = FIELD_RULES[field]
    .filter((id) => ctx.hasRule(id))
    .map((id) => ctx.expected(id))
    .filter((e) => e.kind === 'error' || e.kind === 'one-of');
  const refusal = own.length === 0 ? undefined : unionOf(own);
  const pairs: ErrorPair[] =
    refusal?.kind === 'error' ? [refusal] : refusal?.kind === 'one-of' ? refusal.alternatives : [];
  if (pairs.length === 0) return ctx.expected(rule);
  return {
    kind: 'success-or-one-of',
    alternatives: pairs.map(({ code, status, codeMatch }) => ({
      code,
      status,
      ...(codeMatch !== undefined && { codeMatch }),
    })),
  };
}

function probeDraft(ctx: GenContext, rule: string, base: ValidRequest, probe: Probe): Draft {
  const valid: ValidRequest = {
    target: base.target,
    attributes: { ...base.attributes, ...probe.attributes },
  };
  const draft = successDraft(valid, 'boundary', `${probe.what}; ${describeValid(valid)}`);
  draft.expected = outcomeFor(ctx, rule, probe.field);
  draft.touched = [probe.field === 'Tag.N.Key' || probe.field === 'Tag.N.Value' ? 'Tag' : probe.field];
  draft.nearMisses = { [probe.field]: probe.count };
  return draft;
}

/**
 * valid.forbidden-word-other-case: a forbidden word in another case (`ACS:x`, `Https://`), where the page
 * does not say whether its check folds case (catalogue ambiguity forbidden-word-case). Either reading's
 * answer is conformant: the group is created (and must then store the values as sent, which the state
 * checks confirm), or the request is refused with the code its field's rule documents; nothing else.
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
