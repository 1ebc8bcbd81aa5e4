import { describe, expect, it } from 'vitest';
import type { ExpectedGroup } from '../../lib/cases.js';
import type { GroupState } from '../../lib/checks/index.js';
import {
  describedGroups,
  groupAttributesStored,
  groupGoneAfterCleanup,
  groupHoldsExactlyExpectedDisks,
  instantAccessStored,
  stateLookupsMatchSchema,
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

describe('groupAttributesStored: InstanceId', () => {
  const instanceCase = makeCase({
    ...diskCase,
    rule: 'state.instance-form-snapshots',
    request: request([
      ['RegionId', 'cn-hangzhou'],
      ['InstanceId', 'i-1'],
    ]),
    expectGroup: { ...expectGroup, instanceId: 'i-1' },
  });
  const instanceCtx = (instanceId: string | undefined) =>
    ctx(instanceCase, created('ssg-1'), {
      state: {
        groupId: 'ssg-1',
        afterCreate: describeOf({
          ...listed('ssg-1'),
          ...(instanceId !== undefined && { InstanceId: instanceId }),
        }),
      },
    });

  it('compares the described InstanceId with the one the request named', () => {
    expect(groupAttributesStored(instanceCtx('i-1'))).toEqual([]);
    expect(groupAttributesStored(instanceCtx('i-2')).map((f) => [f.rule, f.message, f.actual])).toEqual([
      ['state.attributes-stored', "the group's InstanceId is not the one sent", 'i-2'],
    ]);
    expect(groupAttributesStored(instanceCtx(undefined))[0]?.actual).toBe('(absent)');
  });

  it('does not ask for an InstanceId when the request named none (DiskId.N may span instances)', () => {
    const withInstance = describeOf({ ...listed('ssg-1'), InstanceId: 'i-7' });
    expect(groupAttributesStored(stateCtx(withInstance))).toEqual([]);
  });
});

describe('stateLookupsMatchSchema', () => {
  const lookups = (state: Omit<GroupState, 'groupId'>) =>
    stateLookupsMatchSchema(ctx(diskCase, created('ssg-1'), { state: { groupId: 'ssg-1', ...state } }));
  const deleted = () => json(200, { RequestId: requestId() });

  it('accepts documented look-ups, JSON or XML (XML text read with the documented types)', () => {
    expect(
      lookups({ afterCreate: describeOf(listed('ssg-1')), deletion: deleted(), afterDelete: describeOf() }),
    ).toEqual([]);
    const body = `<?xml version="1.0" encoding="UTF-8"?><DescribeSnapshotGroupsResponse><RequestId>${requestId()}</RequestId><SnapshotGroups><SnapshotGroup><SnapshotGroupId>ssg-1</SnapshotGroupId><InstanceId>i-1</InstanceId><Snapshots><Snapshot><SnapshotId>s-1a</SnapshotId><SourceDiskId>d-1</SourceDiskId><Available>true</Available><InstantAccess>true</InstantAccess><InstantAccessRetentionDays>3</InstantAccessRetentionDays></Snapshot></Snapshots></SnapshotGroup></SnapshotGroups></DescribeSnapshotGroupsResponse>`;
    expect(lookups({ afterCreate: exchangeOf(200, body, 'text/xml;charset=utf-8') })).toEqual([]);
  });

  it('reports a snapshot id without its s- prefix under valid.success-body', () => {
    const group = listed('ssg-1');
    const bad = {
      ...group,
      Snapshots: { Snapshot: group.Snapshots.Snapshot.map((s, i) => ({ ...s, SnapshotId: `x${i}` })) },
    };
    const findings = lookups({ afterCreate: describeOf(bad) });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      check: 'stateLookupsMatchSchema',
      rule: 'valid.success-body',
      expected: 'the documented DescribeSnapshotGroups response body',
    });
    expect(findings[0]?.message).toContain('DescribeSnapshotGroups after the create (group ssg-1)');
    expect(findings[0]?.actual).toContain('/SnapshotGroups/SnapshotGroup/0/Snapshots/Snapshot/0/SnapshotId');
  });

  it('checks the deletion and the look-up after it, and the XML root', () => {
    const findings = lookups({
      deletion: json(200, { RequestId: 'lower-case-id' }),
      afterDelete: exchangeOf(
        200,
        `<Response><RequestId>${requestId()}</RequestId><SnapshotGroups/></Response>`,
        'text/xml',
      ),
    });
    expect(findings.map((f) => f.message)).toEqual([
      'DeleteSnapshotGroup (group ssg-1): the body does not match the documented schema',
      'DescribeSnapshotGroups after the deletion (group ssg-1): the XML root element is not <DescribeSnapshotGroupsResponse>',
    ]);
  });

  it('leaves refused look-ups to the state checks, and does nothing without state', () => {
    expect(lookups({ afterCreate: error(400, 'InvalidParameter'), deletion: error(403, 'X') })).toEqual([]);
    expect(stateLookupsMatchSchema(ctx(diskCase, created('ssg-1')))).toEqual([]);
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
