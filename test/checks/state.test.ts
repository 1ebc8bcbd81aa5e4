import { describe, expect, it } from 'vitest';
import type { ExpectedGroup } from '../../lib/cases.js';
import type { GroupState } from '../../lib/checks/index.js';
import {
  describedGroups,
  groupAttributesStored,
  groupGoneAfterCleanup,
  groupHoldsExactlyExpectedDisks,
  instantAccessStored,
} from '../../lib/checks/index.js';
import { created, ctx, error, exchangeOf, json, makeCase, request, requestId } from './fixtures.js';

const expectGroup: ExpectedGroup = {
  regionId: 'cn-hangzhou',
  disks: ['d-1', 'd-2'],
  name: 'group-1',
  description: 'made by a test',
  tags: [{ key: 'team', value: 'storage' }],
  resourceGroupId: 'rg-1',
  instantAccess: true,
  instantAccessRetentionDays: 3,
};

interface GroupShape {
  disks?: string[];
  name?: string;
  tags?: Array<{ Key: string; Value: string }>;
  instantAccess?: boolean;
  days?: number;
}

function listed(id: string, shape: GroupShape = {}) {
  return {
    SnapshotGroupId: id,
    Name: shape.name ?? 'group-1',
    Description: 'made by a test',
    ResourceGroupId: 'rg-1',
    Status: 'accomplished',
    Tags: {
      Tag: shape.tags ?? [
        { Key: 'team', Value: 'storage' },
        { Key: 'acs:system', Value: 'x' },
      ],
    },
    Snapshots: {
      Snapshot: (shape.disks ?? ['d-2', 'd-1']).map((disk, index) => ({
        SnapshotId: `s-${index}`,
        SourceDiskId: disk,
        InstantAccess: shape.instantAccess ?? true,
        InstantAccessRetentionDays: shape.days ?? 3,
      })),
    },
  };
}

const describeOf = (...groups: object[]) =>
  json(200, { RequestId: requestId(), SnapshotGroups: { SnapshotGroup: groups } });
const diskCase = makeCase({
  rule: 'state.disk-form-snapshots',
  kind: 'valid',
  expected: { kind: 'success' },
  request: request([
    ['RegionId', 'cn-hangzhou'],
    ['DiskId.1', 'd-1'],
    ['DiskId.2', 'd-2'],
  ]),
  expectGroup,
});
const stateCtx = (afterCreate: ReturnType<typeof json>) =>
  ctx(diskCase, created('ssg-1'), { state: { groupId: 'ssg-1', afterCreate } });

describe('groupHoldsExactlyExpectedDisks', () => {
  it('accepts exactly the expected disks in any order', () => {
    expect(groupHoldsExactlyExpectedDisks(stateCtx(describeOf(listed('ssg-1'))))).toEqual([]);
  });

  it('reports a missing and an extra disk under the rule of the request form', () => {
    const [finding] = groupHoldsExactlyExpectedDisks(
      stateCtx(describeOf(listed('ssg-1', { disks: ['d-1', 'd-3'] }))),
    );
    expect(finding).toMatchObject({
      rule: 'state.disk-form-snapshots',
      expected: 'd-1, d-2',
      actual: 'd-1, d-3',
    });
    const instanceCase = makeCase({
      ...diskCase,
      request: request([
        ['RegionId', 'r'],
        ['InstanceId', 'i-1'],
        ['ExcludeDiskId.1', 'd-9'],
      ]),
    });
    const exclude = groupHoldsExactlyExpectedDisks(
      ctx(instanceCase, created('ssg-1'), {
        state: { groupId: 'ssg-1', afterCreate: describeOf(listed('ssg-1', { disks: ['d-1'] })) },
      }),
    );
    expect(exclude[0]?.rule).toBe('state.exclude-form-snapshots');
  });

  it('reports a group that is not listed, and an unreadable describe', () => {
    expect(groupHoldsExactlyExpectedDisks(stateCtx(describeOf(listed('ssg-other'))))[0]?.message).toBe(
      'group ssg-1 is not listed by DescribeSnapshotGroups',
    );
    expect(groupHoldsExactlyExpectedDisks(stateCtx(error(400, 'InvalidParameter')))[0]?.message).toBe(
      'DescribeSnapshotGroups answered 400 InvalidParameter',
    );
  });

  it('does not apply without a state look-up or an expected group', () => {
    expect(groupHoldsExactlyExpectedDisks(ctx(diskCase, created('ssg-1')))).toEqual([]);
    const noExpect = makeCase({ expected: { kind: 'success' } });
    expect(
      groupHoldsExactlyExpectedDisks(
        ctx(noExpect, created('ssg-1'), { state: { groupId: 'ssg-1', afterCreate: describeOf() } }),
      ),
    ).toEqual([]);
  });
});

