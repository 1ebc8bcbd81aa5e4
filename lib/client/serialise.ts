import type { WireParams } from '../cases.js';

/**
 * The typed CreateSnapshotGroup request, named as on the wire. Defined here by hand from the API page
 * and the SDK model (lib/spec/generated/ did not exist when this was written); list items may be null
 * to express the SDK's "skip the item, keep the index" behaviour.
 */
export interface CreateSnapshotGroupInput {
  RegionId: string;
  InstanceId?: string;
  DiskId?: Array<string | null | undefined>;
  ExcludeDiskId?: Array<string | null | undefined>;
  Tag?: Array<TagInput | null | undefined>;
  /** Deprecated in the newest SDK; still on the page. */
  InstantAccess?: boolean;
  InstantAccessRetentionDays?: number;
  Name?: string;
  Description?: string;
  ResourceGroupId?: string;
  ClientToken?: string;
  StorageLocationArn?: string;
  OwnerId?: number | bigint;
  ResourceOwnerId?: number | bigint;
  ResourceOwnerAccount?: string;
  OwnerAccount?: string;
}

export interface TagInput {
  Key?: string;
  Value?: string;
}

export interface DescribeSnapshotGroupsInput {
  RegionId: string;
  InstanceId?: string;
  Name?: string;
  NextToken?: string;
  MaxResults?: number;
  SnapshotGroupId?: Array<string | null | undefined>;
  Status?: Array<string | null | undefined>;
  Tag?: Array<TagInput | null | undefined>;
  ResourceGroupId?: string;
  OwnerId?: number | bigint;
}

export interface DeleteSnapshotGroupInput {
  RegionId: string;
  SnapshotGroupId: string;
  OwnerId?: number | bigint;
}

/** A request value the SDKs know how to flatten. */
export type SerialisableValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | undefined
  | SerialisableValue[]
  | { [key: string]: SerialisableValue };

/**
 * Flattens a request as @alicloud/openapi-util's `query()` does: keys in the given order, null and
 * undefined skipped, lists as repeatList (`Name.1`, `Name.2.Key`) with indices from 1 that keep their
 * place after a skipped item, nested objects as `Outer.Inner`, scalars through `toString()`
 * (booleans `true`/`false`, integers in decimal).
 */
export function serialise(input: CreateSnapshotGroupInput | object): WireParams {
  const out: WireParams = [];
  flatten(out, input as Record<string, SerialisableValue>, '');
  return out;
}

function flatten(out: WireParams, value: SerialisableValue, name: string): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(out, item, join(name, String(index + 1))));
  } else if (typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(out, inner, join(name, key));
  } else {
    out.push([name, value.toString()]);
  }
}

const join = (prefix: string, key: string): string => (prefix === '' ? key : `${prefix}.${key}`);

export const createSnapshotGroupParams = (input: CreateSnapshotGroupInput): WireParams => serialise(input);
export const describeSnapshotGroupsParams = (input: DescribeSnapshotGroupsInput): WireParams =>
  serialise(input);
export const deleteSnapshotGroupParams = (input: DeleteSnapshotGroupInput): WireParams => serialise(input);
