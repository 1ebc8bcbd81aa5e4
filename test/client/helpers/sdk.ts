// The official SDKs, driven against a loopback server for the differential tests.
import { createRequire } from 'node:module';
import type EcsClient from '@alicloud/ecs20140526';
import type { CreateSnapshotGroupRequest, CreateSnapshotGroupRequestTag } from '@alicloud/ecs20140526';
import type { Config } from '@alicloud/openapi-client';
import type RPCClient from '@alicloud/pop-core';
import type { CreateSnapshotGroupInput } from '../../../lib/client/serialise.js';

// CommonJS packages: required directly, because Node and Vite disagree on what their default import is.
const require = createRequire(import.meta.url);
const ecs = require('@alicloud/ecs20140526') as {
  default: typeof EcsClient.default;
  CreateSnapshotGroupRequest: typeof CreateSnapshotGroupRequest;
  CreateSnapshotGroupRequestTag: typeof CreateSnapshotGroupRequestTag;
};
const openApi = require('@alicloud/openapi-client') as { Config: typeof Config };
const PopClient = require('@alicloud/pop-core') as typeof RPCClient;

export type SdkFlavour = 'ecs-v3' | 'ecs-v2' | 'pop-get' | 'pop-post';
export const SDK_FLAVOURS: SdkFlavour[] = ['ecs-v3', 'ecs-v2', 'pop-get', 'pop-post'];

export interface SdkCredentials {
  accessKeyId: string;
  accessKeySecret: string;
}

/** Sends one CreateSnapshotGroup with the given SDK; resolves when the SDK accepted the answer. */
export async function sendWithSdk(
  flavour: SdkFlavour,
  port: number,
  creds: SdkCredentials,
  input: CreateSnapshotGroupInput,
): Promise<void> {
  if (flavour === 'ecs-v3' || flavour === 'ecs-v2') {
    const config = new openApi.Config({
      ...creds,
      endpoint: `127.0.0.1:${port}`,
      protocol: 'HTTP',
      ...(flavour === 'ecs-v2' && { signatureAlgorithm: 'v2' }),
    });

    const client = new ecs.default(config);
    const request = new ecs.CreateSnapshotGroupRequest({
      regionId: input.RegionId,
      instanceId: input.InstanceId,
      diskId: input.DiskId as string[] | undefined,
      name: input.Name,
      description: input.Description,
      tag: input.Tag?.map((t) => new ecs.CreateSnapshotGroupRequestTag({ key: t?.Key, value: t?.Value })),
      instantAccess: input.InstantAccess,
      instantAccessRetentionDays: input.InstantAccessRetentionDays,
      clientToken: input.ClientToken,
    });
    await client.createSnapshotGroup(request);
    return;
  }
  const pop = new PopClient({ ...creds, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2014-05-26' });
  await pop.request('CreateSnapshotGroup', { ...input }, { method: flavour === 'pop-post' ? 'POST' : 'GET' });
}
