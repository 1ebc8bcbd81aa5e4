import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseSource, generateCases } from '../../generators/index.js';
import { sampleSeeded, streamSeeded } from '../../generators/seed.js';
import { defaultSpec } from './helpers.js';

const first = <T>(items: Iterable<T>, count: number): T[] => {
  const out: T[] = [];
  for (const item of items) {
    if (out.length === count) break;
    out.push(item);
  }
  return out;
};

describe('streamed generation (issue 10: --runs 10000 without holding every case)', () => {
  it('draws the values of sampleSeeded, in order, across chunk boundaries', () => {
    const arbitrary = fc.record({ name: fc.string(), tags: fc.array(fc.nat(), { maxLength: 4 }) });
    // Chunks of 100, 200, 400, ...: across the first boundaries and inside a doubled chunk.
    for (const count of [0, 1, 99, 100, 101, 300, 301, 750]) {
      expect([...streamSeeded(arbitrary, 42, count)], `count ${count}`).toEqual(
        sampleSeeded(arbitrary, 42, count),
      );
    }
  });

  it('yields a rule’s cases byte for byte as generateCases does, whether the rule is alone or not', () => {
    const { catalogue, profile, world } = defaultSpec();
    const options = { catalogue, profile, world, seed: 5, runs: 20 };
    const all = generateCases(options);
    const source = caseSource(options);
    expect(source.notCovered).toEqual(all.notCovered);
    expect(source.gaps).toEqual(all.gaps);
    expect(JSON.stringify(source.rules.flatMap((rule) => [...source.casesFor(rule)]))).toBe(
      JSON.stringify(all.cases),
    );
    // Past a chunk of random draws (128), with its neighbours and alone.
    const rules = ['tag.max-count', 'name.min-length', 'valid.boundaries-accepted'];
    const together = generateCases({ ...options, runs: 400, only: rules });
    for (const rule of rules) {
      const alone = caseSource({ ...options, runs: 400, only: [rule] });
      expect(alone.rules).toEqual([rule]);
      expect(JSON.stringify([...alone.casesFor(rule)]), rule).toBe(
        JSON.stringify(together.cases.filter((c) => c.rule === rule)),
      );
    }
  });

  it('knows what is covered without drawing, and draws a rule’s first cases without the rest', () => {
    const { catalogue, profile, world } = defaultSpec();
    // A million random cases per rule: drawn eagerly this would take hours, far past the test's timeout.
    // How fast lazy drawing is belongs to bench/generators.ts, not to an assertion here.
    const source = caseSource({ catalogue, profile, world, seed: 1, runs: 1_000_000 });
    const rule = source.rules.find((id) => id === 'name.min-length');
    expect(rule).toBeDefined();
    const cases = first(source.casesFor(rule as string), 200);
    // The same first cases as a run of 200 random draws: the prefix does not depend on `runs`.
    const small = caseSource({ catalogue, profile, world, seed: 1, runs: 200, only: ['name.min-length'] });
    expect(JSON.stringify(cases)).toBe(JSON.stringify(first(small.casesFor('name.min-length'), 200)));
    expect(new Set(cases.map((c) => c.id)).size).toBe(200);
  });

  it('draws afresh on each call: a rule’s stream can be taken again from its start', () => {
    const { catalogue, profile, world } = defaultSpec();
    const source = caseSource({ catalogue, profile, world, seed: 9, runs: 10, only: ['tag.max-count'] });
    const once = JSON.stringify([...source.casesFor('tag.max-count')]);
    expect(JSON.stringify([...source.casesFor('tag.max-count')])).toBe(once);
    expect([...source.casesFor('no.such-rule')]).toEqual([]);
  });
});
