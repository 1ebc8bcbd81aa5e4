import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { type Answer, call } from './send.js';
import { REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

/**
 * The support family's rules the emulator's reading keeps (issue 16.2); the filters by Name, InstanceId,
 * Status.N and Tag.N, and the paging, are in state.test.ts.
 */
describe('DescribeSnapshotGroups and DeleteSnapshotGroup, as the support rules read them', () => {
  const h = useEmulator();
  const send = (action: string, params: WireParams): Promise<Answer> =>
    call(h.emulator.url, h.world, { action, params: [R, ...params] });
  const ids = (answer: Answer): string[] =>
    (
      (answer.body.SnapshotGroups as { SnapshotGroup?: Array<{ SnapshotGroupId: string }> }).SnapshotGroup ??
      []
    ).map((group) => group.SnapshotGroupId);
  const made = async (disk: string): Promise<string> => {
    const answer = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', disk]] });
    expect(answer.status, answer.text).toBe(200);
    return String(answer.body.SnapshotGroupId);
  };

  it('support.describe-snapshot-group-id-filter: only the groups named', async () => {
    const [a, b, c] = [await made('d-avail'), await made('d-avail2'), await made('d-avail')];
    expect(await ids(await send('DescribeSnapshotGroups', [['SnapshotGroupId.1', b]]))).toEqual([b]);
    const two = await send('DescribeSnapshotGroups', [
      ['SnapshotGroupId.1', c],
      ['SnapshotGroupId.2', a],
    ]);
    expect(ids(two).sort()).toEqual([a, c].sort());
  });

  it('support.delete-unknown-refused: an id that never existed is InvalidSnapshotGroupId.NotFound 404', async () => {
    const answer = await send('DeleteSnapshotGroup', [['SnapshotGroupId', 'ssg-0123456789abcdef0123']]);
    expect([answer.body.Code, answer.status]).toEqual(['InvalidSnapshotGroupId.NotFound', 404]);
  });

  it('support.delete-deleted-refused: a second delete is InvalidSnapshotGroupId.NotFound 404', async () => {
    const id = await made('d-avail2');
    expect((await send('DeleteSnapshotGroup', [['SnapshotGroupId', id]])).status).toBe(200);
    const again = await send('DeleteSnapshotGroup', [['SnapshotGroupId', id]]);
    expect([again.body.Code, again.status]).toEqual(['InvalidSnapshotGroupId.NotFound', 404]);
  });
});
