import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { generateCases } from '../../generators/index.js';
import type { Case } from '../../lib/cases.js';
import { main } from '../../lib/cli/main.js';
import { freshenCase } from '../../lib/runner/freshen.js';
import { caseRecord } from '../../lib/runner/samples.js';
import { loadSpec } from '../../lib/spec/load.js';
import { captureIo } from '../cli/helpers/cli.js';
import { shellSplit } from '../helpers/shell-split.js';

// A case set up by an earlier request (the first use of its ClientToken) reproduces only if that request
// is replayed first: the sample's command carries the whole sequence, and replaying it gets the answer.
const SPEC = loadSpec();
const WORLD = join(import.meta.dirname, '../../fixtures/default.world.yaml');
let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({
    world: SPEC.world,
    limits: SPEC.profile.limits,
    idempotentProcessingMs: 150,
  });
});
afterAll(async () => {
  await emulator.close();
});

const caseOf = (rule: string, pick: (c: Case) => boolean): Case => {
  const { cases } = generateCases({ ...SPEC, seed: 1, only: [rule] });
  const found = cases.find((c) => c.rule === rule && pick(c));
  if (found === undefined) throw new Error(`no case of ${rule} to replay`);
  return found;
};

describe('replay commands of cases with a prelude', () => {
  it('replay the prelude first, and the replayed sequence gets the documented refusal', async () => {
    const c = freshenCase(caseOf('idempotency.parameter-mismatch', (x) => (x.prelude?.length ?? 0) > 0));
    const { command } = caseRecord(c, undefined, [], { target: emulator.url, worldFile: WORLD }).reproduce;
    const steps = command.split(' && \\\n  ');
    expect(steps).toHaveLength((c.prelude?.length ?? 0) + 1);
    const outputs: string[] = [];
    for (const step of steps) {
      const words = shellSplit(step);
      expect(words.slice(0, 3)).toEqual(['npx', 'ecs-conformance', 'replay']);
      const { io, stdout } = captureIo(mkdtempSync(join(tmpdir(), 'ecs-replay-prelude-')), {});
      expect(await main(words.slice(2), io)).toBe(0);
      outputs.push(stdout());
    }
    expect(outputs[0]).toContain('< HTTP 200');
    const expected = c.expected;
    if (expected.kind !== 'error') throw new Error(`expected an error case, got ${expected.kind}`);
    expect(outputs.at(-1)).toContain(`< HTTP ${expected.status}`);
    expect(outputs.at(-1)).toContain(expected.code);
  });

  it('run requests that race all at once, then wait', () => {
    const c = caseOf('idempotency.processing', (x) => x.concurrent === true);
    const { command } = caseRecord(c, undefined, [], { target: emulator.url }).reproduce;
    const steps = command.split(' & \\\n  ');
    expect(steps).toHaveLength((c.prelude?.length ?? 0) + 2);
    expect(steps.at(-1)).toBe('wait');
  });
});
