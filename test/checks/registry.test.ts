import { describe, expect, it } from 'vitest';
import * as checks from '../../lib/checks/index.js';
import { CHECKS, observedRules, runChecks } from '../../lib/checks/index.js';
import { created, ctx, error, json, makeCase, NAME_EXPECTED, request, requestId } from './fixtures.js';

describe('the check list', () => {
  it('lists every exported check exactly once', () => {
    const exported = Object.entries(checks)
      .filter(([, value]) => typeof value === 'function' && CHECKS.includes(value as checks.Check))
      .map(([name]) => name);
    expect(new Set(CHECKS).size).toBe(CHECKS.length);
    expect(exported).toHaveLength(CHECKS.length);
  });

  it('finds nothing in a conformant success with its state look-ups, nor in a conformant refusal', () => {
    const valid = makeCase({
      rule: 'valid.boundaries-accepted',
      kind: 'valid',
      expected: { kind: 'success' },
      expectGroup: { regionId: 'cn-hangzhou', disks: ['d-1'], tags: [], instantAccess: false },
    });
    const listed = {
      SnapshotGroupId: 'ssg-9',
      Status: 'accomplished',
      Snapshots: { Snapshot: [{ SourceDiskId: 'd-1', InstantAccess: false }] },
    };
    const state = {
      groupId: 'ssg-9',
      afterCreate: json(200, { RequestId: requestId(), SnapshotGroups: { SnapshotGroup: [listed] } }),
      deletion: json(200, { RequestId: requestId() }),
      afterDelete: json(200, { RequestId: requestId(), SnapshotGroups: { SnapshotGroup: [] } }),
    };
    const success = ctx(valid, created('ssg-9'), { state });
    expect(runChecks(success)).toEqual([]);
    expect(observedRules(success).sort()).toEqual([
      'state.deleted-after-cleanup',
      'state.disk-form-snapshots',
      'valid.request-id-unique',
      'valid.success-body',
    ]);

    const refusal = ctx(makeCase({ expected: NAME_EXPECTED }), error(400, 'InvalidParameter.Name'));
    expect(runChecks(refusal)).toEqual([]);
    expect(observedRules(refusal).sort()).toEqual(['valid.error-body', 'valid.request-id-unique']);
  });

  it('names the check in every finding', () => {
    const wrong = ctx(makeCase({ expected: NAME_EXPECTED, prelude: [request()] }), created('bad'), {
      prelude: [error(500, 'InternalError')],
    });
    const names = new Set(runChecks(wrong).map((f) => f.check));
    expect([...names].sort()).toEqual([
      'invalidRequestAccepted',
      'noServerErrorWhereDocumented',
      'preludeRequestsAccepted',
      'snapshotGroupIdFormatAndUnique',
      'successBodyMatchesSchema',
    ]);
  });
});
