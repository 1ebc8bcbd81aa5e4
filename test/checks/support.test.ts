import { describe, expect, it } from 'vitest';
import type { Case, CaseRequest } from '../../lib/cases.js';
import {
  type CheckContext,
  describeHonoursInstanceIdFilter,
  describeHonoursMaxResults,
  describeHonoursNameFilter,
  describeHonoursSnapshotGroupIdFilter,
  describeHonoursStatusFilter,
  describeHonoursTagFilter,
  describeNextTokenWalksEachGroupOnce,
  runChecks,
} from '../../lib/checks/index.js';
import type { Exchange } from '../../lib/client/exchange.js';
import { created, ctx, json, makeCase, request, requestId } from './fixtures.js';

/**
 * The support family's checks, each on a conformant listing and on one that breaks its rule. The case
 * made three groups first (its prelude): ssg-a on instance i-1 named "support-x-0" with tag value
 * "x-0", ssg-b and ssg-c elsewhere with names and tag values of their own.
 */
const TAG = 'conformance-support';
const MADE = [
  { id: 'ssg-a', name: 'support-x-0', instanceId: 'i-1', tag: 'x-0' },
  { id: 'ssg-b', name: 'support-x-1', tag: 'x-1' },
  { id: 'ssg-c', name: 'support-x-2', tag: 'x-2' },
];

const prelude: CaseRequest[] = MADE.map((group, index) =>
  request([
    ['RegionId', 'cn-hangzhou'],
    ...(group.instanceId === undefined
      ? []
      : ([['InstanceId', group.instanceId]] as Array<[string, string]>)),
    ['Name', group.name],
    ['DiskId.1', `d-${index}`],
    ['Tag.1.Key', TAG],
    ['Tag.1.Value', group.tag],
  ]),
);
const preludeAnswers = MADE.map((group) => created(group.id));

interface Listed {
  id: string;
  name?: string;
  instanceId?: string;
  status?: string;
  tag?: string;
}

const view = (group: Listed) => ({
  SnapshotGroupId: group.id,
  Name: group.name ?? '',
  InstanceId: group.instanceId ?? '',
  Status: group.status ?? 'accomplished',
  Tags: { Tag: group.tag === undefined ? [] : [{ Key: TAG, Value: group.tag }] },
  Snapshots: { Snapshot: [] },
});

const listing = (groups: Listed[], extra: Record<string, unknown> = {}): Exchange =>
  json(200, {
    RequestId: requestId(),
    NextToken: '',
    SnapshotGroups: { SnapshotGroup: groups.map(view) },
    ...extra,
  });

const listed = (id: string, status = 'accomplished'): Listed => {
  const made = MADE.find((group) => group.id === id) as (typeof MADE)[number];
  return {
    id,
    name: made.name,
    ...(made.instanceId && { instanceId: made.instanceId }),
    tag: made.tag,
    status,
  };
};

function describeCase(rule: string, params: Array<[string, string]>, walkPages = false): Case {
  const c = makeCase({
    rule,
    id: `${rule}/valid/0`,
    kind: 'valid',
    expected: { kind: 'success' },
    request: request([['RegionId', 'cn-hangzhou'], ...params], { action: 'DescribeSnapshotGroups' }),
    prelude,
  });
  return walkPages ? { ...c, walkPages: true } : c;
}

const judged = (c: Case, exchange: Exchange, pages?: Exchange[]): CheckContext => ({
  ...ctx(c, exchange, { prelude: preludeAnswers }),
  ...(pages !== undefined && { pages }),
});

describe('describeHonoursSnapshotGroupIdFilter', () => {
  const c = describeCase('support.describe-snapshot-group-id-filter', [['SnapshotGroupId.1', 'ssg-a']]);

  it('passes a listing of the named group, with the whole check list finding nothing else', () => {
    expect(describeHonoursSnapshotGroupIdFilter(judged(c, listing([listed('ssg-a')])))).toEqual([]);
    expect(runChecks(judged(c, listing([listed('ssg-a')])))).toEqual([]);
  });

  it('fails a listing of every group, naming the filter and the group that does not match', () => {
    const findings = describeHonoursSnapshotGroupIdFilter(
      judged(c, listing([listed('ssg-a'), listed('ssg-b'), listed('ssg-c')])),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.rule).toBe('support.describe-snapshot-group-id-filter');
    expect(findings[0]?.check).toBe('describeHonoursSnapshotGroupIdFilter');
    expect(findings[0]?.message).toContain('SnapshotGroupId.N');
    expect(findings[0]?.actual).toContain('ssg-b');
  });

  it('fails a complete listing that leaves the named group out', () => {
    const findings = describeHonoursSnapshotGroupIdFilter(judged(c, listing([])));
    expect(findings.map((f) => f.message)).toEqual([
      'DescribeSnapshotGroups by SnapshotGroupId.N left out group(s) the case made that match it',
    ]);
  });

  it('does not ask for the named group on a listing that has more pages', () => {
    const partial = listing([], { NextToken: '7' });
    expect(describeHonoursSnapshotGroupIdFilter(judged(c, partial))).toEqual([]);
  });

  it('judges only the cases of its own rule', () => {
    const other = describeCase('support.describe-name-filter', [['SnapshotGroupId.1', 'ssg-a']]);
    expect(describeHonoursSnapshotGroupIdFilter(judged(other, listing([listed('ssg-b')])))).toEqual([]);
  });
});

