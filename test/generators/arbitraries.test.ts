import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseArbitrary, caseContext, familyArbitrary } from '../../generators/index.js';
import { ToolError } from '../../lib/errors.js';
import {
  acceptableFor,
  defaultSpec,
  expectedByRule,
  INSEPARABLE,
  isProbe,
  outcomeKey,
  verdictOf,
} from './helpers.js';
import { UNSETTLED } from './rule-evaluator.js';
import { smallWorld } from './world-fixture.js';

describe('arbitraries for property tests', () => {
  const spec = defaultSpec();
  const ctx = caseContext(spec);
  const expected = expectedByRule();

  it.each(['request-shape', 'disk-state', 'instance-account', 'protocol', 'idempotency'] as const)(
    'draws %s cases whose labels the evaluator confirms',
    (family) => {
      fc.assert(
        fc.property(familyArbitrary(ctx, family), (c) => {
          const broken = [...verdictOf(spec.world, spec.profile, c).broken].sort();
          if (c.expected.kind === 'success') return broken.length === 0;
          if (isProbe(c)) return JSON.stringify(broken) === JSON.stringify([UNSETTLED]);
          if (c.kind === 'multi-fault')
            return outcomeKey(c.expected) === outcomeKey(acceptableFor(broken, expected));
          return JSON.stringify(broken) === JSON.stringify([c.rule, ...(INSEPARABLE[c.rule] ?? [])].sort());
        }),
        { seed: 7, numRuns: 60 },
      );
    },
  );

  it('draws valid creates that break nothing', () => {
    fc.assert(
      fc.property(
        familyArbitrary(ctx, 'state'),
        // state.no-side-effects sends refusals of its own: what they leave is what it looks at.
        (c) => c.rule === 'state.no-side-effects' || verdictOf(spec.world, spec.profile, c).broken.size === 0,
      ),
      { seed: 3, numRuns: 40 },
    );
  });

  it.each([11, 12, 13])('shrinks a failing case to a minimal request (seed %i)', (seed) => {
    // A property that "fails" on Names longer than 130 characters: the counterexample must shrink to
    // the shortest such Name (of the smallest letters), on a request stripped of what it does not need:
    // one disk named by DiskId.1 (the target's forms cross-shrink toward a DiskId.N list).
    const details = fc.check(
      fc.property(caseArbitrary(ctx, 'name.max-length'), (c) => {
        const name = c.request.params.find(([n]) => n === 'Name')?.[1] ?? '';
        return name.length <= 130;
      }),
      { seed, numRuns: 200 },
    );
    expect(details.failed).toBe(true);
    const [shrunk] = details.counterexample ?? [];
    const params = shrunk?.request.params ?? [];
    expect(params.find(([n]) => n === 'Name')?.[1]).toBe(`A${'A'.repeat(130)}`);
    expect(params.filter(([n]) => n.startsWith('DiskId.') || n === 'InstanceId')).toHaveLength(1);
    // RegionId, Name, one disk, and at most the second fault of a multi-fault case.
    expect(params.length).toBeLessThanOrEqual(shrunk?.kind === 'multi-fault' ? 4 : 3);
  });

  it('refuses a rule the world cannot reach', () => {
    const small = caseContext({ ...spec, world: smallWorld() });
    expect(() => caseArbitrary(small, 'disk.category-essd')).toThrow(ToolError);
  });
});
