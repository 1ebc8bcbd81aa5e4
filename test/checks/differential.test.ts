import { describe, expect, it } from 'vitest';
import {
  differentialFinding,
  disagreements,
  fieldSet,
  idFormat,
  type SideAnswer,
} from '../../lib/checks/differential.js';
import { created, error, json, makeCase, NAME_EXPECTED, requestId, transportFailure } from './fixtures.js';

const invalid = makeCase({ expected: NAME_EXPECTED, description: 'Name of 129 characters' });
const side = (...exchanges: SideAnswer['exchanges']): SideAnswer => ({ exchanges });

const listing = (groupId: string, name: string, disks: string[]) =>
  json(200, {
    RequestId: 'r',
    SnapshotGroups: {
      SnapshotGroup: [
        {
          SnapshotGroupId: groupId,
          Name: name,
          Status: 'accomplished',
          CreationTime: new Date().toISOString(),
          Tags: { Tag: [] },
          Snapshots: { Snapshot: disks.map((disk) => ({ SourceDiskId: disk, InstantAccess: false })) },
        },
      ],
    },
  });

describe('disagreements', () => {
  it('ignores what may legitimately differ: RequestId, SnapshotGroupId and message values, charset', () => {
    const mine = error(400, 'InvalidParameter.Name');
    const theirs = json(
      400,
      {
        RequestId: '9F3A2B71-0C4D-4E5F-8A9B-C0D1E2F3A4B5',
        HostId: 'ecs.aliyuncs.com',
        Code: 'InvalidParameter.Name',
        Message: 'worded otherwise',
        Recommend: 'https://elsewhere',
      },
      'application/json',
    );
    expect(disagreements(invalid, side(mine), side(theirs))).toEqual([]);
    expect(disagreements(invalid, side(created('ssg-a1')), side(created('ssg-b2')))).toEqual([]);
  });

  it('reports another Code, another status, another field set or type, another content type', () => {
    const [code] = disagreements(
      invalid,
      side(error(400, 'InvalidParameter')),
      side(error(400, 'InvalidParameter.Name')),
    );
    expect(code).toEqual({
      where: "the case's own request",
      aspect: 'outcome',
      candidate: '400 InvalidParameter',
      reference: '400 InvalidParameter.Name',
    });
    expect(disagreements(invalid, side(error(404, 'X')), side(error(400, 'X')))[0]?.aspect).toBe('outcome');
    const extra = json(200, { RequestId: 'r', SnapshotGroupId: 'ssg-a', Extra: 1 });
    expect(disagreements(invalid, side(extra), side(created()))[0]).toMatchObject({
      aspect: 'body fields',
      candidate: 'Extra:number RequestId:string SnapshotGroupId:string',
      reference: 'RequestId:string SnapshotGroupId:string',
    });
    const numbered = json(200, { RequestId: 7, SnapshotGroupId: 'ssg-a' });
    expect(disagreements(invalid, side(numbered), side(created()))[0]?.aspect).toBe('body fields');
    const xmlType = json(200, { RequestId: 'r', SnapshotGroupId: 'ssg-a' }, 'text/xml');
    expect(disagreements(invalid, side(xmlType), side(created()))[0]?.aspect).toBe('content type');
  });

  it('compares the format of ids, not their values, and a RequestId repeated within a case', () => {
    expect(disagreements(invalid, side(created('ssg-k1x2y3')), side(created('ssg-z9w8v7')))).toEqual([]);
    expect(disagreements(invalid, side(created('KXY123')), side(created('ssg-xyz789')))[0]).toMatchObject({
      aspect: 'id format',
      candidate: 'RequestId 8-4-4-4-12 HEX; SnapshotGroupId 6 upper-alnum',
    });
    const replay = makeCase({ expected: { kind: 'success' }, rule: 'idempotency.same-token-same-result' });
    const same = requestId();
    const repeated = side(created('ssg-1', same), created('ssg-1', same));
    expect(disagreements(replay, repeated, side(created('ssg-5'), created('ssg-5')))).toEqual([
      { where: "the case's own request", aspect: 'request id', candidate: '#1', reference: '#2' },
    ]);
    expect(idFormat('8D076B81-FB8E-4D4E-B864-347B8EE31234')).toBe('8-4-4-4-12 HEX');
    expect(idFormat('ssg-b27kl6vjr5q8ek3syfsv')).toBe('ssg-20 lower-alnum');
  });

  it('numbers group ids per case: a replay answered with a new group disagrees with one answered the same', () => {
    const replay = makeCase({ expected: { kind: 'success' }, rule: 'idempotency.same-token-same-result' });
    const same = side(created('ssg-1'), created('ssg-1'));
    const other = side(created('ssg-9'), created('ssg-8'));
    expect(disagreements(replay, same, side(created('ssg-5'), created('ssg-5')))).toEqual([]);
    expect(disagreements(replay, other, same)).toEqual([
      { where: "the case's own request", aspect: 'group', candidate: '#2', reference: '#1' },
    ]);
  });

  it('in a race, a success and IdempotentProcessing are one outcome; a lost request is not', () => {
    const race = makeCase({ expected: { kind: 'success' }, concurrent: true });
    const processing = error(400, 'IdempotentProcessing');
    expect(disagreements(race, side(created('a'), processing), side(processing, created('b')))).toEqual([]);
    expect(
      disagreements(race, side(created('a'), error(400, 'X')), side(created('b'), processing)),
    ).toHaveLength(1);
    expect(disagreements(race, side(transportFailure()), side(created()))[0]?.candidate).toMatch(/no answer/);
  });

  it('compares how many groups a Describe by SnapshotGroupId.N lists (the case names its own groups)', () => {
    const byIds = {
      ...invalid,
      request: {
        ...invalid.request,
        action: 'DescribeSnapshotGroups' as const,
        params: [['SnapshotGroupId.1', 'ssg-a1'] as [string, string]],
      },
    };
    const one = listing('ssg-a1', 'n', ['d-1']);
    const two = json(200, {
      RequestId: 'r',
      SnapshotGroups: {
        SnapshotGroup: ['ssg-a1', 'ssg-a2'].map((SnapshotGroupId) => ({
          SnapshotGroupId,
          Name: 'n',
          Status: 'accomplished',
          CreationTime: new Date().toISOString(),
          Tags: { Tag: [] },
          Snapshots: { Snapshot: [{ SourceDiskId: 'd-1', InstantAccess: false }] },
        })),
      },
    });
    expect(disagreements(byIds, side(one), side(listing('ssg-b7', 'n', ['d-1'])))).toEqual([]);
    expect(disagreements(byIds, side(two), side(one))).toEqual([
      { where: "the case's own request", aspect: 'group', candidate: '2 listed', reference: '1 listed' },
    ]);
    // Any other listing may hold groups of the account's own: not counted.
    expect(disagreements(invalid, side(two), side(one))).toEqual([]);
  });

  it("compares a walking Describe's further pages: how many, and each one's outcome and shape", () => {
    const first = listing('ssg-a1', 'n', ['d-1']);
    const walk = (...pages: SideAnswer['exchanges']): SideAnswer => ({ exchanges: [first], pages });
    const page = (groupId: string) => listing(groupId, 'n', ['d-2']);
    expect(disagreements(invalid, walk(page('ssg-b1')), walk(page('ssg-c9')))).toEqual([]);
    // MaxResults ignored: everything on the first page, none after it.
    expect(disagreements(invalid, walk(), walk(page('ssg-b1'), page('ssg-b2')))).toEqual([
      {
        where: 'the pages after the first',
        aspect: 'outcome',
        candidate: '1 page',
        reference: '3 pages',
      },
    ]);
    const [refused] = disagreements(invalid, walk(error(400, 'InvalidParameter')), walk(page('ssg-b1')));
    expect(refused).toMatchObject({ where: 'page 2 of the walk', aspect: 'outcome' });
    const [shape] = disagreements(invalid, walk(json(200, { RequestId: 'r' })), walk(page('ssg-b1')));
    expect(shape).toMatchObject({ where: 'page 2 of the walk', aspect: 'body fields' });
  });

  it('compares the state the create left: disks, name, tags, resource group, instant access', () => {
    const valid = makeCase({ expected: { kind: 'success' } });
    const mine: SideAnswer = {
      exchanges: [created('g1')],
      groupId: 'g1',
      afterCreate: listing('g1', 'n', ['d-1']),
    };
    const same: SideAnswer = {
      exchanges: [created('g2')],
      groupId: 'g2',
      afterCreate: listing('g2', 'n', ['d-1']),
    };
    const fewer: SideAnswer = {
      exchanges: [created('g3')],
      groupId: 'g3',
      afterCreate: listing('g3', 'n', []),
    };
    const renamed: SideAnswer = {
      exchanges: [created('g4')],
      groupId: 'g4',
      afterCreate: listing('g4', 'm', ['d-1']),
    };
    expect(disagreements(valid, mine, same)).toEqual([]);
    expect(disagreements(valid, mine, fewer)[0]?.aspect).toBe('state');
    expect(disagreements(valid, mine, renamed)[0]).toMatchObject({
      aspect: 'state',
      where: 'the group after the create',
    });
  });
});

