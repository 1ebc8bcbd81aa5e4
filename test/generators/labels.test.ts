import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import {
  acceptableFor,
  BORROWS_FAULTS,
  casesFor,
  defaultSpec,
  expectedByRule,
  INSEPARABLE,
  isCreateCase,
  isProbe,
  outcomeKey,
  verdictOf,
} from './helpers.js';
import { UNSETTLED } from './rule-evaluator.js';

const SEEDS = [1, 2];

describe.each(SEEDS)('labels of the default cases, seed %i (checked by an independent evaluator)', (seed) => {
  const { world, profile } = defaultSpec();
  const expected = expectedByRule();
  const cases = casesFor(seed).cases.filter(isCreateCase);
  const broken = (c: Case) => [...verdictOf(world, profile, c).broken].sort();

  it('never leaves the catalogue’s settled ground, except in robustness probes', () => {
    const unsettled = cases.filter((c) => !isProbe(c) && broken(c).includes(UNSETTLED)).map((c) => c.id);
    expect(unsettled).toEqual([]);
  });

  it('makes each robustness probe valid but for the unsettled reading, declaring what it may create', () => {
    const probes = cases.filter(isProbe);
    expect(probes.length).toBeGreaterThanOrEqual(3);
    for (const c of probes) {
      expect(broken(c), `${c.id}: ${c.description}`).toEqual([UNSETTLED]);
      const { snapshots } = verdictOf(world, profile, c);
      expect([...(c.expectGroup?.disks ?? [])].sort(), c.id).toEqual([...(snapshots ?? [])].sort());
      expect([...c.disks].sort(), c.id).toEqual([...(snapshots ?? [])].sort());
      expect(c.expectGroup?.name, c.id).toBe(c.request.params.find(([n]) => n === 'Name')?.[1]);
    }
  });

  it('labels each case that must succeed with a request that breaks no rule', () => {
    const successes = cases.filter((c) => c.expected.kind === 'success');
    expect(successes.length).toBeGreaterThan(20);
    const wrong = successes.filter((c) => broken(c).length > 0).map((c) => `${c.id}: ${broken(c).join(',')}`);
    expect(wrong).toEqual([]);
  });

  it('describes what a success leaves behind: exactly the disks the request names', () => {
    const successes = cases.filter((x) => x.expected.kind === 'success');
    // Its own precondition: an empty list would pass the loop below.
    expect(successes.length).toBeGreaterThan(20);
    for (const c of successes) {
      const { snapshots } = verdictOf(world, profile, c);
      expect(c.expectGroup, c.id).toBeDefined();
      expect([...(c.expectGroup?.disks ?? [])].sort(), c.id).toEqual([...(snapshots ?? [])].sort());
      expect([...c.disks].sort(), c.id).toEqual([...(snapshots ?? [])].sort());
    }
  });

  it('makes each single-fault case break exactly its rule, labelled with the rule’s outcome', () => {
    const single = cases.filter(
      (c) =>
        c.kind !== 'multi-fault' &&
        c.expected.kind !== 'success' &&
        !isProbe(c) &&
        !BORROWS_FAULTS.has(c.rule),
    );
    expect(single.length).toBeGreaterThan(200);
    for (const c of single) {
      const want = [c.rule, ...(INSEPARABLE[c.rule] ?? [])].sort();
      expect(broken(c), `${c.id}: ${c.description}`).toEqual(want);
      expect(outcomeKey(c.expected), c.id).toBe(outcomeKey(acceptableFor(want, expected)));
    }
  });

  it.each([...BORROWS_FAULTS])('labels %s cases as its rule says, each with exactly one fault', (rule) => {
    const borrowing = cases.filter((c) => c.rule === rule);
    expect(borrowing.length).toBeGreaterThanOrEqual(2);
    for (const c of borrowing) {
      expect(broken(c), c.id).toHaveLength(1);
      expect(c.expected).toEqual(expected.get(rule));
    }
  });

  it('labels multi-fault cases with any outcome of the rules they break', () => {
    const multi = cases.filter((c) => c.kind === 'multi-fault');
    expect(multi.length).toBeGreaterThan(30);
    for (const c of multi) {
      const rules = broken(c);
      expect(rules.length, `${c.id}: ${rules.join(',')}`).toBeGreaterThanOrEqual(2);
      expect(rules).toContain(c.rule);
      expect(outcomeKey(c.expected), c.id).toBe(outcomeKey(acceptableFor(rules, expected)));
    }
  });

  it('declares the disks of every case that may snapshot, prelude included', () => {
    const withPrelude = cases.filter((x) => x.prelude?.some((p) => p.action === 'CreateSnapshotGroup'));
    // Every idempotency case has one (three rules, the parameter-mismatch cases alone number 13).
    expect(withPrelude.length).toBeGreaterThanOrEqual(15);
    for (const c of withPrelude) {
      expect(c.disks.length, c.id).toBeGreaterThan(0);
    }
  });
});
