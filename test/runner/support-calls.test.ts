import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningEmulator, startEmulator } from '../../emulator/index.js';
import { ALL_TRANSPORTS } from '../../generators/transports.js';
import { type CaseRequest, preludeGroupId } from '../../lib/cases.js';
import { type RunEvent, runConformance } from '../../lib/runner/index.js';
import { deletedByCase, withPreludeGroups } from '../../lib/runner/support-calls.js';
import { loadSpec } from '../../lib/spec/load.js';
import { created, error, json, request } from '../checks/fixtures.js';

const describeRequest = (params: CaseRequest['params']): CaseRequest =>
  request([['RegionId', 'cn-hangzhou'], ...params], { action: 'DescribeSnapshotGroups' });

describe('withPreludeGroups', () => {
  it('puts in the id each named prelude create answered', () => {
    const sent = withPreludeGroups(
      describeRequest([
        ['SnapshotGroupId.1', preludeGroupId(1)],
        ['SnapshotGroupId.2', preludeGroupId(0)],
      ]),
      [created('ssg-first'), created('ssg-second')],
    );
    expect(sent.params).toEqual([
      ['RegionId', 'cn-hangzhou'],
      ['SnapshotGroupId.1', 'ssg-second'],
      ['SnapshotGroupId.2', 'ssg-first'],
    ]);
  });

  it('leaves a value as written when its create failed, and a request without one untouched', () => {
    const written = describeRequest([['SnapshotGroupId.1', preludeGroupId(0)]]);
    expect(withPreludeGroups(written, [error(403, 'Forbidden.RAM')]).params).toEqual(written.params);
    const plain = describeRequest([['Name', 'x']]);
    expect(withPreludeGroups(plain, [created('ssg-1')])).toBe(plain);
  });
});

describe('deletedByCase', () => {
  const deleting = (id: string): CaseRequest =>
    request(
      [
        ['RegionId', 'cn-hangzhou'],
        ['SnapshotGroupId', id],
      ],
      { action: 'DeleteSnapshotGroup' },
    );

  it('names the groups the case deleted itself, and no refused delete', () => {
    const requests = [request(), deleting('ssg-1'), deleting('ssg-1')];
    const exchanges = [
      created('ssg-1'),
      json(200, { RequestId: 'R' }),
      error(404, 'InvalidSnapshotGroupId.NotFound'),
    ];
    expect([...deletedByCase(requests, exchanges)]).toEqual(['ssg-1']);
    expect([...deletedByCase(requests.slice(2), exchanges.slice(2))]).toEqual([]);
  });
});

describe('the support family against the reference emulator', () => {
  const spec = loadSpec();
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ world: spec.world, limits: spec.profile.limits });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('passes every rule, walks pages, and leaves no group behind (the twice-deleted one included)', async () => {
    const events: RunEvent[] = [];
    const outcome = await runConformance({
      ...spec,
      seed: 3,
      runs: 3,
      transports: [...ALL_TRANSPORTS],
      only: ['support'],
      target: emulator.url,
      snapshotWait: { timeoutMs: 5_000, intervalMs: 20 },
      onEvent: (event) => events.push(event),
    });
    expect(outcome.rules.map((rule) => [rule.id, rule.verdict])).toEqual(
      outcome.rules.map((rule) => [rule.id, 'passed']),
    );
    expect(outcome.rules).toHaveLength(9);
    expect(outcome.leftBehind).toEqual([]);
    expect(emulator.state.groupCount).toBe(0);
    // Every group made was deleted once: by the clean-up, or by the case itself.
    const cleaned = events.filter((event) => event.type === 'cleanup');
    expect(cleaned.length).toBeGreaterThanOrEqual(20);
    expect(cleaned.every((event) => event.type === 'cleanup' && event.deleted)).toBe(true);
  });

  it('spends the create budget per group a case makes: a second two-group case is skipped at 3', async () => {
    const events: RunEvent[] = [];
    await runConformance({
      ...spec,
      seed: 3,
      runs: 3,
      transports: [...ALL_TRANSPORTS],
      only: ['support.describe-name-filter'],
      maxCreates: 3,
      target: emulator.url,
      snapshotWait: { timeoutMs: 5_000, intervalMs: 20 },
      onEvent: (event) => events.push(event),
    });
    const finished = events.flatMap((event) => (event.type === 'case-finished' ? [event.verdict] : []));
    expect(finished.sort()).toEqual(['passed', 'skipped']);
  });
});
