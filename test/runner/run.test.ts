import { afterEach, describe, expect, it } from 'vitest';
import { type RunEvent, runConformance } from '../../lib/runner/index.js';
import { errorBody, type FakeTarget, requestId, startFakeTarget } from './fake-target.js';
import { longNameCase, options, validCase, WORLD } from './fixtures.js';

const targets: FakeTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});
async function fake(...args: Parameters<typeof startFakeTarget>): Promise<FakeTarget> {
  const target = await startFakeTarget(...args);
  targets.push(target);
  return target;
}

const verdicts = (rules: Array<{ id: string; verdict: string }>) =>
  Object.fromEntries(rules.map((r) => [r.id, r.verdict]));

describe('runConformance against a conformant target', () => {
  it('finds nothing, deletes every group it created and says what it did', async () => {
    const target = await fake();
    const events: RunEvent[] = [];
    const cases = [validCase(['d-1']), validCase(['d-2', 'd-3']), longNameCase('d-1'), longNameCase('d-4')];
    const outcome = await runConformance(
      options(target.url, cases, { onEvent: (event) => events.push(event) }),
    );

    expect(outcome.rules.flatMap((rule) => rule.findings)).toEqual([]);
    expect(verdicts(outcome.rules)).toMatchObject({
      'name.max-length': 'passed',
      'valid.boundaries-accepted': 'passed',
      'valid.success-body': 'passed',
      'valid.error-body': 'passed',
      'valid.request-id-unique': 'passed',
      'state.disk-form-snapshots': 'passed',
      'state.deleted-after-cleanup': 'passed',
      'disk.exists': 'not-covered',
      'state.attributes-stored': 'not-covered',
    });
    expect(outcome.leftBehind).toEqual([]);
    expect(target.created).toHaveLength(2);
    expect(target.groups.size).toBe(0);
    expect(outcome.cases).toBe(4);
    // Per valid case: create, describe, delete, describe; per refused case: one request.
    expect(outcome.requests).toBe(2 * 4 + 2);
    expect(outcome.abort).toBeUndefined();

    const count = (type: RunEvent['type']) => events.filter((event) => event.type === type).length;
    expect(count('case-started')).toBe(4);
    expect(count('case-finished')).toBe(4);
    expect(count('rule-finished')).toBe(outcome.rules.length);
    const cleanups = events.filter((event) => event.type === 'cleanup');
    expect(new Set(cleanups.map((event) => event.groupId))).toEqual(new Set(target.created));
    expect(cleanups.every((event) => event.deleted)).toBe(true);
    const passing = outcome.rules.find((rule) => rule.id === 'name.max-length')?.samples ?? [];
    expect(passing).toHaveLength(1);
    expect(passing[0]?.reproduce.command).toContain('ecs-conformance replay');
  });

  it('reports the generator’s reason for a rule it could not cover', async () => {
    const target = await fake();
    const outcome = await runConformance({
      ...options(target.url, []),
      generate: () => ({
        cases: [],
        notCovered: [{ rule: 'instance.exists', reason: 'the world has no instance' }],
      }),
    });
    const rule = outcome.rules.find((r) => r.id === 'instance.exists');
    expect(rule).toMatchObject({ verdict: 'not-covered', reason: 'the world has no instance', casesRun: 0 });
    expect(target.seen).toEqual([]);
  });
});

