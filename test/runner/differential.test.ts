import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmulatorSeams, startEmulator } from '../../emulator/index.js';
import { ALL_TRANSPORTS } from '../../generators/transports.js';
import { credentialsForAccount } from '../../lib/client/index.js';
import { type RunOptions, runConformance } from '../../lib/runner/index.js';
import type { RunOutcome } from '../../lib/runner/run.js';
import { loadSpec } from '../../lib/spec/load.js';
import { DEVIATING_RULE, otherDocumented4xx } from '../helpers/accepted-deviation.js';

/**
 * Differential runs on loopback: the reference is the emulator, the candidate the emulator with a
 * mutant seam whose answer the catalogue accepts (resource-group.exists expects "a documented 4xx"
 * and the mutant answers another documented 4xx than the emulator does).
 */
const spec = loadSpec();
const RULE = DEVIATING_RULE;
const SEED = 20240319;

type Server = Awaited<ReturnType<typeof startEmulator>>;
const servers: Server[] = [];
const dirs: string[] = [];
const start = async (seams?: Partial<EmulatorSeams>): Promise<Server> => {
  const server = await startEmulator({
    world: spec.world,
    limits: spec.profile.limits,
    host: '127.0.0.1',
    port: 0,
    idempotentProcessingMs: 150,
    ...(seams !== undefined && { seams }),
  });
  servers.push(server);
  return server;
};
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-cassette-'));
  dirs.push(dir);
  return dir;
};

let reference: Server;
let mutant: Server;
let twin: Server;
beforeAll(async () => {
  [reference, mutant, twin] = await Promise.all([start(), start(otherDocumented4xx), start()]);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const keys = (accountId: string) => credentialsForAccount(spec.world, accountId, {});

function run(
  target: string,
  extra: Partial<RunOptions> & { only: string[] },
  seed = SEED,
): Promise<RunOutcome> {
  return runConformance({
    target,
    world: spec.world,
    catalogue: spec.catalogue,
    profile: spec.profile,
    seed,
    runs: 3,
    transports: [...ALL_TRANSPORTS],
    timeoutMs: 10_000,
    credentials: keys,
    ...extra,
  });
}

const verdictOf = (outcome: RunOutcome, rule: string) => outcome.rules.find((r) => r.id === rule)?.verdict;
const differentialFindings = (outcome: RunOutcome) =>
  outcome.rules.flatMap((rule) => rule.findings.filter((finding) => finding.check === 'agreesWithReference'));

describe('a live differential run', () => {
  it('flags a mutant whose answer the catalogue accepts, with both answers and both replay commands', async () => {
    const alone = await run(mutant.url, { only: [RULE] });
    expect(verdictOf(alone, RULE)).toBe('passed');

    const outcome = await run(mutant.url, {
      only: [RULE],
      reference: { target: reference.url, credentials: keys },
    });
    expect(verdictOf(outcome, RULE)).toBe('failed');
    const findings = differentialFindings(outcome);
    expect(findings.length).toBeGreaterThan(0);
    const [first] = findings;
    expect(first?.rule).toBe(RULE);
    expect(first?.actual).toContain('InvalidParameter.Description');
    expect(first?.expected).toContain('400 InvalidParameter');
    expect(first?.expected).toContain(`replay --target ${reference.url}`);
    expect(first?.actual).toContain(`replay --target ${mutant.url}`);
    const data = outcome.differential?.rules[RULE];
    expect(data?.disagreeing).toBeGreaterThan(0);
    // The ambiguity settled by evidence: which documented 4xx the reference gave.
    expect(Object.keys(data?.referenceAnswers ?? {})).toContain('400 InvalidParameter');
    expect(Object.keys(data?.referenceAnswers ?? {})).not.toContain('400 InvalidParameter.Description');
    expect(outcome.leftBehind).toEqual([]);
  });

  it('finds no disagreement between two identical emulators, over 20 seeds (a small subset each)', async () => {
    // Each seed runs one rule of each kind of answer: a success with its state, an open expectation, a
    // prelude with a same-token replay, and a race of same-token requests.
    const only = [
      'valid.boundaries-accepted',
      RULE,
      'idempotency.same-token-same-result',
      'idempotency.processing',
    ];
    const selected = only.filter((id) => spec.catalogue.rules.some((rule) => rule.id === id));
    expect(selected).toEqual(only);
    for (let seed = 1; seed <= 20; seed++) {
      const outcome = await run(
        twin.url,
        { only: selected, runs: 1, reference: { target: reference.url, credentials: keys } },
        seed,
      );
      const compared = Object.values(outcome.differential?.rules ?? {}).reduce((n, r) => n + r.compared, 0);
      expect(compared, `seed ${seed}`).toBeGreaterThan(0);
      expect(differentialFindings(outcome), `seed ${seed}`).toEqual([]);
      expect(outcome.leftBehind).toEqual([]);
    }
  }, 120_000);
});

describe('a cassette', () => {
  it('recorded from the emulator and replayed against the mutant, gives the live verdict, with no secret', async () => {
    const dir = tempDir();
    const recording = await run(reference.url, { only: [RULE], record: { dir, toolVersion: 'test' } });
    expect(verdictOf(recording, RULE)).toBe('passed');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['manifest.json', `${RULE}.jsonl`]);
    const text = files.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    for (const account of spec.world.accounts) expect(text).not.toContain(account.accessKeySecret);
    expect(text).not.toMatch(/Signature=(?!\*\*\*)[A-Za-z0-9%+/=]{8,}/);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);

    const live = await run(mutant.url, {
      only: [RULE],
      reference: { target: reference.url, credentials: keys },
    });
    const replayed = await run(mutant.url, { only: [RULE], reference: { cassette: dir } });
    expect(verdictOf(replayed, RULE)).toBe(verdictOf(live, RULE));
    expect(replayed.differential?.rules[RULE]?.disagreeing).toBe(live.differential?.rules[RULE]?.disagreeing);
    expect(replayed.differential?.rules[RULE]?.uncompared).toBe(0);
    // And against the emulator it was recorded from: no disagreement.
    const same = await run(twin.url, { only: [RULE], reference: { cassette: dir } });
    expect(differentialFindings(same)).toEqual([]);
    expect(verdictOf(same, RULE)).toBe('passed');
  });

  it('holds no secret: no key secret, signature or security token, whatever the target answered', async () => {
    const dir = tempDir();
    const token = 'sts-token-that-must-never-be-recorded-0123456789';
    const withToken = (accountId: string) => ({ ...keys(accountId), securityToken: token });
    await run(reference.url, { only: [RULE], credentials: withToken, record: { dir, toolVersion: 'test' } });
    const text = readdirSync(dir)
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    expect(text).toContain('SecurityToken=***');
    expect(text).not.toContain(token);
    for (const account of spec.world.accounts) expect(text).not.toContain(account.accessKeySecret);
    expect(text).not.toMatch(/Signature=(?!\*\*\*)/);
  });

  it('is refused, with a clear message, when the seed, world or profile does not match', async () => {
    const dir = tempDir();
    await run(reference.url, { only: [RULE], runs: 0, record: { dir, toolVersion: 'test' } });
    await expect(run(mutant.url, { only: [RULE], reference: { cassette: dir } }, SEED + 1)).rejects.toThrow(
      /cannot judge this run: seed 20240319 recorded, this run's is 20240320/,
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, world: { name: 'x', hash: 'y' } }),
    );
    await expect(run(mutant.url, { only: [RULE], reference: { cassette: dir } })).rejects.toThrow(
      /world "x"/,
    );
  });
});