describe('fieldSet', () => {
  it('lists paths and types, lists without their length', () => {
    expect(fieldSet({ A: { B: [{ C: 'x' }, { C: 'y' }] }, D: null, E: [] })).toEqual([
      'A.B[].C:string',
      'D:null',
      'E[]:empty',
    ]);
  });
});

describe('differentialFinding', () => {
  it("is a finding of the case's rule: both answers side by side, each with its replay command", () => {
    const found = disagreements(invalid, side(error(400, 'A')), side(error(400, 'B')));
    const finding = differentialFinding(invalid, found, {
      candidate: {
        label: 'http://candidate',
        replay: 'npx ecs-conformance replay --target http://candidate',
      },
      reference: {
        label: 'cassette:ref',
        replay: 'npx ecs-conformance replay --target https://ecs.aliyuncs.com',
      },
    });
    expect(finding).toMatchObject({
      check: 'agreesWithReference',
      rule: invalid.rule,
      caseId: invalid.id,
      message: "differs from the reference cassette:ref: the case's own request, outcome",
    });
    expect(finding.expected).toBe(
      "reference cassette:ref: the case's own request, outcome: 400 B; replay: npx ecs-conformance replay --target https://ecs.aliyuncs.com",
    );
    expect(finding.actual).toContain(
      "candidate: the case's own request, outcome: 400 A; replay: npx ecs-conformance replay --target http://candidate",
    );
  });
});
