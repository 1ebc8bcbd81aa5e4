import { describe, expect, it } from 'vitest';
import {
  describeExpected,
  errorCodeMatchesRule,
  httpStatusMatchesCode,
  invalidRequestAccepted,
  noServerErrorWhereDocumented,
  runChecks,
  validRequestRejected,
} from '../../lib/checks/index.js';
import { created, ctx, error, json, makeCase, request, requestId } from './fixtures.js';

// A robustness probe (name.non-ascii-letters): the page leaves the outcome open, so success and a
// documented 4xx are both conformant; a 5xx or an undocumented code never is.
const probe = makeCase({
  rule: 'name.non-ascii-letters',
  kind: 'valid',
  expected: { kind: 'success-or-documented-4xx' },
  request: request([
    ['RegionId', 'cn-hangzhou'],
    ['DiskId.1', 'd-1'],
    ['Name', 'Snapshot快照组'],
  ]),
  expectGroup: {
    regionId: 'cn-hangzhou',
    disks: ['d-1'],
    name: 'Snapshot快照组',
    tags: [],
    instantAccess: false,
  },
  description: 'Name with Chinese letters',
});

describe('a case whose outcome the page leaves open (success-or-documented-4xx)', () => {
  it('describes its expectation', () => {
    expect(describeExpected(probe.expected)).toBe('success (2xx) or a documented 4xx error');
  });

  it('takes a success as conformant: not an invalid request accepted', () => {
    expect(invalidRequestAccepted(ctx(probe, created('ssg-p1')))).toEqual([]);
    expect(errorCodeMatchesRule(ctx(probe, created('ssg-p1')))).toEqual([]);
  });

  it('takes a documented 4xx as conformant: not a valid request rejected', () => {
    for (const refusal of [
      error(400, 'InvalidParameter.Name'),
      error(400, 'InvalidSnapshotName.Malformed'),
    ]) {
      const c = ctx(probe, refusal);
      expect(validRequestRejected(c)).toEqual([]);
      expect(errorCodeMatchesRule(c)).toEqual([]);
      expect(httpStatusMatchesCode(c)).toEqual([]);
      expect(runChecks(c)).toEqual([]);
    }
  });

  it('reports a 5xx, under its own rule', () => {
    const c = ctx(probe, error(500, 'InternalError'));
    const [server] = noServerErrorWhereDocumented(c);
    expect(server).toMatchObject({
      rule: 'name.non-ascii-letters',
      expected: 'success (2xx) or a documented 4xx error',
      actual: '500 InternalError',
    });
    expect(errorCodeMatchesRule(c)).toHaveLength(1);
    expect(validRequestRejected(c)).toEqual([]);
  });

  it('reports an undocumented code, and a documented code with another status', () => {
    const [undocumented] = errorCodeMatchesRule(ctx(probe, error(400, 'Name.NotAllowed')));
    expect(undocumented?.message).toBe('Name.NotAllowed is not a code the page documents with a 4xx status');
    const [status] = httpStatusMatchesCode(ctx(probe, error(403, 'InvalidParameter.Name')));
    expect(status).toMatchObject({ rule: 'name.non-ascii-letters', actual: '403 InvalidParameter.Name' });
  });

  it('checks a success like any create: the group must store the Name as sent', () => {
    const afterCreate = json(200, {
      RequestId: requestId(),
      SnapshotGroups: {
        SnapshotGroup: [
          {
            SnapshotGroupId: 'ssg-p1',
            Name: 'Snapshot???',
            Status: 'accomplished',
            Snapshots: { Snapshot: [{ SnapshotId: 's-1', SourceDiskId: 'd-1', InstantAccess: false }] },
          },
        ],
      },
    });
    const findings = runChecks(ctx(probe, created('ssg-p1'), { state: { groupId: 'ssg-p1', afterCreate } }));
    expect(findings.map((f) => [f.check, f.rule, f.actual])).toEqual([
      ['groupAttributesStored', 'state.attributes-stored', 'Snapshot???'],
    ]);
  });
});