describe('groupAttributesStored', () => {
  it('accepts the attributes sent, ignoring acs: system tags', () => {
    expect(groupAttributesStored(stateCtx(describeOf(listed('ssg-1'))))).toEqual([]);
  });

  it('reports each attribute that differs', () => {
    const findings = groupAttributesStored(
      stateCtx(describeOf(listed('ssg-1', { name: 'other', tags: [] }))),
    );
    expect(findings.map((f) => [f.rule, f.message, f.expected, f.actual])).toEqual([
      ['state.attributes-stored', "the group's Name is not the one sent", 'group-1', 'other'],
      ['state.attributes-stored', "the group's Tags is not the one sent", 'team=storage', '(none)'],
    ]);
  });
});

describe('groupAttributesStored on an XML look-up', () => {
  it('compares trimmed text, since the XML parser trims element text', () => {
    const spaced = makeCase({ ...diskCase, expectGroup: { ...expectGroup, description: 'made by a test ' } });
    const body = `<DescribeSnapshotGroupsResponse><RequestId>${requestId()}</RequestId><SnapshotGroups><SnapshotGroup><SnapshotGroupId>ssg-1</SnapshotGroupId><Name>group-1</Name><Description>made by a test </Description><ResourceGroupId>rg-1</ResourceGroupId><Tags><Tag><Key>team</Key><Value>storage</Value></Tag></Tags></SnapshotGroup></SnapshotGroups></DescribeSnapshotGroupsResponse>`;
    const afterCreate = exchangeOf(200, body, 'text/xml');
    expect(
      groupAttributesStored(ctx(spaced, created('ssg-1'), { state: { groupId: 'ssg-1', afterCreate } })),
    ).toEqual([]);
    const json = describeOf({ ...listed('ssg-1'), Description: 'made by a test' });
    expect(
      groupAttributesStored(
        ctx(spaced, created('ssg-1'), { state: { groupId: 'ssg-1', afterCreate: json } }),
      ),
    ).toHaveLength(1);
  });
});

describe('instantAccessStored', () => {
  it('accepts the settings on every snapshot', () => {
    expect(instantAccessStored(stateCtx(describeOf(listed('ssg-1'))))).toEqual([]);
  });

  it('reports wrong retention days and instant access off', () => {
    expect(instantAccessStored(stateCtx(describeOf(listed('ssg-1', { days: 7 }))))[0]?.rule).toBe(
      'state.instant-access-stored',
    );
    expect(instantAccessStored(stateCtx(describeOf(listed('ssg-1', { instantAccess: false }))))).toHaveLength(
      1,
    );
  });

  it('reads XML booleans and numbers', () => {
    const body = `<DescribeSnapshotGroupsResponse><RequestId>${requestId()}</RequestId><SnapshotGroups><SnapshotGroup><SnapshotGroupId>ssg-1</SnapshotGroupId><Snapshots><Snapshot><SourceDiskId>d-1</SourceDiskId><InstantAccess>true</InstantAccess><InstantAccessRetentionDays>3</InstantAccessRetentionDays></Snapshot></Snapshots></SnapshotGroup></SnapshotGroups></DescribeSnapshotGroupsResponse>`;
    const result = describedGroups(exchangeOf(200, body, 'text/xml'));
    expect(result).toEqual({
      groups: [
        {
          id: 'ssg-1',
          tags: [],
          snapshots: [{ sourceDiskId: 'd-1', instantAccess: true, instantAccessRetentionDays: 3 }],
        },
      ],
    });
  });
});

describe('groupGoneAfterCleanup', () => {
  const gone = (state: GroupState) => groupGoneAfterCleanup(ctx(diskCase, created('ssg-1'), { state }));

  it('accepts a successful delete after which the group is not listed', () => {
    expect(
      gone({ groupId: 'ssg-1', deletion: json(200, { RequestId: requestId() }), afterDelete: describeOf() }),
    ).toEqual([]);
  });

  it('reports a group still listed, and a refused delete', () => {
    const still = gone({
      groupId: 'ssg-1',
      deletion: json(200, { RequestId: requestId() }),
      afterDelete: describeOf(listed('ssg-1')),
    });
    expect(still[0]).toMatchObject({
      rule: 'state.deleted-after-cleanup',
      actual: 'listed with Status accomplished',
    });
    const refused = gone({ groupId: 'ssg-1', deletion: error(403, 'OperationDenied') });
    expect(refused[0]?.actual).toBe('403 OperationDenied');
  });
});
