import type { Exchange } from '../client/exchange.js';
import { bodyRecord, describeOutcome, isSuccessStatus, textField } from './response.js';

/** One snapshot group as DescribeSnapshotGroups lists it (JSON or XML, normalised). */
export interface DescribedGroup {
  id: string;
  name?: string;
  description?: string;
  instanceId?: string;
  status?: string;
  resourceGroupId?: string;
  tags: Array<{ key: string; value: string }>;
  snapshots: DescribedSnapshot[];
}

export interface DescribedSnapshot {
  snapshotId?: string;
  sourceDiskId?: string;
  instantAccess?: boolean;
  instantAccessRetentionDays?: number;
}

export type DescribeResult = { groups: DescribedGroup[] } | { problem: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{Outer: {Inner: [...]}}` (JSON) or its XML twin; a lone XML item becomes a one-item list. */
function list(
  record: Record<string, unknown> | undefined,
  outer: string,
  inner: string,
): Record<string, unknown>[] {
  const container = record?.[outer];
  const items = isRecord(container) ? container[inner] : undefined;
  const array = Array.isArray(items) ? items : items === undefined ? [] : [items];
  return array.filter(isRecord);
}

function bool(value: string | undefined): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function int(value: string | undefined): number | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, string>);
}

function toSnapshot(record: Record<string, unknown>): DescribedSnapshot {
  const instantAccess = bool(textField(record, 'InstantAccess'));
  const days = int(textField(record, 'InstantAccessRetentionDays'));
  return {
    ...optional('snapshotId', textField(record, 'SnapshotId')),
    ...optional('sourceDiskId', textField(record, 'SourceDiskId')),
    ...(instantAccess !== undefined && { instantAccess }),
    ...(days !== undefined && { instantAccessRetentionDays: days }),
  };
}

function toGroup(record: Record<string, unknown>): DescribedGroup {
  return {
    id: textField(record, 'SnapshotGroupId') ?? '',
    ...optional('name', textField(record, 'Name')),
    ...optional('description', textField(record, 'Description')),
    ...optional('instanceId', textField(record, 'InstanceId')),
    ...optional('status', textField(record, 'Status')),
    ...optional('resourceGroupId', textField(record, 'ResourceGroupId')),
    tags: list(record, 'Tags', 'Tag').map((tag) => ({
      key: textField(tag, 'Key') ?? '',
      value: textField(tag, 'Value') ?? '',
    })),
    snapshots: list(record, 'Snapshots', 'Snapshot').map(toSnapshot),
  };
}

// Several state checks read the same look-up: read each exchange once.
const read = new WeakMap<Exchange, DescribeResult>();

/** The groups a DescribeSnapshotGroups response lists, or why it could not be read. */
export function describedGroups(exchange: Exchange): DescribeResult {
  let result = read.get(exchange);
  if (result === undefined) {
    result = readGroups(exchange);
    read.set(exchange, result);
  }
  return result;
}

function readGroups(exchange: Exchange): DescribeResult {
  const response = exchange.response;
  if (response === undefined || !isSuccessStatus(response.status)) {
    return { problem: `DescribeSnapshotGroups answered ${describeOutcome(exchange)}` };
  }
  const record = bodyRecord(response.parsed);
  if (record === undefined)
    return { problem: `DescribeSnapshotGroups answered an unreadable ${response.parsed.format} body` };
  if (!isRecord(record.SnapshotGroups))
    return { problem: 'DescribeSnapshotGroups answered no SnapshotGroups' };
  return { groups: list(record, 'SnapshotGroups', 'SnapshotGroup').map(toGroup) };
}

/** The listed group with this id (undefined when not listed), or why the response could not be read. */
export function describedGroup(
  exchange: Exchange,
  groupId: string,
): { group: DescribedGroup | undefined } | { problem: string } {
  const result = describedGroups(exchange);
  if ('problem' in result) return result;
  return { group: result.groups.find((group) => group.id === groupId) };
}
