import { describe, expect, it } from 'vitest';
import { loadWorld } from '../../lib/spec/load.js';
import { useEmulator } from './harness.js';
import { call } from './send.js';

describe('seeded from fixtures/default.world.yaml', () => {
  const world = loadWorld();
  const h = useEmulator({ world });

  it('creates, describes and deletes a group on a usable disk of the main account', async () => {
    const account = world.accounts[0];
    const disk = world.disks.find(
      (d) =>
        d.account === account?.id &&
        d.category === 'cloud_essd' &&
        d.status === 'In_use' &&
        d.everUsed &&
        !d.expired &&
        !d.transferring &&
        !d.snapshotInProgress &&
        !d.statusInvalid &&
        !d.multiAttach &&
        !d.encrypted &&
        d.unfinishedSnapshots === 0 &&
        world.instances.some(
          (i) => i.id === d.instance && ['Running', 'Stopped'].includes(i.status) && !i.lockedForSecurity,
        ),
    );
    expect(disk, 'the default world has a usable disk').toBeDefined();
    if (!disk || !account) return;
    const params: [string, string][] = [
      ['RegionId', disk.region],
      ['DiskId.1', disk.id],
    ];
    const created = await call(h.emulator.url, world, { params, account: account.id });
    expect(created.status, created.text).toBe(200);
    const id = String(created.body.SnapshotGroupId);
    const deleted = await call(h.emulator.url, world, {
      action: 'DeleteSnapshotGroup',
      params: [
        ['RegionId', disk.region],
        ['SnapshotGroupId', id],
      ],
      account: account.id,
    });
    expect(deleted.status).toBe(200);
  });
});
