import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { type Answer, call } from './send.js';
import { REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

type Group = {
  SnapshotGroupId: string;
  Name: string;
  Description: string;
  InstanceId: string;
  Status: string;
  ResourceGroupId: string;
  Tags: { Tag: Array<{ Key: string; Value: string }> };
  Snapshots: { Snapshot: Array<Record<string, unknown>> };
};

const groupsOf = (answer: Answer): Group[] =>
  ((answer.body.SnapshotGroups as { SnapshotGroup: Group[] } | undefined)?.SnapshotGroup ?? []) as Group[];

describe('state through DescribeSnapshotGroups and DeleteSnapshotGroup', () => {
  const h = useEmulator();
  const create = (params: WireParams, account = 'main') => call(h.emulator.url, h.world, { params, account });
  const describeGroups = (params: WireParams, account = 'main', format: 'JSON' | 'XML' = 'JSON') =>
    call(h.emulator.url, h.world, {
      action: 'DescribeSnapshotGroups',
      params: [R, ...params],
      account,
      transport: { format, signature: format === 'XML' ? 'v2' : 'v3' },
    });
  const deleteGroup = (id: string, account = 'main') =>
    call(h.emulator.url, h.world, {
      action: 'DeleteSnapshotGroup',
      params: [R, ['SnapshotGroupId', id]],
      account,
    });
  const createdGroup = async (params: WireParams): Promise<Group> => {
    const created = await create(params);
    expect(created.status, created.text).toBe(200);
    const found = groupsOf(
      await describeGroups([['SnapshotGroupId.1', String(created.body.SnapshotGroupId)]]),
    );
    expect(found).toHaveLength(1);
    return found[0] as Group;
  };
  const diskIdsOf = (group: Group) => group.Snapshots.Snapshot.map((s) => s.SourceDiskId).sort();

  it('state.disk-form-snapshots: exactly the DiskId.N disks', async () => {
    const group = await createdGroup([R, ['DiskId.1', 'd-avail'], ['DiskId.2', 'd-avail2']]);
    expect(diskIdsOf(group)).toEqual(['d-avail', 'd-avail2']);
    for (const snapshot of group.Snapshots.Snapshot) expect(snapshot.SnapshotId).toMatch(/^s-[a-z0-9]{20}$/);
  });

  it("state.instance-form-snapshots: exactly the instance's disks", async () => {
    const group = await createdGroup([R, ['InstanceId', 'i-run']]);
    expect(diskIdsOf(group)).toEqual(['d-data1', 'd-data2', 'd-sys']);
    expect(group.InstanceId).toBe('i-run');
    const types = Object.fromEntries(group.Snapshots.Snapshot.map((s) => [s.SourceDiskId, s.SourceDiskType]));
    expect(types).toEqual({ 'd-sys': 'system', 'd-data1': 'data', 'd-data2': 'data' });
  });

  it("state.exclude-form-snapshots: the instance's disks less the excluded ones", async () => {
    const group = await createdGroup([R, ['InstanceId', 'i-run'], ['ExcludeDiskId.1', 'd-data2']]);
    expect(diskIdsOf(group)).toEqual(['d-data1', 'd-sys']);
  });

  it('state.attributes-stored: name, description, tags, resource group', async () => {
    const group = await createdGroup([
      R,
      ['DiskId.1', 'd-avail'],
      ['Name', 'nightly'],
      ['Description', 'before the upgrade'],
      ['Tag.1.Key', 'team'],
      ['Tag.1.Value', 'storage'],
      ['Tag.3.Key', 'empty'],
      ['ResourceGroupId', 'rg-main2'],
    ]);
    expect(group).toMatchObject({
      Name: 'nightly',
      Description: 'before the upgrade',
      ResourceGroupId: 'rg-main2',
    });
    expect(group.Tags.Tag).toEqual([
      { Key: 'team', Value: 'storage' },
      { Key: 'empty', Value: '' },
    ]);
    expect(group.Status).toBe('accomplished');
  });

  it('state.instant-access-stored: on each snapshot', async () => {
    const group = await createdGroup([
      R,
      ['DiskId.1', 'd-avail'],
      ['DiskId.2', 'd-avail2'],
      ['InstantAccess', 'true'],
      ['InstantAccessRetentionDays', '7'],
    ]);
    for (const snapshot of group.Snapshots.Snapshot) {
      expect(snapshot).toMatchObject({
        InstantAccess: true,
        InstantAccessRetentionDays: 7,
        Progress: '100%',
        Available: true,
      });
    }
    const off = await createdGroup([R, ['DiskId.1', 'd-avail'], ['InstantAccessRetentionDays', '7']]);
    expect(off.Snapshots.Snapshot[0]).toMatchObject({ InstantAccess: false });
    expect(off.Snapshots.Snapshot[0]).not.toHaveProperty('InstantAccessRetentionDays');
  });

  it('state.deleted-after-cleanup: a deleted group is gone, a second delete is 404', async () => {
    const group = await createdGroup([R, ['DiskId.1', 'd-avail']]);
    const deleted = await deleteGroup(group.SnapshotGroupId);
    expect(deleted.status).toBe(200);
    expect(deleted.body.OperationProgressSet).toEqual({
      OperationProgress: [
        {
          OperationStatus: 'Success',
          RelatedItemSet: {
            RelatedItem: [{ Name: 'SnapshotId', Value: group.Snapshots.Snapshot[0]?.SnapshotId }],
          },
        },
      ],
    });
    expect(groupsOf(await describeGroups([['SnapshotGroupId.1', group.SnapshotGroupId]]))).toEqual([]);
    const again = await deleteGroup(group.SnapshotGroupId);
    expect([again.body.Code, again.status]).toEqual(['InvalidSnapshotGroupId.NotFound', 404]);
  });

  it('another account neither sees nor deletes a group', async () => {
    const group = await createdGroup([R, ['DiskId.1', 'd-avail']]);
    expect(groupsOf(await describeGroups([['SnapshotGroupId.1', group.SnapshotGroupId]], 'other'))).toEqual(
      [],
    );
    expect((await deleteGroup(group.SnapshotGroupId, 'other')).status).toBe(404);
  });

  it('delete frees the snapshot quota', async () => {
    const first = await create([R, ['DiskId.1', 'd-tight1'], ['DiskId.2', 'd-tight2']], 'tight');
    expect(first.status).toBe(200);
    const over = await create([R, ['DiskId.1', 'd-tight3']], 'tight');
    expect([over.body.Code, over.status]).toEqual(['QuotaExceed.Snapshot', 403]);
    expect(h.emulator.state.snapshotsHeld('tight')).toBe(2);
    expect((await deleteGroup(String(first.body.SnapshotGroupId), 'tight')).status).toBe(200);
    expect(h.emulator.state.snapshotsHeld('tight')).toBe(0);
    expect((await create([R, ['DiskId.1', 'd-tight3']], 'tight')).status).toBe(200);
  });

  it('filters by Name, InstanceId, Status, Tag and ResourceGroupId', async () => {
    const tagged = await createdGroup([
      R,
      ['InstanceId', 'i-stopped'],
      ['Name', 'filter-me'],
      ['Tag.1.Key', 'f'],
      ['Tag.1.Value', 'yes'],
      ['ResourceGroupId', 'rg-main2'],
    ]);
    const ids = async (params: WireParams) =>
      groupsOf(await describeGroups([...params, ['MaxResults', '100']])).map((g) => g.SnapshotGroupId);
    expect(await ids([['Name', 'filter-me']])).toEqual([tagged.SnapshotGroupId]);
    expect(await ids([['InstanceId', 'i-stopped']])).toEqual([tagged.SnapshotGroupId]);
    expect(
      await ids([
        ['Tag.1.Key', 'f'],
        ['Tag.1.Value', 'yes'],
        ['Name', 'filter-me'],
      ]),
    ).toEqual([tagged.SnapshotGroupId]);
    expect(
      await ids([
        ['Tag.1.Key', 'f'],
        ['Tag.1.Value', 'no'],
      ]),
    ).toEqual([]);
    expect(await ids([['Status.1', 'progressing']])).toEqual([]);
    expect(
      await ids([
        ['Status.1', 'accomplished'],
        ['Name', 'filter-me'],
        ['ResourceGroupId', 'rg-main2'],
      ]),
    ).toEqual([tagged.SnapshotGroupId]);
    const bad = await describeGroups([['Status.1', 'done']]);
    expect([bad.body.Code, bad.status]).toEqual(['InvalidParameter', 400]);
  });

  it('pages with MaxResults and NextToken, in JSON and XML', async () => {
    const name = 'paged';
    const made: string[] = [];
    for (let i = 0; i < 5; i += 1)
      made.push(String((await create([R, ['DiskId.1', 'd-avail'], ['Name', name]])).body.SnapshotGroupId));
    for (const format of ['JSON', 'XML'] as const) {
      const seen: string[] = [];
      let token = '';
      for (let page = 0; page < 5; page += 1) {
        const answer = await describeGroups(
          [['Name', name], ['MaxResults', '2'], ...(token ? [['NextToken', token] as [string, string]] : [])],
          'main',
          format,
        );
        expect(answer.status, answer.text).toBe(200);
        // The XML parser gives a single element as an object.
        const list = (answer.body.SnapshotGroups as { SnapshotGroup?: Group | Group[] }).SnapshotGroup ?? [];
        seen.push(...(Array.isArray(list) ? list : [list]).map((g) => g.SnapshotGroupId));
        token = String(answer.body.NextToken ?? '');
        if (token === '') break;
      }
      expect(seen).toEqual(made);
    }
    const bad = await describeGroups([['MaxResults', '101']]);
    expect(bad.status).toBe(400);
    const badToken = await describeGroups([['NextToken', 'zz']]);
    expect(badToken.status).toBe(400);
  });

  it('Describe and Delete validate RegionId and SnapshotGroupId', async () => {
    const noRegion = await call(h.emulator.url, h.world, { action: 'DescribeSnapshotGroups', params: [] });
    expect([noRegion.body.Code, noRegion.status]).toEqual(['MissingParameter', 400]);
    const badRegion = await call(h.emulator.url, h.world, {
      action: 'DeleteSnapshotGroup',
      params: [
        ['RegionId', 'xx'],
        ['SnapshotGroupId', 'ssg-x'],
      ],
    });
    expect([badRegion.body.Code, badRegion.status]).toEqual(['InvalidRegionId.NotFound', 404]);
    const noId = await call(h.emulator.url, h.world, { action: 'DeleteSnapshotGroup', params: [R] });
    expect([noId.body.Code, noId.status]).toEqual(['MissingParameter', 400]);
  });

  it('state.no-side-effects: a refused create leaves no group behind', async () => {
    const listed = async () =>
      groupsOf(await describeGroups([['MaxResults', '100']])).map((group) => group.SnapshotGroupId);
    const before = await listed();
    const refusals: WireParams[] = [
      [R, ['DiskId.1', 'd-avail'], ['Name', '1bad']],
      [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'acs:reserved']],
      [R, ['DiskId.1', 'd-avail'], ['Description', 'http://x']],
      [R, ['DiskId.1', 'd-avail'], ['DiskId.2', 'd-no-such']],
    ];
    for (const params of refusals) {
      const answer = await create(params);
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
    }
    expect(await listed()).toEqual(before);
  });
});

