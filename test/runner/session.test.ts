import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ToolError } from '../../lib/errors.js';
import {
  closeSession,
  createSession,
  type RunEvent,
  readJournalLeftovers,
  runCases,
  runConformance,
  runRules,
} from '../../lib/runner/index.js';
import { type FakeTarget, startFakeTarget } from './fake-target.js';
import { longNameCase, options, VARIANT, validCase, WORLD } from './fixtures.js';

const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});
async function fake(...args: Parameters<typeof startFakeTarget>): Promise<FakeTarget> {
  const target = await startFakeTarget(...args);
  targets.push(target);
  return target;
}

async function usageError(run: () => Promise<unknown>): Promise<ToolError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ToolError);
  return error as ToolError;
}

describe('options are validated before anything is sent', () => {
  it.each([
    [{ concurrency: 0 }, 'E_USAGE', 'concurrency'],
    [{ rate: -1 }, 'E_USAGE', 'rate'],
    [{ timeoutMs: 1.5 }, 'E_USAGE', 'timeoutMs'],
    [{ maxCreates: -2 }, 'E_USAGE', 'maxCreates'],
    [{ maxConsecutiveTransportFailures: 0 }, 'E_USAGE', 'maxConsecutiveTransportFailures'],
    [{ runs: -1 }, 'E_USAGE', 'runs'],
    [{ seed: 1.2 }, 'E_USAGE', 'seed'],
    [{ only: ['no.such-rule'] }, 'E_USAGE', 'only'],
    [{ transports: [{ ...VARIANT, format: 'YAML' }] }, 'E_USAGE', 'transports[0].format'],
    [{ transports: [] }, 'E_USAGE', 'transports'],
    [{ snapshotWait: { timeoutMs: -1 } }, 'E_USAGE', 'snapshotWait.timeoutMs'],
    [{ target: 'ftp://x' }, 'E_TARGET_URL', 'ftp://x'],
    [{ journalFile: '/nonexistent-dir/j.jsonl' }, 'E_USAGE', 'journalFile'],
    [{ client: {} }, 'E_USAGE', 'client'],
    [{ world: undefined }, 'E_USAGE', 'world'],
  ])('%j gives %s naming %s', async (bad, code, named) => {
    const target = await fake();
    const error = await usageError(() =>
      runConformance({ ...options(target.url, [longNameCase()]), ...(bad as object) }),
    );
    expect(error.code).toBe(code);
    expect(error.message).toContain(named);
    expect(target.seen).toEqual([]);
  });
});

describe('a shared session (one family per suite file)', () => {
  it('runs each rule’s cases once, across several runRules calls, then sweeps', async () => {
    const target = await fake();
    const events: RunEvent[] = [];
    const session = await createSession({
      ...options(target.url, [longNameCase('d-1'), validCase(['d-2']), validCase(['d-3'])]),
      onEvent: (e) => events.push(e),
    });
    const [name] = await runRules(session, ['name.max-length']);
    expect(name).toMatchObject({ id: 'name.max-length', verdict: 'passed', casesRun: 1 });
    expect(target.seen).toHaveLength(1);
    const valid = await runRules(session, [
      'valid.boundaries-accepted',
      'valid.error-body',
      'name.max-length',
    ]);
    expect(valid.map((r) => [r.id, r.verdict, r.casesRun])).toEqual([
      ['valid.boundaries-accepted', 'passed', 2],
      // Observed on the refusal that the first call sent.
      ['valid.error-body', 'passed', 1],
      ['name.max-length', 'passed', 1],
    ]);
    expect(target.seen.filter((s) => s.action === 'CreateSnapshotGroup')).toHaveLength(3);
    await expect(runRules(session, ['no.such'])).rejects.toThrow(/no\.such/);
    expect(await closeSession(session)).toEqual({ leftBehind: [] });
    expect(
      events
        .filter((e) => e.type === 'rule-finished')
        .map((e) => (e.type === 'rule-finished' ? e.result.id : '')),
    ).toEqual(['name.max-length', 'valid.boundaries-accepted', 'valid.error-body', 'name.max-length']);
  });

  it('runCases returns each outcome with its exchanges redacted', async () => {
    const target = await fake();
    const session = await createSession(options(target.url, []));
    const [outcome] = await runCases(session, [validCase(['d-1'])]);
    await closeSession(session);
    expect(outcome?.verdict).toBe('passed');
    expect(outcome?.state?.afterDelete?.response?.status).toBe(200);
    const authorization = outcome?.exchange?.request.headers.authorization ?? '';
    expect(authorization).toContain('Signature=***');
    expect(JSON.stringify(outcome)).not.toContain(WORLD.accounts[0]?.accessKeySecret);
  });
});

describe('the journal of created groups', () => {
  it('records each create and delete as it happens, so a sweeper knows the leftovers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-'));
    const file = join(dir, 'groups.jsonl');
    const target = await fake({
      any: (seen) =>
        seen.action === 'DeleteSnapshotGroup' && seen.params.get('SnapshotGroupId') === target.created[0]
          ? { status: 403, body: { RequestId: 'A', HostId: 'h', Code: 'OperationDenied', Message: 'm' } }
          : undefined,
    });
    const outcome = await runConformance(
      options(target.url, [validCase(['d-1']), validCase(['d-2'])], { journalFile: file, concurrency: 1 }),
    );
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; groupId: string });
    expect(lines.map((l) => [l.event, l.groupId])).toEqual([
      ['created', target.created[0]],
      ['created', target.created[1]],
      ['deleted', target.created[1]],
    ]);
    expect(readJournalLeftovers(file)).toEqual([
      expect.objectContaining({
        groupId: target.created[0],
        regionId: 'cn-hangzhou',
        account: 'main',
        transport: VARIANT,
      }),
    ]);
    expect(outcome.leftBehind).toEqual([target.created[0]]);
  });
});

describe('runCases', () => {
  it('runs a case again when asked, state exchanges redacted too, without settling the session’s cases', async () => {
    const target = await fake();
    const own = validCase(['d-1']);
    const session = await createSession(options(target.url, [own]));
    const twice = await runCases(session, [own, { ...own }]);
    expect(twice.map((o) => o.verdict)).toEqual(['passed', 'passed']);
    const deletion = twice[0]?.state?.deletion?.request.headers.authorization ?? '';
    expect(deletion).toContain('Signature=***');
    const [result] = await runRules(session, ['valid.boundaries-accepted']);
    // The session's own case still ran once: three cases in all.
    expect(result?.casesRun).toBe(3);
    await closeSession(session);
    expect(target.created).toHaveLength(3);
  });
});

describe('a listener that throws', () => {
  it('stops the run with E_INTERNAL, after cleaning up', async () => {
    const target = await fake();
    const cases = [validCase(['d-1']), validCase(['d-1']), validCase(['d-1'])];
    const outcome = await runConformance(
      options(target.url, cases, {
        concurrency: 1,
        onEvent: (event) => {
          if (event.type === 'case-finished') throw new Error('listener bug');
        },
      }),
    );
    expect(outcome.abort?.code).toBe('E_INTERNAL');
    expect(outcome.abort?.message).toContain('listener bug');
    expect(outcome.cases).toBe(1);
    expect(target.groups.size).toBe(0);
  });
});
