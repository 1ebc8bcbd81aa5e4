import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type EmulatorSeams, renderBody, startEmulator } from '../../emulator/index.js';
import { generateCases } from '../../generators/index.js';
import { credentialsForAccount, type Exchange } from '../../lib/client/index.js';
import { createSession, type RunEvent, runCases, runConformance, runRules } from '../../lib/runner/index.js';
import { closeSession } from '../../lib/runner/run-rules.js';
import { judgeRefusalsSoFar, refusedCreate } from '../../lib/runner/side-effects.js';
import { loadSpec } from '../../lib/spec/load.js';
import { SIDE_EFFECT_MUTANTS } from '../mutants/side-effects.js';
import { longNameCase, validCase } from './fixtures.js';

// Issue 16.1: a refused create must leave nothing behind. Against an emulator that validates Name only
// after storing the group, the run names the refused case and still deletes the group it left.
const spec = loadSpec();
const RULE = 'state.no-side-effects';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const nameAfterCreate = SIDE_EFFECT_MUTANTS.find((m) => m.id.endsWith('.name-checked-after-create'));

async function run(seams: Partial<EmulatorSeams>, only: string[]) {
  const emulator = await startEmulator({ world: spec.world, limits: spec.profile.limits, seams, port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'ecs-side-effects-'));
  dirs.push(dir);
  const journalFile = join(dir, 'journal.jsonl');
  const events: RunEvent[] = [];
  try {
    const outcome = await runConformance({
      ...spec,
      target: emulator.url,
      seed: 1,
      runs: 1,
      only,
      journalFile,
      transports: [{ signature: 'v2', method: 'POST', body: 'form', format: 'JSON' }],
      credentials: (account) => credentialsForAccount(spec.world, account, {}),
      onEvent: (event) => events.push(event),
    });
    const journal = readFileSync(journalFile, 'utf8')
      .trim()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { event: string; groupId: string; account?: string });
    return { outcome, events, journal, groupsLeft: emulator.state.groupCount };
  } finally {
    await emulator.close();
  }
}