describe('snapshots that take time', () => {
  let now = Date.parse('2024-05-01T00:00:00Z');
  const h = useEmulator({ snapshotDurationMs: 60_000, clock: () => now });
  const at = () => new Date(now);

  it('20 parallel creates on one disk: exactly one succeeds, the others see the creation in process', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail']], now: at() }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    const refused = answers.filter((a) => a.status !== 200);
    expect(new Set(refused.map((a) => `${a.body.Code} ${a.status}`))).toEqual(
      new Set(['IncorrectDiskStatus.CreatingSnapshot 403']),
    );
  });

  it('the group progresses, then is accomplished and the disk is free again', async () => {
    const created = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail2']], now: at() });
    const id = String(created.body.SnapshotGroupId);
    const look = async () =>
      groupsOf(
        await call(h.emulator.url, h.world, {
          action: 'DescribeSnapshotGroups',
          params: [R, ['SnapshotGroupId.1', id]],
          now: at(),
        }),
      )[0];
    now += 30_000;
    expect(await look()).toMatchObject({ Status: 'progressing' });
    expect((await look())?.Snapshots.Snapshot[0]).toMatchObject({ Progress: '50%', Available: false });
    const busy = await call(h.emulator.url, h.world, {
      params: [R, ['InstanceId', 'i-run'], ['DiskId.1', 'd-data1']],
      now: at(),
    });
    expect(busy.status).toBe(200);
    const clash = await call(h.emulator.url, h.world, { params: [R, ['InstanceId', 'i-run']], now: at() });
    expect(clash.body.Code).toBe('IncorrectDiskStatus.CreatingSnapshot');
    now += 60_000;
    expect(await look()).toMatchObject({ Status: 'accomplished' });
    const again = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail2']], now: at() });
    expect(again.status).toBe(200);
  });
});

describe('instant snapshots under parallel load', () => {
  const h = useEmulator();
  it('20 parallel creates against a quota of 2 snapshots: exactly 2 succeed', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(h.emulator.url, h.world, {
          account: 'tight',
          params: [R, ['DiskId.1', `d-tight${(i % 3) + 1}`]],
        }),
      ),
    );
    expect(answers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(h.emulator.state.snapshotsHeld('tight')).toBe(2);
  });
});
