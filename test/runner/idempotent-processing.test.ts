import { afterAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { SIMULTANEOUS_DUPLICATES } from '../../lib/cases.js';
import { PROCESSING_ROUNDS } from '../../lib/runner/case-runner.js';
import { type RunEvent, runConformance } from '../../lib/runner/index.js';
import { loadSpec } from '../../lib/spec/load.js';

const spec = loadSpec();
const RULE = 'idempotency.processing';
const emulators: RunningEmulator[] = [];

afterAll(async () => {
  await Promise.all(emulators.map((emulator) => emulator.close()));
});

/** Runs only idempotency.processing against the reference emulator with the given processing time. */
async function runProcessing(idempotentProcessingMs: number, rate?: number) {
  const emulator = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    idempotentProcessingMs,
  });
  emulators.push(emulator);
  const events: RunEvent[] = [];
  const outcome = await runConformance({
    ...spec,
    seed: 7,
    runs: 1,
    only: [RULE],
    transports: [{ signature: 'v3', method: 'POST', body: 'form', format: 'JSON' }],
    target: emulator.url,
    snapshotWait: { timeoutMs: 5_000, intervalMs: 10 },
    onEvent: (event) => events.push(event),
    ...(rate !== undefined && { rate }),
  });
  const rule = outcome.rules.find((result) => result.id === RULE);
  const groupsCreated = events.filter((event) => event.type === 'cleanup').length;
  return { outcome, rule, groupsCreated };
}

describe('idempotency.processing: one ClientToken, at most one group', () => {
  it('passes a target that serialises same-token requests, saying IdempotentProcessing was not observed, after a few rounds', async () => {
    const { outcome, rule, groupsCreated } = await runProcessing(0);
    expect(outcome.leftBehind).toEqual([]);
    expect(rule?.verdict).toBe('passed');
    expect(rule?.findings).toEqual([]);
    expect(rule?.reason).toContain('IdempotentProcessing itself was not observed');
    expect(rule?.reason).toContain(`all ${SIMULTANEOUS_DUPLICATES} simultaneous requests`);
    expect(rule?.reason).toContain(`in each of ${PROCESSING_ROUNDS} rounds`);
    // Every round made (and deleted) its own group: each case tried PROCESSING_ROUNDS times.
    expect(groupsCreated).toBe(rule?.casesRun === undefined ? -1 : rule.casesRun * PROCESSING_ROUNDS);
  });

  it('sees IdempotentProcessing from a target that holds the token, even under a rate cap', async () => {
    // At 20 requests/s requests spaced by the cap arrive 50 ms apart: after a 30 ms processing ended.
    const { rule, groupsCreated } = await runProcessing(30, 20);
    expect(rule?.verdict).toBe('passed');
    expect(rule?.reason).toBeUndefined();
    expect(rule?.findings).toEqual([]);
    // One group per case: the first round already saw the 403, no further round was needed.
    expect(groupsCreated).toBe(rule?.casesRun);
  });
});
