import { type CaseRequest, preludeGroupIndex } from '../cases.js';
import { groupIdOf, MAX_PAGES, nextTokenOf, paramOf, succeeded } from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import type { Session } from './session.js';

/**
 * The request with each `preludeGroupId(i)` value replaced by the SnapshotGroupId the i-th prelude
 * exchange answered; a value whose create failed stays as written (that failure is a finding already).
 */
export function withPreludeGroups(request: CaseRequest, prelude: readonly Exchange[]): CaseRequest {
  if (!request.params.some(([, value]) => preludeGroupIndex(value) !== undefined)) return request;
  return {
    ...request,
    params: request.params.map(([name, value]) => {
      const index = preludeGroupIndex(value);
      const exchange = index === undefined ? undefined : prelude[index];
      const id = exchange === undefined ? undefined : groupIdOf(exchange);
      return [name, id ?? value];
    }),
  };
}

/**
 * The pages after `first`: the request sent again with each NextToken until an answer gives none (or
 * is no success), at most MAX_PAGES in all. A target whose token never ends is judged on what came back.
 */
export async function walkPages(
  session: Session,
  request: CaseRequest,
  first: Exchange,
): Promise<Exchange[]> {
  const pages: Exchange[] = [];
  let token = nextTokenOf(first);
  while (token !== undefined && pages.length + 1 < MAX_PAGES && !session.aborted) {
    const params = request.params.filter(([name]) => name !== 'NextToken');
    params.push(['NextToken', token]);
    const page = await session.send({ ...request, params });
    pages.push(page);
    token = succeeded(page) ? nextTokenOf(page) : undefined;
  }
  return pages;
}

/** Groups the case's own DeleteSnapshotGroup requests deleted (a support case deletes one twice). */
export function deletedByCase(requests: readonly CaseRequest[], exchanges: readonly Exchange[]): Set<string> {
  const deleted = new Set<string>();
  requests.forEach((request, index) => {
    const exchange = exchanges[index];
    const id = paramOf(request, 'SnapshotGroupId');
    if (request.action === 'DeleteSnapshotGroup' && exchange !== undefined && succeeded(exchange) && id)
      deleted.add(id);
  });
  return deleted;
}
