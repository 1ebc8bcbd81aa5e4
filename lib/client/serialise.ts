import type { WireParams } from '../cases.js';

import type { components as CreateSpec } from '../spec/generated/CreateSnapshotGroup.js';
import type { components as DeleteSpec } from '../spec/generated/DeleteSnapshotGroup.js';
import type { components as DescribeSpec } from '../spec/generated/DescribeSnapshotGroups.js';

/** A list as the SDK models accept it: a null item is skipped and the items after it keep their index. */
type SdkList<T> = Array<T | null | undefined>;
/** A tag whose Key may be missing: what a malformed-tag case sends. */
export interface TagInput {
  Key?: string;
  Value?: string;
}
/** int64 account ids may exceed 2^53. */
type Int64 = number | bigint;

/**
 * Widens a request type generated from spec/ (openapi-typescript): lists may hold nulls, tags may
 * lack a Key and int64 ids may be bigints, so that the SDKs' own edge cases can be expressed.
 */
type Widened<T, Lists extends keyof T, Ints extends keyof T> = Omit<T, Lists | Ints> & {
  [K in Lists]?: SdkList<
    T[K] extends Array<infer Item> | undefined ? (Item extends { Key: string } ? TagInput : Item) : never
  >;
} & { [K in Ints]?: Int64 };

/** The typed CreateSnapshotGroup request, named as on the wire (from lib/spec/generated/CreateSnapshotGroup.ts). */
export type CreateSnapshotGroupInput = Widened<
  CreateSpec['schemas']['CreateSnapshotGroupRequest'],
  'DiskId' | 'ExcludeDiskId' | 'Tag',
  'OwnerId' | 'ResourceOwnerId'
>;

export type DescribeSnapshotGroupsInput = Widened<
  DescribeSpec['schemas']['DescribeSnapshotGroupsRequest'],
  'SnapshotGroupId' | 'Status' | 'Tag',
  'OwnerId' | 'ResourceOwnerId'
>;

export type DeleteSnapshotGroupInput = Widened<
  DeleteSpec['schemas']['DeleteSnapshotGroupRequest'],
  never,
  'OwnerId' | 'ResourceOwnerId'
>;

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

// Plain loops rather than entries() iterators: this runs for every request a run sends.
function flatten(out: WireParams, value: SerialisableValue, name: string): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    const prefix = name === '' ? '' : `${name}.`;
    for (let index = 0; index < value.length; index++) flatten(out, value[index], `${prefix}${index + 1}`);
  } else if (typeof value === 'object') {
    const prefix = name === '' ? '' : `${name}.`;
    for (const key of Object.keys(value)) flatten(out, value[key], `${prefix}${key}`);
  } else {
    out.push([name, value.toString()]);
  }
}

export const createSnapshotGroupParams = (input: CreateSnapshotGroupInput): WireParams => serialise(input);
export const describeSnapshotGroupsParams = (input: DescribeSnapshotGroupsInput): WireParams =>
  serialise(input);
export const deleteSnapshotGroupParams = (input: DeleteSnapshotGroupInput): WireParams => serialise(input);
