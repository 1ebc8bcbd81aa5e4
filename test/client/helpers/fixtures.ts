import type { CaseRequest, TransportVariant, WireParams } from '../../../lib/cases.js';
import type { Credentials } from '../../../lib/client/credentials.js';
import { serialise } from '../../../lib/client/serialise.js';
import type { WireContext } from '../../../lib/client/wire.js';

export const ALL_VARIANTS: TransportVariant[] = (['v2', 'v3'] as const).flatMap((signature) =>
  (['POST', 'GET'] as const).flatMap((method) =>
    (['form', 'query'] as const).flatMap((body) =>
      (['JSON', 'XML'] as const).map((format) => ({ signature, method, body, format })),
    ),
  ),
);

export const variantName = (v: TransportVariant): string =>
  `${v.signature} ${v.method} ${v.body} ${v.format}`;

export const TEST_CREDENTIALS: Credentials = {
  accessKeyId: 'LTAI5tTestKeyId0001',
  accessKeySecret: 'TestSecretValue0001xyz',
};

/** A request with everything awkward: Unicode, `!*'()~`, spaces, 16 disks, 20 tags. */
export const awkwardInput = {
  RegionId: 'cn-hangzhou',
  InstanceId: 'i-bp1awkward0001',
  DiskId: Array.from({ length: 16 }, (_, i) => `d-bp1disk${String(i + 1).padStart(4, '0')}`),
  Name: "快照组 ünïcødé !*'()~ 🚀",
  Description: "a b+c=d&e/f?g %20 !*'()~ 中文",
  Tag: Array.from({ length: 20 }, (_, i) => ({ Key: `key ${i + 1} !*'()~`, Value: `值 ${i + 1}` })),
  InstantAccess: true,
  InstantAccessRetentionDays: 7,
  ClientToken: 'token-0001',
};

export const awkwardParams: WireParams = serialise(awkwardInput);

export const caseRequest = (transport: TransportVariant, extra: Partial<CaseRequest> = {}): CaseRequest => ({
  action: 'CreateSnapshotGroup',
  params: awkwardParams,
  transport,
  account: 'main',
  ...extra,
});

export const context = (overrides: Partial<WireContext> = {}): WireContext => ({
  target: new URL('https://ecs.cn-hangzhou.aliyuncs.com'),
  credentials: TEST_CREDENTIALS,
  now: new Date('2024-05-01T10:20:30.456Z'),
  nonce: '0123456789abcdef0123456789abcdef',
  apiVersion: '2014-05-26',
  ...overrides,
});