describe('state.no-side-effects against an emulator on loopback', () => {
  it('names the refused case whose disks hold the group it left, and deletes that group', async () => {
    const { outcome, events, journal, groupsLeft } = await run(nameAfterCreate?.seams ?? {}, [
      'name.min-length',
      RULE,
    ]);
    const rule = outcome.rules.find((r) => r.id === RULE);
    expect(rule?.verdict).toBe('failed');
    const findings = rule?.findings ?? [];
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.caseId).toMatch(/^(name\.min-length|state\.no-side-effects)\/[a-z-]+\/\d+$/);
      expect(finding.message).toContain(finding.caseId);
      expect(finding.message).toMatch(/group ssg-\S+ appeared on d-/);
    }
    // Every group it left is journalled under the account that listed it, deleted, and gone.
    const left = journal.filter((entry) => entry.event === 'created');
    expect(left.length).toBeGreaterThanOrEqual(findings.length);
    for (const entry of left) {
      expect(entry.account).toBe('acct-main');
      expect(journal).toContainEqual(expect.objectContaining({ event: 'deleted', groupId: entry.groupId }));
      expect(events).toContainEqual({ type: 'cleanup', groupId: entry.groupId, deleted: true });
    }
    expect(outcome.leftBehind).toEqual([]);
    expect(groupsLeft).toBe(0);
    // Only this rule noticed: the answers themselves were the documented ones.
    expect(outcome.rules.filter((r) => r.verdict === 'failed').map((r) => r.id)).toEqual([RULE]);
  });

  it('passes against the reference emulator, judged on every refused create', async () => {
    const { outcome, journal } = await run({}, ['name.min-length', 'tag.key-reserved-prefix', RULE]);
    const rule = outcome.rules.find((r) => r.id === RULE);
    expect(rule?.verdict).toBe('passed');
    const own = outcome.rules.filter((r) => r.id !== RULE).reduce((sum, r) => sum + r.casesRun, 0);
    // Its own refusals and those of the other rules.
    expect(rule?.casesRun).toBeGreaterThan(own);
    expect(journal).toEqual([]);
  });

  it('is inconclusive, not passed, when the groups cannot be listed', async () => {
    const noListing: Partial<EmulatorSeams> = {
      render: (input) =>
        input.kind === 'success' && input.action === 'DescribeSnapshotGroups'
          ? renderBody({ ...input, fields: { TotalCount: 0 } })
          : renderBody(input),
    };
    const { outcome } = await run(noListing, ['name.min-length', RULE]);
    const rule = outcome.rules.find((r) => r.id === RULE);
    expect(rule?.verdict).toBe('inconclusive');
    expect(rule?.reason).toMatch(/DescribeSnapshotGroups answered no SnapshotGroups/);
  });

  it('after a family property (runCases), judges the refusals it sent and deletes what they left', async () => {
    const transports = [{ signature: 'v2', method: 'POST', body: 'form', format: 'JSON' }] as const;
    const generated = generateCases({ ...spec, seed: 1, runs: 0, transports: [...transports] });
    const drawn = generated.cases.find((c) => c.rule === 'name.min-length' && c.kind !== 'multi-fault');
    if (drawn === undefined) throw new Error('no name.min-length case drawn');
    const emulator = await startEmulator({
      world: spec.world,
      limits: spec.profile.limits,
      seams: nameAfterCreate?.seams ?? {},
      port: 0,
    });
    try {
      const session = await createSession({
        ...spec,
        target: emulator.url,
        seed: 1,
        runs: 0,
        only: [RULE],
        transports: [...transports],
        credentials: (account) => credentialsForAccount(spec.world, account, {}),
      });
      await runRules(session, [RULE]);
      // Nothing to judge yet: the refusals of runRules were judged at its end.
      expect(await judgeRefusalsSoFar(session)).toEqual([]);
      const property = { ...drawn, id: `${drawn.id}~request-shape-property-1` };
      await runCases(session, [property]);
      const findings = await judgeRefusalsSoFar(session);
      expect(findings.map((f) => f.caseId)).toEqual([property.id]);
      expect(emulator.state.groupCount).toBe(0);
      expect((await closeSession(session)).leftBehind).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('sends no listing when the rule is not selected', async () => {
    const emulator = await startEmulator({ world: spec.world, limits: spec.profile.limits, port: 0 });
    try {
      const session = await createSession({
        ...spec,
        target: emulator.url,
        seed: 1,
        runs: 0,
        only: ['name.min-length'],
        transports: [{ signature: 'v2', method: 'POST', body: 'form', format: 'JSON' }],
        credentials: (account) => credentialsForAccount(spec.world, account, {}),
      });
      const [result] = await runRules(session, ['name.min-length']);
      await closeSession(session);
      // One request per case: no DescribeSnapshotGroups around them.
      expect(session.requests).toBe(result?.casesRun);
    } finally {
      await emulator.close();
    }
  });
});

describe('refusedCreate: which creates a group may be blamed on', () => {
  const exchange = (status: number | undefined, neverSent = false): Exchange =>
    ({
      request: { method: 'POST', url: 'http://127.0.0.1/', headers: {} },
      ...(status === undefined
        ? { failure: { code: 'E_TARGET_TIMEOUT', message: 'timed out', ...(neverSent && { neverSent }) } }
        : { response: { status, headers: {}, body: '', parsed: { format: 'json', value: {} } } }),
      retries: [],
      timing: { totalMs: 1 },
    }) as unknown as Exchange;

  it('a create answered with an error, whatever the case expected', () => {
    expect(refusedCreate(longNameCase(), exchange(400))).toBe(true);
    expect(refusedCreate(validCase(['d-1']), exchange(403))).toBe(true);
    expect(refusedCreate(longNameCase(), exchange(200))).toBe(false);
  });

  it('an unanswered create only when it was meant to be refused, and never one that was not sent', () => {
    expect(refusedCreate(longNameCase(), exchange(undefined))).toBe(true);
    expect(refusedCreate(longNameCase(), exchange(undefined, true))).toBe(false);
    // A create meant to succeed whose answer was lost is looked for by lost-creates.ts.
    expect(refusedCreate(validCase(['d-1']), exchange(undefined))).toBe(false);
  });
});
