import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import type { Rule } from '../../lib/spec/catalogue.js';
import { loadSpec } from '../../lib/spec/load.js';

// Issue 16.4: a deviation confined to one transport (only RPC GET, only ACS3 with a form body, only XML
// errors) must not slip through. At the default runs, every protocol rule and every rule with a documented
// error code sends its cases over both signatures, both methods and both formats, whatever the seed.
const spec = loadSpec();

const mustSpread = (rule: Rule): boolean =>
  rule.family === 'protocol' ||
  rule.expected.kind === 'error' ||
  rule.expected.kind === 'one-of' ||
  rule.expected.kind === 'documented-4xx';

describe('every negative travels every transport', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: both signatures, both methods, both formats for each rule', (seed) => {
    const seen = new Map<string, Set<string>>();
    for (const c of generateCases({ ...spec, seed }).cases) {
      const t = c.request.transport;
      const set = seen.get(c.rule) ?? new Set<string>();
      for (const key of [t.signature, t.method, t.format]) set.add(key);
      seen.set(c.rule, set);
    }
    const rules = spec.catalogue.rules.filter((rule) => mustSpread(rule) && seen.has(rule.id));
    expect(rules.length).toBeGreaterThan(50);
    const short = rules
      .map((rule) => [rule.id, [...(seen.get(rule.id) ?? [])].sort().join(' ')])
      .filter(([, keys]) => keys !== 'GET JSON POST XML v2 v3');
    expect(short).toEqual([]);
  });
});
