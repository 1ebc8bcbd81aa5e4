import fc from 'fast-check';
import type { TagInput } from '../../lib/client/serialise.js';
import type { RequestTextLimits } from '../../lib/spec/request-limits.js';
import { memoisedOn } from '../values/memoised.js';
import { clientTokenArbitrary, textArbitrary } from '../values/text.js';

/** The optional parameters of a request, named as on the wire. */
export interface Attributes {
  InstantAccess?: boolean;
  InstantAccessRetentionDays?: number;
  Name?: string;
  Description?: string;
  Tag?: TagInput[];
  ResourceGroupId?: string;
  ClientToken?: string;
}

export interface AttributeConstraints {
  /** The region accepts InstantAccess=true. */
  instantAccess: boolean;
  /** The signing account's resource groups. */
  resourceGroups: readonly string[];
  /** Tags a valid request may carry (profile maxTags, account tag quota). */
  maxTags: number;
  /** Most tags a drawn list holds; default 4 (the most tags is a deterministic boundary case). */
  maxDrawnTags?: number;
  /** Parameters every draw carries (the others are present or absent at random). */
  required?: ReadonlyArray<keyof Attributes>;
}

/**
 * Optional parameters that break no rule, within the request schema's limits; keys absent at random, so
 * every combination occurs.
 */
export const attributesArbitrary = memoisedOn(buildAttributesArbitrary);

function buildAttributesArbitrary(
  request: RequestTextLimits,
  constraints: AttributeConstraints,
): fc.Arbitrary<Attributes> {
  const tagCount = Math.min(constraints.maxTags, constraints.maxDrawnTags ?? 4);
  const tags = fc.uniqueArray(
    fc.record({ Key: textArbitrary(request.tagKey), Value: textArbitrary(request.tagValue) }),
    {
      minLength: 1,
      maxLength: Math.max(1, tagCount),
      // Case-insensitively unique: whether a target folds case is not documented.
      selector: (t) => t.Key.toLowerCase(),
    },
  );
  const model = {
    InstantAccess: fc.boolean(),
    InstantAccessRetentionDays: fc.integer({
      min: request.retentionDays.minimum,
      max: request.retentionDays.maximum,
    }),
    Name: textArbitrary(request.name),
    Description: textArbitrary(request.description),
    Tag: tags,
    ResourceGroupId: fc.constantFrom(
      ...(constraints.resourceGroups.length > 0 ? constraints.resourceGroups : ['']),
    ),
    ClientToken: clientTokenArbitrary(),
  };
  const requiredKeys = [...(constraints.required ?? [])];
  return fc.record(model, { requiredKeys }).map((drawn) => settle(drawn, constraints));
}

/** Drops what would break a rule in this context, keeping the draw shrinkable (a plain map). */
export function settle(drawn: Attributes, constraints: AttributeConstraints): Attributes {
  const out: Attributes = { ...drawn };
  if (out.InstantAccess === true && !constraints.instantAccess) out.InstantAccess = false;
  // "takes effect only when InstantAccess is set to true": sent only then, so no reading is needed.
  if (out.InstantAccess !== true) delete out.InstantAccessRetentionDays;
  if (out.ResourceGroupId === '') delete out.ResourceGroupId;
  if (out.Tag !== undefined && out.Tag.length > constraints.maxTags)
    out.Tag = out.Tag.slice(0, constraints.maxTags);
  if (out.Tag !== undefined && out.Tag.length === 0) delete out.Tag;
  return out;
}
