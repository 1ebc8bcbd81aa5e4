import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { call } from './send.js';
import { REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

describe('ClientToken idempotency (instant answers)', () => {
  const h = useEmulator();
  const create = (params: WireParams, transport = {}) => call(h.emulator.url, h.world, { params, transport });

  it('idempotency.same-token-same-result: the same SnapshotGroupId, and no second group', async () => {
    const params: WireParams = [R, ['DiskId.1', 'd-avail'], ['Name', 'same'], ['ClientToken', 'token-same']];
    const first = await create(params);
    const before = h.emulator.state.groupCount;
    const again = await create(params, { signature: 'v2', method: 'GET' });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.SnapshotGroupId).toBe(first.body.SnapshotGroupId);
    expect(again.body.RequestId).not.toBe(first.body.RequestId);
    expect(h.emulator.state.groupCount).toBe(before);
  });

  it('idempotency.parameter-mismatch: the same token with other parameters', async () => {
    await create([R, ['DiskId.1', 'd-avail'], ['Name', 'first'], ['ClientToken', 'token-mismatch']]);
    const other = await create([
      R,
      ['DiskId.1', 'd-avail'],
      ['Name', 'second'],
      ['ClientToken', 'token-mismatch'],
    ]);
    expect([other.body.Code, other.status]).toEqual(['IdempotentParameterMismatch', 403]);
  });

  it('a token is per account', async () => {
    const mine = await create([R, ['DiskId.1', 'd-avail'], ['ClientToken', 'token-shared']]);
    const theirs = await call(h.emulator.url, h.world, {
      account: 'other',
      params: [R, ['DiskId.1', 'd-other'], ['ClientToken', 'token-shared']],
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body.SnapshotGroupId).not.toBe(mine.body.SnapshotGroupId);
  });

  it('a failed create does not keep the token; a deleted group frees it', async () => {
    const failed = await create([R, ['DiskId.1', 'd-nope'], ['ClientToken', 'token-retry']]);
    expect(failed.status).toBe(404);
    const ok = await create([R, ['DiskId.1', 'd-avail'], ['ClientToken', 'token-retry']]);
    expect(ok.status).toBe(200);
    await call(h.emulator.url, h.world, {
      action: 'DeleteSnapshotGroup',
      params: [R, ['SnapshotGroupId', String(ok.body.SnapshotGroupId)]],
    });
    const fresh = await create([R, ['DiskId.1', 'd-avail'], ['ClientToken', 'token-retry']]);
    expect(fresh.status).toBe(200);
    expect(fresh.body.SnapshotGroupId).not.toBe(ok.body.SnapshotGroupId);
  });

  it('an empty ClientToken is no token', async () => {
    const a = await create([R, ['DiskId.1', 'd-avail'], ['ClientToken', '']]);
    const b = await create([R, ['DiskId.1', 'd-avail'], ['ClientToken', '']]);
    expect(a.body.SnapshotGroupId).not.toBe(b.body.SnapshotGroupId);
  });
});

describe('ClientToken idempotency while processing', () => {
  const h = useEmulator({ idempotentProcessingMs: 150 });

  it('idempotency.processing: a concurrent same-token request gets IdempotentProcessing', async () => {
    const params: WireParams = [R, ['DiskId.1', 'd-avail'], ['ClientToken', 'token-slow']];
    const before = h.emulator.state.groupCount;
    const [first, second] = await Promise.all([
      call(h.emulator.url, h.world, { params }),
      new Promise((resolve) => setTimeout(resolve, 30)).then(() => call(h.emulator.url, h.world, { params })),
    ]);
    expect(first.status).toBe(200);
    expect([second.body.Code, second.status]).toEqual(['IdempotentProcessing', 403]);
    expect(h.emulator.state.groupCount).toBe(before + 1);
    const replay = await call(h.emulator.url, h.world, { params });
    expect(replay.body.SnapshotGroupId).toBe(first.body.SnapshotGroupId);
  });

  it('a create that fails holds no token', async () => {
    const params: WireParams = [R, ['InstanceId', 'i-multi'], ['ClientToken', 'token-fails']];
    const answer = await call(h.emulator.url, h.world, { params });
    expect(answer.body.Code).toBe('InvalidOperation.MultiAttachDisk');
    expect(h.emulator.state.tokens.size).toBe(1);
  });
});
