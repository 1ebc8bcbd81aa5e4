import EcsModule, * as $Ecs from '@alicloud/ecs20140526';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import RPCClient from '@alicloud/pop-core';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.js';
import { keysOf, REGION } from './world-fixture.js';

// A CommonJS module whose exports.default is the client: TypeScript (NodeNext) types the default import as
// the whole module, vitest's interop may already unwrap it.
type EcsClientClass = typeof EcsModule.default;
const EcsClient: EcsClientClass =
  (EcsModule as { default?: EcsClientClass }).default ?? (EcsModule as unknown as EcsClientClass);

const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** What an SDK error carries, whichever SDK threw it. */
interface SdkError {
  code?: string;
  statusCode?: number;
  requestId?: string;
  data?: Record<string, unknown>;
  entry?: { response?: { statusCode?: number } };
}

const caught = async (promise: Promise<unknown>): Promise<SdkError> => {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the SDK call to fail');
};

describe('the official SDKs talk to the emulator', () => {
  const h = useEmulator();
  const keys = () => keysOf(h.world, 'main');

  const ecsClient = (signatureAlgorithm?: 'v2') =>
    new EcsClient(
      new $OpenApiUtil.Config({
        ...keys(),
        endpoint: `127.0.0.1:${h.emulator.port}`,
        protocol: 'HTTP',
        regionId: REGION,
        readTimeout: 5000,
        connectTimeout: 5000,
        ...(signatureAlgorithm && { signatureAlgorithm }),
      }),
    );

  describe.each([
    ['V3 (ACS3-HMAC-SHA256)', undefined],
    ['v2 (RPC HMAC-SHA1)', 'v2' as const],
  ])('@alicloud/ecs20140526 %s', (_, algorithm) => {
    it('creates, describes and deletes a group', async () => {
      const client = ecsClient(algorithm);
      const created = await client.createSnapshotGroup(
        new $Ecs.CreateSnapshotGroupRequest({
          regionId: REGION,
          diskId: ['d-avail', 'd-avail2'],
          name: 'sdk-group',
          tag: [new $Ecs.CreateSnapshotGroupRequestTag({ key: 'team', value: 'storage' })],
        }),
      );
      expect(created.statusCode).toBe(200);
      const id = created.body?.snapshotGroupId ?? '';
      expect(id).toMatch(/^ssg-[a-z0-9]+$/);
      expect(created.body?.requestId).toMatch(UUID_UPPER);

      const described = await client.describeSnapshotGroups(
        new $Ecs.DescribeSnapshotGroupsRequest({ regionId: REGION, snapshotGroupId: [id] }),
      );
      const groups = described.body?.snapshotGroups?.snapshotGroup ?? [];
      expect(
        groups.map(
          (g: $Ecs.DescribeSnapshotGroupsResponseBodySnapshotGroupsSnapshotGroup) => g.snapshotGroupId,
        ),
      ).toEqual([id]);
      expect(
        groups[0]?.snapshots?.snapshot?.map((s: { sourceDiskId?: string }) => s.sourceDiskId).sort(),
      ).toEqual(['d-avail', 'd-avail2']);
      expect(groups[0]?.tags?.tag).toEqual([expect.objectContaining({ key: 'team', value: 'storage' })]);

      const deleted = await client.deleteSnapshotGroup(
        new $Ecs.DeleteSnapshotGroupRequest({ regionId: REGION, snapshotGroupId: id }),
      );
      expect(deleted.body?.operationProgressSet?.operationProgress).toHaveLength(2);
    });

    it.each([
      ['a bad Name', { diskId: ['d-avail'], name: '1bad' }, 'InvalidParameter.Name', 400],
      ['an unknown disk', { diskId: ['d-nope'] }, 'InvalidDiskId.NotFound', 404],
      ['a non-ESSD disk', { diskId: ['d-efficiency'] }, 'DiskCategory.OperationNotSupported', 400],
      ['a disk in arrears', { diskId: ['d-expired'] }, 'DiskInArrears', 403],
    ])('gets a parsed error for %s', async (_, fields, code, status) => {
      const error = await caught(
        ecsClient(algorithm).createSnapshotGroup(
          new $Ecs.CreateSnapshotGroupRequest({ regionId: REGION, ...fields }),
        ),
      );
      expect([error.code, error.statusCode]).toEqual([code, status]);
      expect(error.requestId).toMatch(UUID_UPPER);
    });

    it('gets a parsed error for a wrong secret', async () => {
      const client = new EcsClient(
        new $OpenApiUtil.Config({
          accessKeyId: keys().accessKeyId,
          accessKeySecret: 'not-the-secret',
          endpoint: `127.0.0.1:${h.emulator.port}`,
          protocol: 'HTTP',
          ...(algorithm && { signatureAlgorithm: algorithm }),
        }),
      );
      const error = await caught(
        client.createSnapshotGroup(
          new $Ecs.CreateSnapshotGroupRequest({ regionId: REGION, diskId: ['d-avail'] }),
        ),
      );
      expect([error.code, error.statusCode]).toEqual(['SignatureDoesNotMatch', 400]);
    });
  });

  describe.each(['GET', 'POST'] as const)('@alicloud/pop-core %s', (method) => {
    const popClient = () =>
      new RPCClient({ ...keys(), endpoint: `http://127.0.0.1:${h.emulator.port}`, apiVersion: '2014-05-26' });

    it('creates a group', async () => {
      const body = (await popClient().request(
        'CreateSnapshotGroup',
        { RegionId: REGION, DiskId: ['d-avail'], Tag: [{ Key: 'k', Value: 'v' }] },
        { method },
      )) as Record<string, unknown>;
      expect(body.SnapshotGroupId).toMatch(/^ssg-/);
      expect(body.RequestId).toMatch(UUID_UPPER);
    });

    it.each([
      [
        '21 tags',
        { DiskId: ['d-avail'], Tag: Array.from({ length: 21 }, (_, i) => ({ Key: `k${i}` })) },
        'QuotaExceed.Tags',
        403,
      ],
      ['no target', {}, 'MissingParamter.InstanceId', 400],
      [
        'a conflict',
        { InstanceId: 'i-run', DiskId: ['d-data1'], ExcludeDiskId: ['d-data2'] },
        'InvalidParam.ExcludeDiskIdsAndDiskIds.Conflict',
        400,
      ],
    ])('gets a parsed error for %s', async (_, params, code, status) => {
      const error = await caught(
        popClient().request('CreateSnapshotGroup', { RegionId: REGION, ...params }, { method }),
      );
      expect(error.code).toBe(code);
      expect(error.data?.RequestId).toMatch(UUID_UPPER);
      expect(error.entry?.response?.statusCode).toBe(status);
    });
  });
});
