/** The optional parameters' rules, read from the page (Name, Description, Tag.N, instant access, token). */
import type { WireParams } from '../../lib/cases.js';
import type { Profile } from '../../lib/spec/catalogue.js';
import type { Account } from '../../lib/spec/world.js';

/** Pseudo-rule for requests the catalogue leaves unsettled: a generated case must never contain one. */
export const UNSETTLED = 'unsettled';

/** Lengths in code points (catalogue: length-in-characters). */
const length = (s: string): number => [...s].length;
const urlPrefix = (s: string): boolean => s.startsWith('http://') || s.startsWith('https://');
const hasUrl = (s: string): boolean => s.includes('http://') || s.includes('https://');
const reservedKey = (s: string): boolean => s.startsWith('acs:') || s.startsWith('aliyun');
const reservedValue = (s: string): boolean => s.startsWith('acs:');
/** A forbidden word in another case only (`ACS:x`): refused in one reading (catalogue: forbidden-word-case). */
const otherCaseOnly = (s: string, forbidden: (s: string) => boolean): boolean =>
  !forbidden(s) && forbidden(s.toLowerCase());

export function attributeFaults(params: WireParams, account: Account, profile: Profile): string[] {
  const out: string[] = [];
  const get = (name: string) => params.find(([n]) => n === name)?.[1];

  // Catalogue: an empty Name or Description is absent (empty-optional-strings).
  const name = get('Name');
  if (name !== undefined && name !== '') {
    if (length(name) < 2) out.push('name.min-length');
    if (length(name) > 128) out.push('name.max-length');
    const outside = name.replace(/[A-Za-z0-9._:-]/g, '');
    // Non-ASCII letters are asserted neither way (catalogue: name-letters).
    if (/\p{L}/u.test(outside)) out.push(UNSETTLED);
    if (/[^\p{L}]/u.test(outside)) out.push('name.charset');
    // A first letter outside ASCII is a letter in one reading only: unsettled (pushed above), not a fault.
    if (!/^[A-Za-z]/.test(name) && !/^\p{L}/u.test(name)) out.push('name.starts-with-letter');
    if (urlPrefix(name)) out.push('name.no-url-prefix');
    if (otherCaseOnly(name, urlPrefix)) out.push(UNSETTLED);
  }
  const description = get('Description');
  if (description !== undefined && description !== '') {
    if (length(description) < 2) out.push('description.min-length');
    if (length(description) > 256) out.push('description.max-length');
    if (urlPrefix(description)) out.push('description.no-url-prefix');
    if (otherCaseOnly(description, urlPrefix)) out.push(UNSETTLED);
  }

  const tags = new Map<string, { key?: string; value?: string }>();
  for (const [n, v] of params) {
    const m = /^Tag\.([^.]+)\.(Key|Value)$/.exec(n);
    if (m === null) continue;
    const tag = tags.get(m[1] as string) ?? {};
    if (m[2] === 'Key') tag.key = v;
    else tag.value = v;
    tags.set(m[1] as string, tag);
  }
  const keys: string[] = [];
  for (const { key, value } of tags.values()) {
    // Catalogue: Tag.N.Value without Tag.N.Key is an empty key (tag-value-without-key).
    if (key === undefined || key === '') out.push('tag.key-not-empty');
    else {
      keys.push(key);
      if (length(key) > 128) out.push('tag.key-max-length');
      if (reservedKey(key)) out.push('tag.key-reserved-prefix');
      if (hasUrl(key)) out.push('tag.key-no-url');
      if (otherCaseOnly(key, reservedKey) || otherCaseOnly(key, hasUrl)) out.push(UNSETTLED);
    }
    if (value !== undefined) {
      if (length(value) > 128) out.push('tag.value-max-length');
      if (reservedValue(value)) out.push('tag.value-reserved-prefix');
      if (hasUrl(value)) out.push('tag.value-no-url');
      if (otherCaseOnly(value, reservedValue) || otherCaseOnly(value, hasUrl)) out.push(UNSETTLED);
    }
  }
  if (new Set(keys).size < keys.length) out.push('tag.key-unique');
  if (tags.size > profile.limits.maxTags) out.push('tag.max-count');

  const instantAccess = get('InstantAccess');
  if (instantAccess !== undefined && instantAccess !== 'true' && instantAccess !== 'false') {
    out.push('instant-access.boolean');
  }
  const days = get('InstantAccessRetentionDays');
  if (days !== undefined) {
    // Catalogue: retention days without InstantAccess=true are asserted neither way.
    if (instantAccess !== 'true') out.push(UNSETTLED);
    else if (!/^-?[0-9]+$/.test(days)) out.push('retention-days.integer');
    else if (Number(days) < 1 || Number(days) > 65535) out.push('retention-days.range');
  }
  const token = get('ClientToken');
  if (token !== undefined) {
    if (token === '') out.push(UNSETTLED);
    else if (length(token) > 64 || !/^[\x20-\x7e]*$/.test(token)) out.push('client-token.format');
  }
  const group = get('ResourceGroupId');
  if (group !== undefined && !account.resourceGroups.includes(group)) out.push('resource-group.exists');
  return out;
}