describe('runConformance against deliberately wrong targets', () => {
  it('a target that always answers 200 with one fixed body', async () => {
    const fixed = { status: 200, body: { RequestId: 'FIXED-REQUEST-ID', SnapshotGroupId: 'ssg-fixed' } };
    const target = await fake({ any: () => fixed });
    const outcome = await runConformance(
      options(target.url, [validCase(['d-1']), longNameCase('d-2'), longNameCase('d-3')]),
    );
    const byRule = Object.fromEntries(outcome.rules.map((rule) => [rule.id, rule]));
    expect(byRule['name.max-length']?.verdict).toBe('failed');
    expect(byRule['name.max-length']?.casesFailed).toBe(2);
    expect(new Set(byRule['name.max-length']?.findings.map((f) => f.check))).toEqual(
      new Set(['invalidRequestAccepted']),
    );
    expect(byRule['valid.request-id-unique']?.verdict).toBe('failed');
    expect(byRule['valid.success-body']?.findings.map((f) => f.check)).toContain(
      'snapshotGroupIdFormatAndUnique',
    );
    expect(byRule['state.disk-form-snapshots']?.findings[0]?.message).toBe(
      'DescribeSnapshotGroups answered no SnapshotGroups',
    );
    const failing = byRule['name.max-length']?.samples.filter((s) => s.findings.length > 0) ?? [];
    expect(failing).toHaveLength(2);
    expect(failing[0]?.actual).toEqual({ status: 200 });
    expect(failing[0]?.response?.body).toContain('ssg-fixed');
    // The signature and the secret never reach a sample.
    const text = JSON.stringify(outcome);
    expect(text).not.toContain(WORLD.accounts[0]?.accessKeySecret);
    expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
  });

  it('a target that answers the right code with the wrong status', async () => {
    const target = await fake({
      create: (seen) =>
        (seen.params.get('Name')?.length ?? 0) > 128
          ? { status: 404, body: errorBody('InvalidParameter.Name') }
          : undefined,
    });
    const outcome = await runConformance(options(target.url, [longNameCase('d-1')]));
    const rule = outcome.rules.find((r) => r.id === 'name.max-length');
    expect(rule?.verdict).toBe('failed');
    expect(rule?.findings).toEqual([
      expect.objectContaining({
        check: 'httpStatusMatchesCode',
        expected: '400',
        actual: '404 InvalidParameter.Name',
      }),
    ]);
    expect(rule?.samples[0]?.actual).toEqual({ status: 404, code: 'InvalidParameter.Name' });
  });

  it('deletes every group it created even when the checks fail', async () => {
    // Accepts the invalid request (a finding) and stores no Name (another one): both groups still go.
    const target = await fake({
      create: (seen, t) => {
        const id = `ssg-${requestId().slice(0, 8).toLowerCase()}`;
        t.groups.set(id, { id, disks: [seen.params.get('DiskId.1') ?? ''] });
        t.created.push(id);
        return { status: 200, body: { RequestId: requestId(), SnapshotGroupId: id } };
      },
    });
    const named = validCase(['d-2']);
    named.request.params.push(['Name', 'kept-name']);
    named.expectGroup = {
      ...(named.expectGroup as NonNullable<typeof named.expectGroup>),
      name: 'kept-name',
    };
    const outcome = await runConformance(options(target.url, [longNameCase('d-1'), named]));
    expect(verdicts(outcome.rules)).toMatchObject({
      'name.max-length': 'failed',
      'state.attributes-stored': 'failed',
    });
    expect(target.created).toHaveLength(2);
    expect(target.groups.size).toBe(0);
    expect(outcome.leftBehind).toEqual([]);
  });

  it('lists what it could not delete', async () => {
    const target = await fake({
      any: (seen) =>
        seen.action === 'DeleteSnapshotGroup'
          ? { status: 403, body: errorBody('OperationDenied') }
          : undefined,
    });
    const events: RunEvent[] = [];
    const outcome = await runConformance(
      options(target.url, [validCase(['d-1'])], { onEvent: (e) => events.push(e) }),
    );
    expect(outcome.leftBehind).toEqual(target.created);
    expect(outcome.leftBehind).toHaveLength(1);
    expect(events.filter((e) => e.type === 'left-behind')).toEqual([
      { type: 'left-behind', groupIds: target.created },
    ]);
    expect(outcome.rules.find((r) => r.id === 'state.deleted-after-cleanup')?.verdict).toBe('failed');
  });
});

describe('a throttling target', () => {
  it('makes the throttled cases inconclusive, not failed', async () => {
    const throttle = {
      status: 400,
      body: { ...errorBody('Throttling.User'), Message: 'Request was denied due to user flow control.' },
    };
    const target = await fake({
      any: (seen) => (seen.action === 'CreateSnapshotGroup' ? throttle : undefined),
    });
    const outcome = await runConformance(options(target.url, [longNameCase('d-1')]));
    const rule = outcome.rules.find((r) => r.id === 'name.max-length');
    expect(rule).toMatchObject({ verdict: 'inconclusive', findings: [] });
    expect(rule?.reason).toContain('throttled');
    // The client retried it before giving up: every attempt counts as a request.
    expect(outcome.requests).toBeGreaterThan(1);
  });
});
