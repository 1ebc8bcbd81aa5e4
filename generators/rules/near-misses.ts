import type { NearMissField } from '../../lib/cases.js';
import type { TextLimits } from '../../lib/spec/request-limits.js';
import type { GenContext } from '../context.js';
import type { Attributes } from '../valid/attributes.js';
import { avoidsForbidden } from '../values/text.js';

/**
 * Valid values right next to a forbidden word of the request schema (issue 16: over-strict targets): the
 * word later in the value, glued inside a longer word, cut short of its last characters, or in another
 * case. A target that refuses them reads "cannot start with" as "cannot contain", or a prefix as a
 * shorter one. Whether the page's check folds case is not said (catalogue ambiguity forbidden-word-case):
 * a case variant valid in both readings (`HTTP:` cut short) is here; one that only the case-sensitive
 * reading allows (`ACS:x`) is a probe of valid.forbidden-word-other-case, whose outcome is open.
 */
export interface NearMiss {
  value: string;
  what: string;
}

/** Near misses of each field that every reading of the page allows, and the case variants it leaves open. */
export interface FieldNearMisses {
  field: NearMissField;
  valid: NearMiss[];
  otherCase: NearMiss[];
}

/** Lengths and characters of the parameter, forbidden words aside. */
function fits(limits: TextLimits, value: string): boolean {
  const length = [...value].length;
  if (length < limits.minLength || length > limits.maxLength) return false;
  const charset = limits.charset;
  if (charset === undefined) return true;
  const [first = '', ...rest] = [...value];
  return charset.first.includes(first) && rest.every((c) => charset.rest.includes(c));
}

/** Valid in every reading: no forbidden word anywhere it counts, whatever the case. */
const validEverywhere = (limits: TextLimits, value: string): boolean =>
  fits(limits, value) && avoidsForbidden(limits, value);

/** Valid if the words are matched as written, refused if the check folds case. */
function validOnlyAsWritten(limits: TextLimits, value: string): boolean {
  if (!fits(limits, value) || avoidsForbidden(limits, value)) return false;
  return (
    !limits.forbiddenPrefixes.some((word) => value.startsWith(word)) &&
    !limits.forbiddenInfixes.some((word) => value.includes(word))
  );
}

/** The longest proper head of `word` that the parameter's characters allow (`http://` → `http:` in a Name). */
function cutShort(limits: TextLimits, word: string): string | undefined {
  for (let end = word.length - 1; end > 0; end--) {
    const head = word.slice(0, end);
    if (limits.charset === undefined || [...head].every((c) => limits.charset?.rest.includes(c))) return head;
  }
  return undefined;
}

/** The word in another case, alternately all upper case and capitalised (`ACS:`, `Aliyun`); undefined if caseless. */
function otherCase(word: string, k: number): string | undefined {
  const swapped = k % 2 === 0 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1);
  return swapped === word ? undefined : swapped;
}

/** The near misses of one field's forbidden words (`label` names the field in case descriptions). */
export function fieldNearMisses(limits: TextLimits, field: NearMissField, label: string): FieldNearMisses {
  const out: FieldNearMisses = { field, valid: [], otherCase: [] };
  const offer = (list: NearMiss[], ok: boolean, value: string, what: string): void => {
    if (ok && !list.some((m) => m.value === value)) list.push({ value, what: `${label} ${what}` });
  };
  const valid = (value: string, what: string) =>
    offer(out.valid, validEverywhere(limits, value), value, what);
  const open = (value: string, what: string) =>
    offer(out.otherCase, validOnlyAsWritten(limits, value), value, what);
  const words = [
    ...limits.forbiddenPrefixes.map((word) => ({ word, prefix: true })),
    ...limits.forbiddenInfixes.map((word) => ({ word, prefix: false })),
  ];
  words.forEach(({ word, prefix }, k) => {
    // A "cannot contain" word is refused wherever it stands: only its cut and its case are near it.
    const at = (text: string) => (prefix ? `${text}z` : `Xy ${text}z`);
    if (prefix) {
      valid(`Xy ${word}z`, `with ${word} later in it`);
      valid(`Xy${word}z`, `with ${word} inside a longer word`);
    }
    const short = cutShort(limits, word);
    if (short !== undefined) valid(at(short), `with ${short} (${word} cut short)`);
    const swapped = otherCase(word, k);
    if (swapped === undefined) return;
    open(at(swapped), `with ${swapped} (${word} in another case)`);
    // Where the characters forbid the word in any case (a Name holds no '/'), its cut in another case.
    const swappedShort = short === undefined ? undefined : otherCase(short, k);
    if (!validOnlyAsWritten(limits, at(swapped)) && swappedShort !== undefined)
      valid(at(swappedShort), `with ${swappedShort} (${word} cut short, in another case)`);
  });
  return out;
}

/** Every field with forbidden words, as the profile's request limits have them. */
export function allNearMisses(ctx: GenContext): FieldNearMisses[] {
  const { name, description, tagKey, tagValue } = ctx.profile.request;
  return [
    fieldNearMisses(name, 'Name', 'Name'),
    fieldNearMisses(description, 'Description', 'Description'),
    fieldNearMisses(tagKey, 'Tag.N.Key', 'tag key'),
    fieldNearMisses(tagValue, 'Tag.N.Value', 'tag value'),
  ];
}

export interface NearMissProbe {
  what: string;
  attributes: Attributes;
  nearMisses: Partial<Record<NearMissField, number>>;
}

/**
 * Probes of valid.boundaries-accepted, each a request carrying near misses of Name, Description and the
 * tags at once (a create each, so they share): as few requests as the longest list needs.
 */
export function nearMissProbes(ctx: GenContext): NearMissProbe[] {
  const [names, descriptions, keys, values] = allNearMisses(ctx).map((f) => f.valid) as [
    NearMiss[],
    NearMiss[],
    NearMiss[],
    NearMiss[],
  ];
  const perRequest = Math.max(1, ctx.tagLimit(ctx.signer.id));
  const tags = Array.from({ length: Math.max(keys.length, values.length) }, (_, i) => {
    const key = keys[i];
    const value = values[i];
    return {
      tag: { Key: key?.value ?? `near-miss-${i}`, Value: value?.value ?? 'v' },
      key: key?.what,
      value: value?.what,
    };
  });
  const requests = Math.max(names.length, descriptions.length, Math.ceil(tags.length / perRequest));
  return Array.from({ length: requests }, (_, i) => {
    const attributes: Attributes = {};
    const what: string[] = [];
    const counts: Partial<Record<NearMissField, number>> = {};
    const count = (field: NearMissField, n: number) => {
      if (n > 0) counts[field] = n;
    };
    const n = names[i];
    const d = descriptions[i];
    if (n !== undefined) {
      attributes.Name = n.value;
      what.push(n.what);
      count('Name', 1);
    }
    if (d !== undefined) {
      attributes.Description = d.value;
      what.push(d.what);
      count('Description', 1);
    }
    const chunk = tags.slice(i * perRequest, (i + 1) * perRequest);
    if (chunk.length > 0) {
      attributes.Tag = chunk.map((t) => t.tag);
      for (const t of chunk) what.push(...[t.key, t.value].filter((w): w is string => w !== undefined));
      count('Tag.N.Key', chunk.filter((t) => t.key !== undefined).length);
      count('Tag.N.Value', chunk.filter((t) => t.value !== undefined).length);
    }
    return { what: `near misses: ${what.join('; ')}`, attributes, nearMisses: counts };
  });
}
