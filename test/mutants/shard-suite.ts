import { beforeAll, expect, it } from 'vitest';
import { loadSpec } from '../../lib/spec/load.js';
import { MUTANTS } from './catalogue.js';
import { type MutantResult, referenceProblem, runMutants, runReference } from './harness.js';
import type { RunSummary } from './run-target.js';
import { killedBy } from './table.js';
import type { Mutant } from './types.js';

/** Time for the reference run and a shard of mutants, a few at once, on a busy 2-core machine. */
const SHARD_TIMEOUT_MS = 300_000;

/**
 * Registers the tests of one shard of the mutant catalogue: the reference emulator must have zero
 * findings (else no mutant is scored), and every mutant of the shard must be killed. A vitest file per
 * shard lets vitest put the shards on different cores: one process runs about one conformance run per
 * second of CPU.
 */
export function mutationShard(index: number, count: number, selection: readonly Mutant[] = MUTANTS): void {
  const mutants = selection.filter((_, at) => at % count === index);
  const results = new Map<string, MutantResult>();
  let reference: RunSummary | undefined;
  let problem: string | undefined;

  beforeAll(async () => {
    const spec = loadSpec();
    reference = await runReference(spec);
    problem = referenceProblem(reference);
    if (problem !== undefined) return;
    for (const result of await runMutants(spec, mutants)) results.set(result.mutant.id, result);
  }, SHARD_TIMEOUT_MS);

  it('the reference emulator passes the whole catalogue with zero findings', () => {
    expect(reference, 'the reference run did not happen').toBeDefined();
    expect(problem, 'the reference emulator has findings: no mutant can be scored').toBeUndefined();
    expect(reference?.verdicts.passed).toBeGreaterThan(0);
  });

  it.each(mutants.map((mutant) => [mutant.id]))('mutant %s is killed', (id) => {
    const result = results.get(id);
    const why =
      problem !== undefined
        ? `not scored: the reference emulator has findings (${problem})`
        : result === undefined
          ? 'not run'
          : result.status === 'survived'
            ? `survived: the suite found nothing wrong with "${result.mutant.description}"`
            : `${result.status}: ${result.error ?? result.summary?.abort ?? killedBy(result.summary)}`;
    expect(result?.status, why).toBe('killed');
  });
}

/**
 * `npm test` kills a sample: the first mutant of every family and every fifth of the rest, so that each
 * family's checks are proven on every change while the suite stays within minutes. `.ci/run` runs the
 * full set with `npm run mutation`; ECS_MUTATION_FULL=1 makes these test files run it too.
 */
export function mutantsForTests(env: NodeJS.ProcessEnv = process.env): readonly Mutant[] {
  if (env.ECS_MUTATION_FULL === '1') return MUTANTS;
  const seenFamilies = new Set<string>();
  return MUTANTS.filter((mutant, at) => {
    const firstOfFamily = !seenFamilies.has(mutant.family);
    seenFamilies.add(mutant.family);
    return firstOfFamily || at % 5 === 0;
  });
}
