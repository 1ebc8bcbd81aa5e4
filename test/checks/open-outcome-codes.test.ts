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
import { formatExpected } from '../../lib/reporting/format.js';
import { created, ctx, error, json, makeCase, request, requestId } from './fixtures.js';

// valid.forbidden-word-other-case (issue 16.3): whether a forbidden word in another case is refused the
// page leaves open, but it names the codes a refusal carries: success, or the field's own code, only.
const probe = makeCase({
  rule: 'valid.forbidden-word-other-case',
  kind: 'boundary',
  expected: { kind: 'success-or-one-of', alternatives: [{ code: 'InvalidTagKey.Malformed', status: 400 }] },
  request: request([
    ['RegionId', 'cn-hangzhou'],
    ['DiskId.1', 'd-1'],
    ['Tag.1.Key', 'ACS:z'],
    ['Tag.1.Value', 'v'],
  ]),
  expectGroup: {
    regionId: 'cn-hangzhou',
    disks: ['d-1'],
    tags: [{ key: 'ACS:z', value: 'v' }],
    instantAccess: false,
  },
  description: 'tag key with ACS: (acs: in another case)',
});

describe('a case accepted or refused with named codes (success-or-one-of)', () => {
  it('describes its expectation', () => {
    expect(describeExpected(probe.expected)).toBe('success (2xx) or InvalidTagKey.Malformed (400)');
    expect(formatExpected(probe.expected)).toBe('success or InvalidTagKey.Malformed 400');
  });

  it('takes a success and its own code as conformant', () => {
    expect(invalidRequestAccepted(ctx(probe, created('ssg-c1')))).toEqual([]);
    const refused = ctx(probe, error(400, 'InvalidTagKey.Malformed'));
    expect(validRequestRejected(refused)).toEqual([]);
    expect(runChecks(refused)).toEqual([]);
  });

  it("reports another field's documented code, a 5xx, and its code with another status", () => {
    const [other] = errorCodeMatchesRule(ctx(probe, error(400, 'InvalidParameter.Description')));
    expect(other).toMatchObject({
      rule: 'valid.forbidden-word-other-case',
      expected: 'success (2xx) or InvalidTagKey.Malformed (400)',
    });
    const server = ctx(probe, error(500, 'InternalError'));
    expect(noServerErrorWhereDocumented(server)).toHaveLength(1);
    expect(errorCodeMatchesRule(server)).toHaveLength(1);
    const [status] = httpStatusMatchesCode(ctx(probe, error(403, 'InvalidTagKey.Malformed')));
    expect(status).toMatchObject({
      rule: 'valid.forbidden-word-other-case',
      actual: '403 InvalidTagKey.Malformed',
    });
  });

  it('checks a success like any create: the tag key must be stored as sent, not folded', () => {
    const afterCreate = json(200, {
      RequestId: requestId(),
      SnapshotGroups: {
        SnapshotGroup: [
          {
            SnapshotGroupId: 'ssg-c1',
            Status: 'accomplished',
            Tags: { Tag: [{ TagKey: 'acs:z', TagValue: 'v' }] },
            Snapshots: { Snapshot: [{ SnapshotId: 's-1', SourceDiskId: 'd-1', InstantAccess: false }] },
          },
        ],
      },
    });
    const findings = runChecks(ctx(probe, created('ssg-c1'), { state: { groupId: 'ssg-c1', afterCreate } }));
    expect(findings.map((f) => [f.check, f.rule])).toEqual([
      ['groupAttributesStored', 'state.attributes-stored'],
    ]);
  });
});
