import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CreateSnapshotGroupInput,
  deleteSnapshotGroupParams,
  describeSnapshotGroupsParams,
  serialise,
} from '../../lib/client/serialise.js';
import { awkwardInput } from './helpers/fixtures.js';

// The function the ECS SDK flattens its query with (openapi-core, a dependency of @alicloud/ecs20140526).
const require = createRequire(import.meta.url);
const sdk = require('@alicloud/openapi-core') as {
  OpenApiUtil: { query(input: object): Record<string, string> };
};
const sdkFlatten = (input: object): Array<[string, string]> => Object.entries(sdk.OpenApiUtil.query(input));

describe('serialise', () => {
  it('writes repeatList names, booleans and integers as the SDKs do', () => {
    const params = serialise({
      RegionId: 'cn-hangzhou',
      DiskId: ['d-1', 'd-2'],
      Tag: [{ Key: 'k', Value: 'v' }],
      InstantAccess: false,
      InstantAccessRetentionDays: 65535,
      OwnerId: 1234567890123456789n,
    });
    expect(params).toEqual([
      ['RegionId', 'cn-hangzhou'],
      ['DiskId.1', 'd-1'],
      ['DiskId.2', 'd-2'],
      ['Tag.1.Key', 'k'],
      ['Tag.1.Value', 'v'],
      ['InstantAccess', 'false'],
      ['InstantAccessRetentionDays', '65535'],
      ['OwnerId', '1234567890123456789'],
    ]);
  });

  it('skips null items and keeps the indices after them', () => {
    expect(serialise({ RegionId: 'r', DiskId: ['a', null, 'c'], Tag: [null, { Key: 'k' }] })).toEqual([
      ['RegionId', 'r'],
      ['DiskId.1', 'a'],
      ['DiskId.3', 'c'],
      ['Tag.2.Key', 'k'],
    ]);
  });

  it('equals the SDK flattening on the awkward request', () => {
    expect(serialise(awkwardInput)).toEqual(sdkFlatten(awkwardInput));
  });

  it('equals the SDK flattening on arbitrary requests', () => {
    const item = fc.option(fc.string(), { nil: null });
    const input = fc.record(
      {
        RegionId: fc.string(),
        DiskId: fc.array(item, { maxLength: 20 }),
        Tag: fc.array(
          fc.option(
            fc.record({ Key: fc.string(), Value: fc.string() }, { requiredKeys: [], noNullPrototype: true }),
            { nil: null },
          ),
          {
            maxLength: 25,
          },
        ),
        InstantAccess: fc.boolean(),
        InstantAccessRetentionDays: fc.integer({ min: -5, max: 70_000 }),
        Name: fc.string(),
      },
      { requiredKeys: ['RegionId'], noNullPrototype: true },
    );
    fc.assert(
      fc.property(input, (value) => {
        expect(serialise(value)).toEqual(sdkFlatten(value));
      }),
      { numRuns: 200 },
    );
  });

  it('takes its input type from the generated spec types, widened for SDK edge cases', () => {
    const ok: CreateSnapshotGroupInput = {
      RegionId: 'r',
      DiskId: ['d-1', null],
      Tag: [{ Value: 'no key' }],
      OwnerId: 2n ** 63n - 1n,
    };
    // @ts-expect-error DiskId items are strings
    const badDisk: CreateSnapshotGroupInput = { RegionId: 'r', DiskId: [1] };
    // @ts-expect-error RegionId is required
    const noRegion: CreateSnapshotGroupInput = { Name: 'n' };
    expect(serialise(ok).map(([n]) => n)).toEqual(['RegionId', 'DiskId.1', 'Tag.1.Value', 'OwnerId']);
    expect([badDisk, noRegion]).toHaveLength(2);
  });

  it('has helpers for the support operations', () => {
    expect(
      describeSnapshotGroupsParams({ RegionId: 'r', SnapshotGroupId: ['ssg-1'], MaxResults: 100 }),
    ).toEqual([
      ['RegionId', 'r'],
      ['SnapshotGroupId.1', 'ssg-1'],
      ['MaxResults', '100'],
    ]);
    expect(deleteSnapshotGroupParams({ RegionId: 'r', SnapshotGroupId: 'ssg-1' })).toEqual([
      ['RegionId', 'r'],
      ['SnapshotGroupId', 'ssg-1'],
    ]);
  });
});
