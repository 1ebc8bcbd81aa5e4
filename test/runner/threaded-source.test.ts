import { describe, expect, it } from 'vitest';
import { caseSource } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { THREAD_MIN_RUNS, threadedCaseSource } from '../../lib/runner/threaded-source.js';
import { defaultSpec } from '../generators/helpers.js';

/** The same cases, byte for byte; a difference shows as the ids (the texts are long). */
function expectSameCases(actual: Iterable<Case>, expected: Iterable<Case>, label: string): void {
  const [a, b] = [[...actual], [...expected]];
  expect(
    a.map((c) => c.id),
    label,
  ).toEqual(b.map((c) => c.id));
  expect(JSON.stringify(a) === JSON.stringify(b), label).toBe(true);
}

// The drawing thread runs the compiled generators (dist/), which `npm test` builds before vitest runs.
describe('cases drawn in a worker thread (issue 20)', () => {
  it('yields every rule’s cases byte for byte as caseSource does, in order, across batches', async () => {
    const { catalogue, profile, world } = defaultSpec();
    const options = { catalogue, profile, world, seed: 11, runs: 150 };
    const local = caseSource(options);
    const threaded = await threadedCaseSource(options, true);
    try {
      expect(threaded.threaded).toBe(true);
      expect(threaded.rules).toEqual(local.rules);
      expect(threaded.notCovered).toEqual(local.notCovered);
      for (const rule of local.rules) {
        expectSameCases(threaded.casesFor(rule), local.casesFor(rule), rule);
      }
      expect(threaded.drawnElsewhereMs?.()).toBeGreaterThan(0);
    } finally {
      await threaded.close();
    }
  });

  it('drops a rule left half taken (a stopped run) and draws the next one whole', async () => {
    const { catalogue, profile, world } = defaultSpec();
    const options = { catalogue, profile, world, seed: 3, runs: 400 };
    const local = caseSource(options);
    const threaded = await threadedCaseSource(options, true);
    try {
      // Rules of more than one batch, so that the half-taken one still has batches coming.
      const [first, second] = local.rules.filter((rule) => local.plannedFor(rule) > 200);
      if (first === undefined || second === undefined) throw new Error('two rules of 200 cases expected');
      const left = threaded.casesFor(first)[Symbol.iterator]();
      left.next();
      left.next();
      expectSameCases(threaded.casesFor(second), local.casesFor(second), second);
      // The half-taken rule's iterator cannot silently go on with another rule's cases.
      expect(() => [...{ [Symbol.iterator]: () => left }]).toThrow(/left for another rule/);
    } finally {
      await threaded.close();
    }
  });

  it('keeps runs below THREAD_MIN_RUNS in the run’s own thread', async () => {
    const { catalogue, profile, world } = defaultSpec();
    const options = { catalogue, profile, world, seed: 1 };
    expect((await threadedCaseSource({ ...options, runs: THREAD_MIN_RUNS - 1 })).threaded).toBe(false);
    const forced = await threadedCaseSource({ ...options, runs: 3 }, true);
    expect(forced.threaded).toBe(true);
    await forced.close();
  });
});
