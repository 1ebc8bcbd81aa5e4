import type { TextLimits } from '../../lib/spec/request-limits.js';
import type { GenContext } from '../context.js';
import type { Attributes } from '../valid/attributes.js';
import { avoidsForbidden } from '../values/text.js';

/**
 * Valid values right next to a forbidden word of the request schema (issue 16: over-strict targets): the
 * word later in the value, glued inside a longer word, or cut short of its last characters. A target
 * that refuses them reads "cannot start with" as "cannot contain", or a prefix as a shorter one. Case
 * variants (`ACS:`) are left out: the page does not say whether the check folds case.
 */
interface NearMiss {
  value: string;
  what: string;
}

/** Whether the value is valid for the parameter: lengths, pattern, and no forbidden word anywhere it counts. */
function valid(limits: TextLimits, value: string): boolean {
  const length = [...value].length;
  if (length < limits.minLength || length > limits.maxLength) return false;
  const charset = limits.charset;
  if (charset !== undefined) {
    const [first = '', ...rest] = [...value];
    if (!charset.first.includes(first) || rest.some((c) => !charset.rest.includes(c))) return false;
  }
  return avoidsForbidden(limits, value);
}

/** The longest proper head of `word` that the parameter's characters allow (`http://` → `http:` in a Name). */
function cutShort(limits: TextLimits, word: string): string | undefined {
  for (let end = word.length - 1; end > 0; end--) {
    const head = word.slice(0, end);
    if (limits.charset === undefined || [...head].every((c) => limits.charset?.rest.includes(c))) return head;
  }
  return undefined;
}

function nearMisses(limits: TextLimits, name: string): NearMiss[] {
  const out: NearMiss[] = [];
  const offer = (value: string, what: string): void => {
    if (valid(limits, value) && !out.some((m) => m.value === value))
      out.push({ value, what: `${name} ${what}` });
  };
  for (const word of limits.forbiddenPrefixes) {
    offer(`Xy ${word}z`, `with ${word} later in it`);
    offer(`Xy${word}z`, `with ${word} inside a longer word`);
    const short = cutShort(limits, word);
    if (short !== undefined) offer(`${short}z`, `starting with ${short} (${word} cut short)`);
  }
  for (const word of limits.forbiddenInfixes) {
    const short = cutShort(limits, word);
    if (short !== undefined) offer(`Xy ${short}z`, `containing ${short} (${word} cut short)`);
  }
  return out;
}

/**
 * Probes of valid.boundaries-accepted, each a request carrying near misses of Name, Description and the
 * tags at once (a create each, so they share): as few requests as the longest list needs.
 */
export function nearMissProbes(ctx: GenContext): Array<{ what: string; attributes: Attributes }> {
  const { name, description, tagKey, tagValue } = ctx.profile.request;
  const names = nearMisses(name, 'Name');
  const descriptions = nearMisses(description, 'Description');
  const keys = nearMisses(tagKey, 'tag key');
  const values = nearMisses(tagValue, 'tag value');
  const perRequest = Math.max(1, ctx.tagLimit(ctx.signer.id));
  const tags = Array.from({ length: Math.max(keys.length, values.length) }, (_, i) => {
    const key = keys[i];
    const value = values[i];
    return {
      tag: { Key: key?.value ?? `near-miss-${i}`, Value: value?.value ?? 'v' },
      what: [key?.what, value?.what].filter((w): w is string => w !== undefined),
    };
  });
  const requests = Math.max(names.length, descriptions.length, Math.ceil(tags.length / perRequest));
  return Array.from({ length: requests }, (_, i) => {
    const attributes: Attributes = {};
    const what: string[] = [];
    const n = names[i];
    const d = descriptions[i];
    if (n !== undefined) {
      attributes.Name = n.value;
      what.push(n.what);
    }
    if (d !== undefined) {
      attributes.Description = d.value;
      what.push(d.what);
    }
    const chunk = tags.slice(i * perRequest, (i + 1) * perRequest);
    if (chunk.length > 0) {
      attributes.Tag = chunk.map((t) => t.tag);
      what.push(...chunk.flatMap((t) => t.what));
    }
    return { what: `near misses: ${what.join('; ')}`, attributes };
  });
}
