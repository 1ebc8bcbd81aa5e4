import type { WireParams } from '../cases.js';
import { boundedText } from '../shown-text.js';
import type { DescribedGroup } from './described-group.js';

/** The filters of a DescribeSnapshotGroups request the suite uses (protocol.md section 5). */
export interface DescribeFilter {
  ids: string[];
  statuses: string[];
  instanceId?: string;
  name?: string;
  /** A tag without a value asks for the key alone. */
  tags: Array<{ key: string; value?: string }>;
}

/** One part of the filter, named as the wire names it: each support.describe-*-filter rule judges one. */
export type FilterPart = 'SnapshotGroupId.N' | 'InstanceId' | 'Status.N' | 'Name' | 'Tag.N';

const lastOf = (params: WireParams, name: string): string | undefined => {
  let found: string | undefined;
  for (const [key, value] of params) if (key === name) found = value;
  return found;
};

/** `Name.N` values in index order. */
function listOf(params: WireParams, name: string): string[] {
  const pattern = new RegExp(`^${name}\\.(\\d+)$`);
  return params
    .map(([key, value]) => [pattern.exec(key)?.[1], value] as const)
    .filter((entry): entry is readonly [string, string] => entry[0] !== undefined)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, value]) => value);
}

function tagsOf(params: WireParams): DescribeFilter['tags'] {
  const byIndex = new Map<number, { key?: string; value?: string }>();
  for (const [name, value] of params) {
    const match = /^Tag\.(\d+)\.(Key|Value)$/.exec(name);
    if (match === null) continue;
    const entry = byIndex.get(Number(match[1])) ?? {};
    if (match[2] === 'Key') entry.key = value;
    else entry.value = value;
    byIndex.set(Number(match[1]), entry);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([, tag]) =>
      tag.key === undefined
        ? []
        : [tag.value === undefined ? { key: tag.key } : { key: tag.key, value: tag.value }],
    );
}

/** The filter a DescribeSnapshotGroups request carries. */
export function describeFilterOf(params: WireParams): DescribeFilter {
  const instanceId = lastOf(params, 'InstanceId');
  const name = lastOf(params, 'Name');
  return {
    ids: listOf(params, 'SnapshotGroupId'),
    statuses: listOf(params, 'Status'),
    ...(instanceId !== undefined && { instanceId }),
    ...(name !== undefined && { name }),
    tags: tagsOf(params),
  };
}

const quoted = (value: string | undefined): string =>
  value === undefined ? '(none)' : `"${boundedText(value, 200)}"`;

const holdsTag = (group: Pick<DescribedGroup, 'tags'>, want: { key: string; value?: string }): boolean =>
  group.tags.some((tag) => tag.key === want.key && (want.value === undefined || tag.value === want.value));

/**
 * Why a listed group does not meet one part of the filter; undefined when it does, or when the request
 * has no such part.
 */
export function filterMismatch(
  group: DescribedGroup,
  filter: DescribeFilter,
  part: FilterPart,
): string | undefined {
  switch (part) {
    case 'SnapshotGroupId.N':
      return filter.ids.length === 0 || filter.ids.includes(group.id) ? undefined : 'not among the ids asked';
    case 'InstanceId':
      return filter.instanceId === undefined || group.instanceId === filter.instanceId
        ? undefined
        : `InstanceId ${quoted(group.instanceId)}, not ${quoted(filter.instanceId)}`;
    case 'Status.N':
      return filter.statuses.length === 0 ||
        (group.status !== undefined && filter.statuses.includes(group.status))
        ? undefined
        : `Status ${quoted(group.status)}, not one of ${filter.statuses.join(', ')}`;
    case 'Name':
      return filter.name === undefined || group.name === filter.name
        ? undefined
        : `Name ${quoted(group.name)}, not ${quoted(filter.name)}`;
    case 'Tag.N': {
      const missing = filter.tags.find((want) => !holdsTag(group, want));
      return missing === undefined
        ? undefined
        : `no tag ${quoted(missing.key)}${missing.value === undefined ? '' : `=${quoted(missing.value)}`}`;
    }
  }
}

/** A group the case itself made: what it sent, and the id the create answered. */
export interface MadeGroup {
  id: string;
  name?: string;
  instanceId?: string;
  tags: Array<{ key: string; value: string }>;
}

/**
 * Whether a group the case made must be listed for this filter: it meets every part the case knows of.
 * A filter by Status never requires one (a group's state moves on its own).
 */
export function mustBeListed(made: MadeGroup, filter: DescribeFilter): boolean {
  return (
    filter.statuses.length === 0 &&
    (filter.ids.length === 0 || filter.ids.includes(made.id)) &&
    (filter.instanceId === undefined || made.instanceId === filter.instanceId) &&
    (filter.name === undefined || made.name === filter.name) &&
    filter.tags.every((want) => holdsTag(made, want))
  );
}
