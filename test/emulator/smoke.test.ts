import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.js';
import { call } from './send.js';
import { REGION } from './world-fixture.js';

describe('emulator smoke', () => {
  const h = useEmulator();
  it('creates a group with a V3-signed call', async () => {
    const answer = await call(h.emulator.url, h.world, {
      params: [
        ['RegionId', REGION],
        ['DiskId.1', 'd-avail'],
      ],
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.SnapshotGroupId).toMatch(/^ssg-[a-z0-9]{20}$/);
  });
  it('creates a group with an RPC-signed XML call', async () => {
    const answer = await call(h.emulator.url, h.world, {
      params: [
        ['RegionId', REGION],
        ['InstanceId', 'i-run'],
      ],
      transport: { signature: 'v2', method: 'GET', format: 'XML' },
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.root).toBe('CreateSnapshotGroupResponse');
  });
});
