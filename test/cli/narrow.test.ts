import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../emulator/index.js';
import { ALL_TRANSPORTS } from '../../generators/transports.js';
import { narrowCommand } from '../../lib/cli/narrow-command.js';
import { credentialsForAccount } from '../../lib/client/index.js';
import type { CassetteEntry } from '../../lib/runner/cassette.js';
import { narrowExpectation } from '../../lib/runner/cassette-evidence.js';
import { runConformance } from '../../lib/runner/index.js';
import { applyProfile, loadSpec } from '../../lib/spec/load.js';
import { DEVIATING_RULE, otherDocumented4xx } from '../helpers/accepted-deviation.js';
import { captureIo } from './helpers/cli.js';

const spec = loadSpec();
type Server = Awaited<ReturnType<typeof startEmulator>>;
const servers: Server[] = [];
const dir = mkdtempSync(join(tmpdir(), 'ecs-narrow-'));
const start = async (seams = {}) => {
  const server = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    host: '127.0.0.1',
    port: 0,
    seams,
  });
  servers.push(server);
  return server;
};
let reference: Server;
let mutant: Server;
beforeAll(async () => {
  [reference, mutant] = await Promise.all([start(), start(otherDocumented4xx)]);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(dir, { recursive: true, force: true });
});

const run = (target: string, profile = spec.profile, record?: string) =>
  runConformance({
    target,
    world: spec.world,
    catalogue: spec.catalogue,
    profile,
    seed: 5,
    runs: 2,
    transports: [...ALL_TRANSPORTS],
    only: [DEVIATING_RULE],
    credentials: (account) => credentialsForAccount(spec.world, account, {}),
    ...(record !== undefined && { record: { dir: record, toolVersion: 'test' } }),
  });

const verdict = (outcome: Awaited<ReturnType<typeof run>>) =>
  outcome.rules.find((rule) => rule.id === DEVIATING_RULE)?.verdict;

describe('narrow', () => {
  it("turns a cassette into a profile that holds a candidate to the reference's answer, naming the cassette", async () => {
    const cassette = join(dir, 'cassette');
    await run(reference.url, spec.profile, cassette);
    const out = join(dir, 'narrowed.yaml');
    const { io, stdout } = captureIo(dir);
    expect(narrowCommand('cassette', { out }, io)).toBe(0);
    expect(stdout()).toContain(`narrowed 1 rule(s): ${DEVIATING_RULE}`);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('Narrowed by evidence: cassette cassette (recorded from');
    const narrowed = loadSpec({ profile: out }).profile;
    expect(narrowed.overrides?.[DEVIATING_RULE]?.expected).toEqual({
      kind: 'error',
      code: 'InvalidParameter',
      status: 400,
    });
    // The catalogue accepted the mutant's documented 4xx; narrowed to the reference's, it does not.
    expect(verdict(await run(mutant.url))).toBe('passed');
    expect(verdict(await run(mutant.url, narrowed))).toBe('failed');
    expect(verdict(await run(reference.url, narrowed))).toBe('passed');
  });
});

describe('narrowExpectation', () => {
  const rule = applyProfile(spec.catalogue, spec.profile).find((r) => r.id === DEVIATING_RULE);
  const entry = (id: string, status: number, code?: string): CassetteEntry => ({
    case: id,
    transport: 'v2 POST form JSON',
    requests: 'x',
    exchanges: [
      {
        request: { method: 'POST', url: 'http://x/', body: '' },
        response: { status, body: code === undefined ? '{"RequestId":"r"}' : `{"Code":"${code}"}` },
      },
    ],
  });
  it('narrows to the one answer, to several as one-of, and skips what it cannot narrow', () => {
    if (rule === undefined) throw new Error('rule missing');
    const id = `${DEVIATING_RULE}/invalid/0`;
    expect(
      narrowExpectation(rule, [entry(id, 400, 'A'), entry(`${DEVIATING_RULE}/invalid/1`, 400, 'A')]),
    ).toEqual({
      expected: { kind: 'error', code: 'A', status: 400 },
      cases: 2,
    });
    expect(
      narrowExpectation(rule, [entry(id, 400, 'A'), entry(`${DEVIATING_RULE}/invalid/1`, 404, 'B')]),
    ).toMatchObject({
      expected: {
        kind: 'one-of',
        alternatives: [
          { code: 'A', status: 400 },
          { code: 'B', status: 404 },
        ],
      },
    });
    // Multi-fault and valid cases say nothing about the rule's own fault.
    expect(narrowExpectation(rule, [entry(`${DEVIATING_RULE}/multi-fault/0`, 400, 'A')])).toHaveProperty(
      'skipped',
    );
    expect(narrowExpectation(rule, [entry(id, 200)])).toEqual({
      skipped: 'the reference accepted what the catalogue says it must refuse',
    });
  });
});
