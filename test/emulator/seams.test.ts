import { describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../emulator/index.js';
import {
  CREATE_STEPS,
  type CreateStep,
  defaultSeams,
  selectDisks,
  startEmulator,
} from '../../emulator/index.js';
import { call } from './send.js';
import { REGION, testWorld } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

/** Starts an emulator with some seams replaced, runs `body`, closes it. */
const withEmulator = async (
  seams: EmulatorOptions['seams'],
  body: (url: string, world: ReturnType<typeof testWorld>) => Promise<void>,
) => {
  const world = testWorld();
  const emulator = await startEmulator({ world, seams });
  try {
    await body(emulator.url, world);
  } finally {
    await emulator.close();
  }
};

describe('seams let a test build a deviating emulator (issue 8)', () => {
  it('the steps are named and unique, in a documented order', () => {
    const names = CREATE_STEPS.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.indexOf('disk-ids.max-count')).toBeLessThan(names.indexOf('lists.index-range'));
    expect(names.indexOf('idempotency.client-token')).toBeLessThan(
      names.indexOf('disk.no-snapshot-in-progress'),
    );
  });

  it('removing a step lets its fault through', async () => {
    const createSteps = CREATE_STEPS.filter((s: CreateStep) => s.name !== 'disk-ids.same-zone');
    await withEmulator({ createSteps }, async (url, world) => {
      const answer = await call(url, world, {
        params: [R, ['DiskId.1', 'd-avail'], ['DiskId.2', 'd-zone-i']],
      });
      expect(answer.status).toBe(200);
    });
  });

  it('statusFor moves a status, render drops a field, newRequestId repeats', async () => {
    await withEmulator(
      {
        statusFor: (code) => (code === 'InvalidDiskId.NotFound' ? 400 : defaultSeams.statusFor(code)),
        render: (input) => {
          const out = defaultSeams.render(input);
          return { ...out, body: out.body.replace(/"HostId":"[^"]*",/, '') };
        },
        newRequestId: () => '00000000-0000-0000-0000-000000000000',
      },
      async (url, world) => {
        const answer = await call(url, world, { params: [R, ['DiskId.1', 'd-nope']] });
        expect([answer.body.Code, answer.status]).toEqual(['InvalidDiskId.NotFound', 400]);
        expect(answer.body).not.toHaveProperty('HostId');
        expect(answer.body.RequestId).toBe('00000000-0000-0000-0000-000000000000');
      },
    );
  });

  it('verifySignature, checkTimestamp, checkNonce and methodAllowed can be loosened or tightened', async () => {
    await withEmulator(
      {
        verifySignature: () => true,
        checkTimestamp: () => 'ok',
        checkNonce: () => true,
        methodAllowed: (method) => method === 'POST',
      },
      async (url, world) => {
        const params: [string, string][] = [R, ['DiskId.1', 'd-avail']];
        expect((await call(url, world, { params, tamper: { kind: 'wrong-secret' } })).status).toBe(200);
        expect(
          (await call(url, world, { params, tamper: { kind: 'timestamp', value: '1999-01-01T00:00:00Z' } }))
            .status,
        ).toBe(200);
        expect((await call(url, world, { params, nonce: 'same' })).status).toBe(200);
        expect((await call(url, world, { params, nonce: 'same' })).status).toBe(200);
        const get = await call(url, world, { params, transport: { method: 'GET' } });
        expect(get.body.Code).toBe('UnsupportedHTTPMethod');
      },
    );
  });

  it('parseList, selectDisks and storeGroup change what a group holds', async () => {
    await withEmulator(
      {
        // DiskId.10 read as DiskId.1: the second entry overwrites the first.
        parseList: (params, name, fields) => {
          const parsed = defaultSeams.parseList(params, name, fields);
          if (!parsed.ok) return parsed;
          return {
            ok: true,
            entries: parsed.entries.map((e) => ({ ...e, index: Number(String(e.index)[0]) })),
          };
        },
        selectDisks: (ctx) => selectDisks(ctx).slice(1),
        storeGroup: (state, group) => defaultSeams.storeGroup(state, { ...group, tags: [] }),
      },
      async (url, world) => {
        const created = await call(url, world, {
          params: [R, ['InstanceId', 'i-run'], ['Tag.1.Key', 'k']],
        });
        const described = await call(url, world, {
          action: 'DescribeSnapshotGroups',
          params: [R, ['SnapshotGroupId.1', String(created.body.SnapshotGroupId)]],
        });
        type Shown = { Snapshots: { Snapshot: unknown[] }; Tags: { Tag: unknown[] } };
        const group = (described.body.SnapshotGroups as { SnapshotGroup: Shown[] }).SnapshotGroup[0];
        expect(group?.Snapshots.Snapshot).toHaveLength(2);
        expect(group?.Tags.Tag).toEqual([]);
      },
    );
  });

  it('a seam that throws gets a 500 InternalError, not a hang', async () => {
    await withEmulator(
      {
        storeGroup: () => {
          throw new Error('boom');
        },
      },
      async (url, world) => {
        const answer = await call(url, world, { params: [R, ['DiskId.1', 'd-avail']] });
        expect([answer.body.Code, answer.status]).toEqual(['InternalError', 500]);
      },
    );
  });
});
