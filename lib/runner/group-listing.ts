import type { TransportVariant, WireParams } from '../cases.js';
import { type DescribedGroup, describedGroups } from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import type { Session } from './session.js';

/** Pages of 100 groups read before a listing gives up (a region with more is not a test account). */
export const MAX_LISTING_PAGES = 10;

/** A listed group, with its CreationTime when the target gave one. */
export type ListedGroup = DescribedGroup & { creationTime?: string };

export type Listing = { groups: ListedGroup[] } | { problem: string };

/** Where a listing looks: one account's groups in one region, asked over one transport. */
export interface ListingScope {
  regionId: string;
  account: string;
  transport: TransportVariant;
}

/** CreationTime per group id: the shared reader of DescribeSnapshotGroups does not keep it. */
function creationTimes(exchange: Exchange): Map<string, string> {
  const parsed = exchange.response?.parsed;
  const out = new Map<string, string>();
  if (parsed?.format !== 'json' && parsed?.format !== 'xml') return out;
  const container = parsed.value.SnapshotGroups as Record<string, unknown> | undefined;
  const items = typeof container === 'object' && container !== null ? container.SnapshotGroup : undefined;
  for (const item of Array.isArray(items) ? items : [items]) {
    const record = item as Record<string, unknown> | undefined;
    const id = record?.SnapshotGroupId;
    const time = record?.CreationTime;
    if (typeof id === 'string' && typeof time === 'string') out.set(id, time);
  }
  return out;
}

function nextToken(exchange: Exchange): string {
  const parsed = exchange.response?.parsed;
  const token = parsed?.format === 'json' || parsed?.format === 'xml' ? parsed.value.NextToken : undefined;
  return typeof token === 'string' ? token : '';
}

/**
 * Every group DescribeSnapshotGroups lists for the account in the region (on the instance, when one is
 * named), page after page. Used after a create whose answer was lost (lost-creates.ts) and around a
 * run's refusals (side-effects.ts).
 */
export async function listGroups(
  session: Session,
  scope: ListingScope,
  instanceId?: string,
): Promise<Listing> {
  const groups: ListedGroup[] = [];
  let token = '';
  for (let page = 0; page < MAX_LISTING_PAGES; page++) {
    const params: WireParams = [
      ['RegionId', scope.regionId],
      ...(instanceId === undefined ? [] : ([['InstanceId', instanceId]] as WireParams)),
      ['MaxResults', '100'],
      ...(token === '' ? [] : ([['NextToken', token]] as WireParams)),
    ];
    const exchange = await session.call('DescribeSnapshotGroups', params, scope.account, scope.transport);
    const listed = describedGroups(exchange);
    if ('problem' in listed) return listed;
    const times = creationTimes(exchange);
    for (const group of listed.groups) {
      const creationTime = times.get(group.id);
      groups.push(creationTime === undefined ? group : { ...group, creationTime });
    }
    token = nextToken(exchange);
    if (token === '') return { groups };
  }
  return { problem: `more than ${MAX_LISTING_PAGES * 100} groups listed` };
}
