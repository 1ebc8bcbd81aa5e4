import type { Exchange } from '../client/exchange.js';
import type { CheckContext } from './context.js';
import type { MadeGroup } from './describe-filter.js';
import { field, groupIdOf, paramOf } from './response.js';

/** The NextToken a DescribeSnapshotGroups answer gives for the next page; undefined on the last page. */
export function nextTokenOf(exchange: Exchange): string | undefined {
  const token = field(exchange, 'NextToken');
  return token === undefined || token === '' ? undefined : token;
}

/** TotalCount, where an answer has one (the SDK models carry it; protocol.md section 5 does not list it). */
export function totalCountOf(exchange: Exchange): number | undefined {
  const text = field(exchange, 'TotalCount');
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * Pages a walk sends at most, the first included. The support cases narrow by a name they gave three
 * groups and ask at least one per page, so a walk that goes on longer never ends.
 */
export const MAX_PAGES = 20;

/** The case's own answer, then the further pages the runner walked by NextToken. */
export const pagesOf = (ctx: CheckContext): Exchange[] => [ctx.exchange, ...(ctx.pages ?? [])];

/** The groups the case's prelude created, with what their requests gave them. */
export function madeGroups(ctx: CheckContext): MadeGroup[] {
  const made: MadeGroup[] = [];
  (ctx.case.prelude ?? []).forEach((request, index) => {
    const exchange = ctx.preludeExchanges[index];
    if (request.action !== 'CreateSnapshotGroup' || exchange === undefined) return;
    const id = groupIdOf(exchange);
    if (id === undefined) return;
    const tags: MadeGroup['tags'] = [];
    for (const [name, value] of request.params) {
      const match = /^Tag\.(\d+)\.Key$/.exec(name);
      if (match !== null) tags.push({ key: value, value: paramOf(request, `Tag.${match[1]}.Value`) ?? '' });
    }
    const name = paramOf(request, 'Name');
    const instanceId = paramOf(request, 'InstanceId');
    made.push({
      id,
      ...(name !== undefined && { name }),
      ...(instanceId !== undefined && { instanceId }),
      tags,
    });
  });
  return made;
}