describe('describeHonoursInstanceIdFilter', () => {
  const c = describeCase('support.describe-instance-id-filter', [['InstanceId', 'i-1']]);

  it("passes a listing of the instance's groups, a foreign one included", () => {
    const foreign: Listed = { id: 'ssg-other', instanceId: 'i-1', name: 'theirs' };
    expect(describeHonoursInstanceIdFilter(judged(c, listing([listed('ssg-a'), foreign])))).toEqual([]);
  });

  it('fails a listing with a group of no instance', () => {
    const findings = describeHonoursInstanceIdFilter(judged(c, listing([listed('ssg-a'), listed('ssg-b')])));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toContain('ssg-b: InstanceId (none), not "i-1"');
    expect(findings[0]?.message).toContain('InstanceId');
  });
});

describe('describeHonoursStatusFilter', () => {
  const c = describeCase('support.describe-status-filter', [
    ['Name', 'support-x-0'],
    ['Status.1', 'failed'],
  ]);

  it('passes an empty listing (a fresh group is not failed) and a failed group', () => {
    expect(describeHonoursStatusFilter(judged(c, listing([])))).toEqual([]);
    expect(describeHonoursStatusFilter(judged(c, listing([listed('ssg-a', 'failed')])))).toEqual([]);
  });

  it('fails a listing of a progressing group', () => {
    const findings = describeHonoursStatusFilter(judged(c, listing([listed('ssg-a', 'progressing')])));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toContain('Status "progressing", not one of failed');
  });
});

describe('describeHonoursNameFilter', () => {
  const c = describeCase('support.describe-name-filter', [['Name', 'support-x-1']]);

  it('passes a listing of the named group', () => {
    expect(describeHonoursNameFilter(judged(c, listing([listed('ssg-b')])))).toEqual([]);
  });

  it('fails a listing with groups of other names', () => {
    const findings = describeHonoursNameFilter(judged(c, listing([listed('ssg-a'), listed('ssg-b')])));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toContain('ssg-a: Name "support-x-0", not "support-x-1"');
  });
});

describe('describeHonoursTagFilter', () => {
  const c = describeCase('support.describe-tag-filter', [
    ['Tag.1.Key', TAG],
    ['Tag.1.Value', 'x-2'],
  ]);

  it('passes a listing of the tagged group', () => {
    expect(describeHonoursTagFilter(judged(c, listing([listed('ssg-c')])))).toEqual([]);
  });

  it('fails a listing with a group whose tag value differs', () => {
    const findings = describeHonoursTagFilter(judged(c, listing([listed('ssg-c'), listed('ssg-a')])));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toContain('ssg-a: no tag');
  });
});

/** Pages of a walk: each a listing of the given groups, with a NextToken but on the last. */
const walk = (pages: string[][], extra: Record<string, unknown> = {}): Exchange[] =>
  pages.map((ids, index) =>
    listing(
      ids.map((id) => listed(id)),
      { NextToken: index === pages.length - 1 ? '' : String(index + 1), ...extra },
    ),
  );

describe('describeHonoursMaxResults', () => {
  const c = describeCase(
    'support.describe-max-results',
    [
      ['Name', 'support-x-0'],
      ['MaxResults', '1'],
    ],
    true,
  );

  it('passes pages of one group each', () => {
    const [first, ...rest] = walk([['ssg-a'], ['ssg-b'], ['ssg-c']]);
    expect(describeHonoursMaxResults(judged(c, first as Exchange, rest))).toEqual([]);
  });

  it('fails a page of three groups', () => {
    const [first, ...rest] = walk([['ssg-a', 'ssg-b', 'ssg-c']]);
    const findings = describeHonoursMaxResults(judged(c, first as Exchange, rest));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toBe('page 1: 3 groups');
  });
});

describe('describeNextTokenWalksEachGroupOnce', () => {
  // The three groups share the first name in a paging case.
  const c = describeCase(
    'support.describe-next-token',
    [
      ['MaxResults', '1'],
      ['SnapshotGroupId.1', 'ssg-a'],
      ['SnapshotGroupId.2', 'ssg-b'],
      ['SnapshotGroupId.3', 'ssg-c'],
    ],
    true,
  );
  const judge = (pages: Exchange[]) =>
    describeNextTokenWalksEachGroupOnce(judged(c, pages[0] as Exchange, pages.slice(1)));

  it('passes a walk of three pages, each group once, with a right TotalCount', () => {
    expect(judge(walk([['ssg-a'], ['ssg-b'], ['ssg-c']], { TotalCount: 3 }))).toEqual([]);
  });

  it('fails a walk that lists a group on two pages', () => {
    const findings = judge(walk([['ssg-a'], ['ssg-a', 'ssg-b'], ['ssg-c']]));
    expect(findings.map((f) => f.message)).toEqual(['a group is listed on two pages']);
    expect(findings[0]?.actual).toBe('ssg-a on pages 1 and 2');
  });

  it('fails a walk that leaves a group out', () => {
    const findings = judge(walk([['ssg-a'], ['ssg-c']]));
    expect(findings.map((f) => f.message)).toEqual(['the walk left out group(s) the case made']);
  });

  it('fails a TotalCount that counts the page', () => {
    const findings = judge(walk([['ssg-a'], ['ssg-b'], ['ssg-c']], { TotalCount: 1 }));
    expect(findings.map((f) => f.message)).toEqual(['TotalCount differs from the groups the walk found']);
  });

  it('fails a walk whose NextToken never ends', () => {
    const first = walk([['ssg-a'], ['ssg-b'], ['ssg-c']]).slice(0, 2);
    const findings = judge([...first, listing([listed('ssg-c')], { NextToken: '9' })]);
    expect(findings.map((f) => f.message)).toEqual(['NextToken was still given after 3 pages']);
  });
});
