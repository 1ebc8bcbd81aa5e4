import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../generators/index.js';
import { loadProfile } from '../../lib/spec/load.js';
import type { World } from '../../lib/spec/world.js';
import {
  acceptableFor,
  BORROWS_FAULTS,
  defaultSpec,
  expectedByRule,
  INSEPARABLE,
  isCreateCase,
  isProbe,
  outcomeKey,
  verdictOf,
} from './helpers.js';
import { UNSETTLED } from './rule-evaluator.js';

/** Any part of the default world: some instances and disks removed, quotas changed. */
const subWorld = (world: World): fc.Arbitrary<World> =>
  fc
    .tuple(fc.subarray(world.instances), fc.subarray(world.disks), fc.integer({ min: 0, max: 40 }))
    .map(([instances, disks, snapshots]) => ({
      ...world,
      name: 'sub',
      accounts: world.accounts.map((a, i) => (i === 0 ? { ...a, quotas: { ...a.quotas, snapshots } } : a)),
      instances,
      // A disk on a removed instance becomes a detached one, as it would be in a real account.
      disks: disks.map((d) =>
        d.instance !== null && !instances.some((i) => i.id === d.instance)
          ? { ...d, instance: null, status: 'Available' as const }
          : d,
      ),
    }));

describe('generation in arbitrary worlds', () => {
  const { catalogue, profile, world } = defaultSpec();
  const expected = expectedByRule();

  it('covers or lists every rule and labels every case as the evaluator reads it', () => {
    fc.assert(
      fc.property(subWorld(world), fc.integer({ min: 1, max: 1000 }), (w, seed) => {
        const { cases, notCovered } = generateCases({ catalogue, profile, world: w, seed, runs: 1 });
        const covered = new Set(cases.map((c) => c.rule));
        for (const rule of catalogue.rules) {
          expect(covered.has(rule.id) !== notCovered.some((n) => n.rule === rule.id), rule.id).toBe(true);
        }
        for (const c of cases.filter(isCreateCase)) {
          const broken = [...verdictOf(w, profile, c).broken].sort();
          if (c.expected.kind === 'success') expect(broken, c.id).toEqual([]);
          else if (isProbe(c)) expect(broken, c.id).toEqual([UNSETTLED]);
          else if (c.kind === 'multi-fault' || BORROWS_FAULTS.has(c.rule)) {
            if (c.kind === 'multi-fault')
              expect(outcomeKey(c.expected), c.id).toBe(outcomeKey(acceptableFor(broken, expected)));
          } else
            expect(broken, `${c.id}: ${c.description}`).toEqual(
              [c.rule, ...(INSEPARABLE[c.rule] ?? [])].sort(),
            );
        }
      }),
      { seed: 5, numRuns: 12 },
    );
  });

  it('labels the cases of the SDK profile by its limits', () => {
    const sdk = loadProfile('sdk-7.11');
    const sdkExpected = expectedByRule({ catalogue, profile: sdk, world });
    const { cases } = generateCases({ catalogue, profile: sdk, world, seed: 3, runs: 1 });
    expect(cases.some((c) => c.request.params.some(([n]) => n === 'DiskId.129'))).toBe(true);
    for (const c of cases.filter(isCreateCase)) {
      const broken = [...verdictOf(world, sdk, c).broken].sort();
      if (c.expected.kind === 'success') expect(broken, c.id).toEqual([]);
      else if (isProbe(c)) expect(broken, c.id).toEqual([UNSETTLED]);
      else if (c.kind === 'multi-fault')
        expect(outcomeKey(c.expected), c.id).toBe(outcomeKey(acceptableFor(broken, sdkExpected)));
      else if (!BORROWS_FAULTS.has(c.rule))
        expect(broken, c.id).toEqual([c.rule, ...(INSEPARABLE[c.rule] ?? [])].sort());
    }
  });
});
