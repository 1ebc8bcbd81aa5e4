import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { loadSpec } from '../../lib/spec/load.js';
import type { TextLimits } from '../../lib/spec/request-limits.js';

// Issue 16.3: every "cannot start with X" and "cannot contain X" rule of Name, Description, Tag.N.Key and
// Tag.N.Value has valid values right next to X: X later in the value, X inside a longer word, X cut
// short, X in another case. Those valid in every reading must be accepted (valid.boundaries-accepted);
// the case variants only a case-sensitive reading allows are the open probe valid.forbidden-word-other-case.
const spec = loadSpec();
const MUST = 'valid.boundaries-accepted';
const OPEN = 'valid.forbidden-word-other-case';

type Field = 'Name' | 'Description' | 'Tag.N.Key' | 'Tag.N.Value';
const FIELDS: Array<[Field, TextLimits, RegExp]> = [
  ['Name', spec.profile.request.name, /^Name$/],
  ['Description', spec.profile.request.description, /^Description$/],
  ['Tag.N.Key', spec.profile.request.tagKey, /^Tag\.\d+\.Key$/],
  ['Tag.N.Value', spec.profile.request.tagValue, /^Tag\.\d+\.Value$/],
];

/** The values of a field in the rule's cases that count near misses of it (fillers of other fields' tags too). */
const valuesOf = (cases: Case[], rule: string, field: Field, name: RegExp): string[] =>
  cases
    .filter((c) => c.rule === rule && c.nearMisses?.[field] !== undefined)
    .flatMap((c) => c.request.params.filter(([n]) => name.test(n)).map(([, v]) => v));

/** Proper heads of the word, longest first: `http:/`, `http:`, ... */
const heads = (word: string): string[] =>
  Array.from({ length: word.length - 1 }, (_, i) => word.slice(0, word.length - 1 - i));

const bullets = (word: string, prefix: boolean, must: string[], open: string[]) => {
  const lower = word.toLowerCase();
  const at = (v: string, w: string) => v.indexOf(w);
  return {
    later: must.some((v) => at(v, word) > 0 && v[at(v, word) - 1] === ' '),
    inside: must.some((v) => at(v, word) > 0 && /\p{L}/u.test(v[at(v, word) - 1] ?? '')),
    cut: must.some(
      (v) =>
        !v.toLowerCase().includes(lower) &&
        heads(word).some((h) => (prefix ? v.startsWith(h) : v.includes(h))),
    ),
    otherCase:
      open.some((v) => v.toLowerCase().includes(lower) && !v.includes(word)) ||
      // Where the characters forbid the word in any case (a Name has no '/'), its cut in another case.
      must.some((v) =>
        heads(word).some((h) => {
          const head = v.slice(0, h.length);
          return head !== h && head.toLowerCase() === h && h !== h.toUpperCase();
        }),
      ),
  };
};

describe('near misses of the forbidden words (issue 16.3)', () => {
  it.each([1, 2, 3])('seed %i: every bullet for every forbidden word of every field', (seed) => {
    const { cases } = generateCases({ ...spec, seed });
    const covered: Record<string, ReturnType<typeof bullets>> = {};
    for (const [field, limits, name] of FIELDS) {
      const must = valuesOf(cases, MUST, field, name);
      const open = valuesOf(cases, OPEN, field, name);
      for (const word of limits.forbiddenPrefixes)
        covered[`${field} ^${word}`] = bullets(word, true, must, open);
      for (const word of limits.forbiddenInfixes)
        covered[`${field} ${word}`] = bullets(word, false, must, open);
    }
    const all = { later: true, inside: true, cut: true, otherCase: true };
    // "Later" and "inside" apply to "cannot start with" only; a Name holds neither ' ' nor '/'.
    const infix = { later: false, inside: false, cut: true, otherCase: true };
    const nameUrl = { later: false, inside: false, cut: true, otherCase: true };
    expect(covered).toEqual({
      'Name ^http://': nameUrl,
      'Name ^https://': nameUrl,
      'Description ^http://': all,
      'Description ^https://': all,
      'Tag.N.Key ^acs:': all,
      'Tag.N.Key ^aliyun': all,
      'Tag.N.Key http://': infix,
      'Tag.N.Key https://': infix,
      'Tag.N.Value ^acs:': all,
      'Tag.N.Value http://': infix,
      'Tag.N.Value https://': infix,
    });
  });

  it('valid.boundaries-accepted sends only values valid in every reading; the open probe only case variants', () => {
    const { cases } = generateCases({ ...spec, seed: 1 });
    for (const [field, limits, name] of FIELDS) {
      const words = [...limits.forbiddenPrefixes, ...limits.forbiddenInfixes].map((w) => w.toLowerCase());
      const folded = (v: string) =>
        limits.forbiddenPrefixes.some((w) => v.toLowerCase().startsWith(w.toLowerCase())) ||
        limits.forbiddenInfixes.some((w) => v.toLowerCase().includes(w.toLowerCase()));
      const asWritten = (v: string) =>
        limits.forbiddenPrefixes.some((w) => v.startsWith(w)) ||
        limits.forbiddenInfixes.some((w) => v.includes(w));
      expect(words.length).toBeGreaterThan(0);
      for (const v of valuesOf(cases, MUST, field, name)) expect(folded(v), v).toBe(false);
      for (const v of valuesOf(cases, OPEN, field, name)) {
        expect(folded(v), v).toBe(true);
        expect(asWritten(v), v).toBe(false);
      }
    }
  });

  it('each near-miss case counts its values per field, and expects its group to store them as sent', () => {
    const { cases } = generateCases({ ...spec, seed: 1 });
    const nearMissCases = cases.filter((c) => c.nearMisses !== undefined);
    expect(nearMissCases.map((c) => c.rule)).toContain(MUST);
    expect(nearMissCases.map((c) => c.rule)).toContain(OPEN);
    for (const c of nearMissCases) {
      const sent = (name: RegExp) => c.request.params.filter(([n]) => name.test(n)).map(([, v]) => v);
      const group = c.expectGroup;
      expect(group, c.id).toBeDefined();
      if (group === undefined) continue;
      expect(sent(/^Name$/)).toEqual(group.name === undefined ? [] : [group.name]);
      expect(sent(/^Description$/)).toEqual(group.description === undefined ? [] : [group.description]);
      expect(sent(/^Tag\.\d+\.Key$/)).toEqual(group.tags.map((t) => t.key));
      expect(sent(/^Tag\.\d+\.Value$/)).toEqual(group.tags.map((t) => t.value));
      for (const [field, count] of Object.entries(c.nearMisses ?? {}))
        expect(count, `${c.id} ${field}`).toBeGreaterThan(0);
    }
    // The open probe's cases each hold one field's case variants, so that each field's reading shows alone,
    // and each may be refused only with that field's codes.
    const codes: Record<string, string[]> = {
      Description: ['InvalidDescription.Malformed 404', 'InvalidParameter.Description 400'],
      'Tag.N.Key': ['InvalidTagKey.Malformed 400'],
      'Tag.N.Value': ['InvalidTagValue.Malformed 400'],
    };
    for (const c of nearMissCases.filter((k) => k.rule === OPEN)) {
      const fields = Object.keys(c.nearMisses ?? {});
      expect(fields, c.id).toHaveLength(1);
      expect(c.expected.kind, c.id).toBe('success-or-one-of');
      const pairs = c.expected.kind === 'success-or-one-of' ? c.expected.alternatives : [];
      expect([...new Set(pairs.map((p) => `${p.code} ${p.status}`))].sort(), c.id).toEqual(
        codes[fields[0] ?? ''],
      );
    }
  });
});
