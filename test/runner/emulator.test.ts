import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { generateCases } from '../../generators/index.js';
import { runConformance } from '../../lib/runner/index.js';
import { loadSpec } from '../../lib/spec/load.js';

const spec = loadSpec();
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    idempotentProcessingMs: 50,
  });
});
afterAll(async () => {
  await emulator.close();
});

describe('runConformance against the reference emulator', () => {
  it.each([1, 2])(
    'seed %i: zero findings, every coverable rule passes, nothing left behind',
    async (seed) => {
      const transports = [
        { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' },
        { signature: 'v2', method: 'POST', body: 'form', format: 'XML' },
        { signature: 'v2', method: 'GET', body: 'query', format: 'JSON' },
      ] as const;
      const input = { ...spec, seed, runs: 1, transports: [...transports] };
      const outcome = await runConformance({
        ...input,
        target: emulator.url,
        snapshotWait: { timeoutMs: 5_000, intervalMs: 20 },
      });
      const notCovered = new Set(generateCases(input).notCovered.map((entry) => entry.rule));
      for (const rule of outcome.rules) {
        expect([rule.id, rule.verdict]).toEqual([
          rule.id,
          notCovered.has(rule.id) ? 'not-covered' : 'passed',
        ]);
      }
      const findings = outcome.rules.flatMap((rule) => rule.findings);
      expect(findings).toEqual([]);
      expect(outcome.abort).toBeUndefined();
      expect(outcome.leftBehind).toEqual([]);
      expect(outcome.rules.filter((rule) => rule.verdict === 'passed').length).toBeGreaterThan(60);
    },
  );
});

describe('snapshot progress', () => {
  it('waits until each group is accomplished before its disks are used again', async () => {
    const slow = await startEmulator({
      world: spec.world,
      limits: spec.profile.limits,
      snapshotDurationMs: 120,
    });
    try {
      let groups = 0;
      const outcome = await runConformance({
        ...spec,
        target: slow.url,
        seed: 3,
        runs: 0,
        only: ['state'],
        transports: [{ signature: 'v3', method: 'POST', body: 'query', format: 'JSON' }],
        snapshotWait: { timeoutMs: 5_000, intervalMs: 20 },
        onEvent: (event) => {
          if (event.type === 'cleanup' && event.deleted) groups += 1;
        },
      });
      expect(outcome.rules.flatMap((rule) => rule.findings)).toEqual([]);
      expect(outcome.leftBehind).toEqual([]);
      expect(groups).toBeGreaterThan(0);
      // Create, delete and the look-up after it, plus at least two polls while progressing.
      expect(outcome.requests).toBeGreaterThanOrEqual(groups * 5);
    } finally {
      await slow.close();
    }
  });
});
