import { describe, expect, it } from 'vitest';
import {
  type RunMemory,
  requestIdUnique,
  type Sighting,
  snapshotGroupIdFormatAndUnique,
} from '../../lib/checks/index.js';
import { created, ctx, error, json, makeCase, NAME_EXPECTED, request, requestId } from './fixtures.js';

const valid = makeCase({ rule: 'valid.request-id-unique', kind: 'valid', expected: { kind: 'success' } });
const memory = (
  requestIds: Record<string, Sighting> = {},
  groupIds: Record<string, Sighting> = {},
): RunMemory => ({
  requestIds: new Map(Object.entries(requestIds)),
  groupIds: new Map(Object.entries(groupIds)),
});

describe('requestIdUnique', () => {
  it('accepts a RequestId not seen before', () => {
    expect(requestIdUnique(ctx(valid, created(), { run: memory({ OTHER: { caseId: 'x' } }) }))).toEqual([]);
  });

  it('reports a RequestId another case got, naming that case', () => {
    const id = requestId();
    const [finding] = requestIdUnique(
      ctx(valid, created('ssg-a', id), { run: memory({ [id]: { caseId: 'name.min-length/invalid/3' } }) }),
    );
    expect(finding).toMatchObject({ check: 'requestIdUnique', rule: 'valid.request-id-unique', actual: id });
    expect(finding?.message).toContain('case name.min-length/invalid/3');
  });

  it('reports a RequestId repeated within one case, state look-ups included', () => {
    const id = requestId();
    const c = makeCase({ expected: NAME_EXPECTED, prelude: [request()] });
    expect(
      requestIdUnique(ctx(c, error(400, 'InvalidParameter.Name', id), { prelude: [created('ssg-a', id)] })),
    ).toHaveLength(1);
    const state = {
      groupId: 'ssg-a',
      afterCreate: json(200, { RequestId: id, SnapshotGroups: { SnapshotGroup: [] } }),
    };
    expect(requestIdUnique(ctx(valid, created('ssg-a', id), { state }))).toHaveLength(1);
  });
});

describe('snapshotGroupIdFormatAndUnique', () => {
  it('accepts a new ssg- id', () => {
    expect(snapshotGroupIdFormatAndUnique(ctx(valid, created('ssg-j6ciyh3k52qp7ovm')))).toEqual([]);
  });

  it('reports an id of another form', () => {
    const [finding] = snapshotGroupIdFormatAndUnique(ctx(valid, created('sg-123')));
    expect(finding).toMatchObject({
      check: 'snapshotGroupIdFormatAndUnique',
      rule: 'valid.success-body',
      actual: 'sg-123',
    });
  });

  it('reports an id already returned to another case', () => {
    const findings = snapshotGroupIdFormatAndUnique(
      ctx(valid, created('ssg-a1'), { run: memory({}, { 'ssg-a1': { caseId: 'c1' } }) }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'the request: SnapshotGroupId already returned to case c1',
    ]);
  });

  it('allows the same id for the same ClientToken, in the run and within the case', () => {
    const withToken = makeCase({
      ...valid,
      request: request([
        ['RegionId', 'r'],
        ['ClientToken', 't-1'],
      ]),
      prelude: [
        request([
          ['RegionId', 'r'],
          ['ClientToken', 't-1'],
        ]),
      ],
    });
    const run = memory({}, { 'ssg-a1': { caseId: 'c1', clientToken: 't-1' } });
    expect(
      snapshotGroupIdFormatAndUnique(
        ctx(withToken, created('ssg-a1'), { run, prelude: [created('ssg-a1')] }),
      ),
    ).toEqual([]);
  });

  it('reports two requests of a case without a shared ClientToken getting one id', () => {
    const c = makeCase({ ...valid, prelude: [request()] });
    expect(
      snapshotGroupIdFormatAndUnique(ctx(c, created('ssg-a1'), { prelude: [created('ssg-a1')] })),
    ).toHaveLength(1);
  });
});
