/**
 * The support operations keep their contract (issue 16.2): every state check relies on
 * DescribeSnapshotGroups, so each filter the suite uses and the paging are judged on their own. A real
 * account may hold other groups that match: the checks judge "only matching groups", never "exactly ours".
 * DeleteSnapshotGroup's refusals are judged by the error-code checks, as any rule with a settled code.
 */
import type { CheckContext } from './context.js';
import { describeFilterOf, type FilterPart, filterMismatch, mustBeListed } from './describe-filter.js';
import { MAX_PAGES, madeGroups, nextTokenOf, pagesOf, totalCountOf } from './describe-pages.js';
import { describedGroups } from './described-group.js';
import type { Finding } from './finding.js';
import { findingFor } from './make-finding.js';
import { paramOf } from './response.js';

export const SUPPORT_RULES = {
  snapshotGroupIdFilter: 'support.describe-snapshot-group-id-filter',
  instanceIdFilter: 'support.describe-instance-id-filter',
  statusFilter: 'support.describe-status-filter',
  nameFilter: 'support.describe-name-filter',
  tagFilter: 'support.describe-tag-filter',
  maxResults: 'support.describe-max-results',
  nextToken: 'support.describe-next-token',
} as const;

/** At most this many offending groups are named in one finding. */
const SHOWN = 3;

const shownList = (items: string[]): string =>
  items.length <= SHOWN
    ? items.join('; ')
    : `${items.slice(0, SHOWN).join('; ')}; and ${items.length - SHOWN} more`;

/**
 * The answer lists only groups that meet `part` of the request's filter, and, when it is complete (no
 * NextToken), every group the case made that meets the whole filter.
 */
function onlyMatchingListed(check: string, ctx: CheckContext, rule: string, part: FilterPart): Finding[] {
  if (ctx.case.rule !== rule) return [];
  const listed = describedGroups(ctx.exchange);
  // An answer that is no listing fails validRequestRejected or the success body's schema.
  if ('problem' in listed) return [];
  const filter = describeFilterOf(ctx.case.request.params);
  const findings: Finding[] = [];
  const wrong = listed.groups.flatMap((group) => {
    const why = filterMismatch(group, filter, part);
    return why === undefined ? [] : [`${group.id}: ${why}`];
  });
  if (wrong.length > 0) {
    findings.push(
      findingFor(check, ctx, {
        message: `DescribeSnapshotGroups by ${part} listed ${wrong.length} group(s) that do not match it`,
        expected: `only groups that match ${part}`,
        actual: shownList(wrong),
      }),
    );
  }
  if (nextTokenOf(ctx.exchange) === undefined) {
    const ids = new Set(listed.groups.map((group) => group.id));
    const missing = madeGroups(ctx)
      .filter((made) => mustBeListed(made, filter) && !ids.has(made.id))
      .map((made) => made.id);
    if (missing.length > 0) {
      findings.push(
        findingFor(check, ctx, {
          message: `DescribeSnapshotGroups by ${part} left out group(s) the case made that match it`,
          expected: `listed: ${missing.join(', ')}`,
          actual: `${listed.groups.length} group(s) listed, without them`,
        }),
      );
    }
  }
  return findings;
}

export const describeHonoursSnapshotGroupIdFilter = (ctx: CheckContext): Finding[] =>
  onlyMatchingListed(
    'describeHonoursSnapshotGroupIdFilter',
    ctx,
    SUPPORT_RULES.snapshotGroupIdFilter,
    'SnapshotGroupId.N',
  );

export const describeHonoursInstanceIdFilter = (ctx: CheckContext): Finding[] =>
  onlyMatchingListed('describeHonoursInstanceIdFilter', ctx, SUPPORT_RULES.instanceIdFilter, 'InstanceId');

export const describeHonoursStatusFilter = (ctx: CheckContext): Finding[] =>
  onlyMatchingListed('describeHonoursStatusFilter', ctx, SUPPORT_RULES.statusFilter, 'Status.N');

export const describeHonoursNameFilter = (ctx: CheckContext): Finding[] =>
  onlyMatchingListed('describeHonoursNameFilter', ctx, SUPPORT_RULES.nameFilter, 'Name');

export const describeHonoursTagFilter = (ctx: CheckContext): Finding[] =>
  onlyMatchingListed('describeHonoursTagFilter', ctx, SUPPORT_RULES.tagFilter, 'Tag.N');

/** No page lists more groups than the request's MaxResults. */
export function describeHonoursMaxResults(ctx: CheckContext): Finding[] {
  if (ctx.case.rule !== SUPPORT_RULES.maxResults) return [];
  const asked = Number(paramOf(ctx.case.request, 'MaxResults'));
  if (!Number.isSafeInteger(asked)) return [];
  const over = pagesOf(ctx).flatMap((exchange, index) => {
    const listed = describedGroups(exchange);
    return 'groups' in listed && listed.groups.length > asked
      ? [`page ${index + 1}: ${listed.groups.length} groups`]
      : [];
  });
  if (over.length === 0) return [];
  return [
    findingFor('describeHonoursMaxResults', ctx, {
      message: `DescribeSnapshotGroups answered more groups on a page than MaxResults=${asked}`,
      expected: `at most ${asked} group(s) per page`,
      actual: shownList(over),
    }),
  ];
}

/**
 * Walking the pages by NextToken ends, lists no group twice and leaves out none the case made, and a
 * TotalCount, where an answer has one, is the number of groups walked.
 */
export function describeNextTokenWalksEachGroupOnce(ctx: CheckContext): Finding[] {
  if (ctx.case.rule !== SUPPORT_RULES.nextToken) return [];
  const pages = pagesOf(ctx);
  const finding = (message: string, expected: string, actual: string) =>
    findingFor('describeNextTokenWalksEachGroupOnce', ctx, { message, expected, actual });
  const findings: Finding[] = [];
  const seenOn = new Map<string, number>();
  const repeated: string[] = [];
  let readable = true;
  pages.forEach((exchange, index) => {
    const listed = describedGroups(exchange);
    if ('problem' in listed) {
      readable = false;
      return;
    }
    for (const group of listed.groups) {
      const first = seenOn.get(group.id);
      if (first === undefined) seenOn.set(group.id, index + 1);
      else repeated.push(`${group.id} on pages ${first} and ${index + 1}`);
    }
  });
  if (!readable) {
    // A page that is no listing (an error midway, a broken body): the other checks say why.
    return [
      finding('a page of the walk is not a listing', 'every page a listing', `${pages.length} page(s)`),
    ];
  }
  if (repeated.length > 0)
    findings.push(finding('a group is listed on two pages', 'each group on one page', shownList(repeated)));
  const last = pages[pages.length - 1];
  const ended = last !== undefined && nextTokenOf(last) === undefined;
  if (!ended) {
    findings.push(
      finding(
        `NextToken was still given after ${pages.length} pages`,
        `a last page without NextToken within ${MAX_PAGES} pages`,
        `${seenOn.size} distinct group(s) in ${pages.length} pages`,
      ),
    );
    return findings;
  }
  const filter = describeFilterOf(ctx.case.request.params);
  const missing = madeGroups(ctx)
    .filter((made) => mustBeListed(made, filter) && !seenOn.has(made.id))
    .map((made) => made.id);
  if (missing.length > 0) {
    findings.push(
      finding('the walk left out group(s) the case made', `listed: ${missing.join(', ')}`, 'not on any page'),
    );
  }
  const counts = pages.flatMap((exchange, index) => {
    const total = totalCountOf(exchange);
    return total === undefined || total === seenOn.size ? [] : [`page ${index + 1}: TotalCount ${total}`];
  });
  if (counts.length > 0) {
    findings.push(
      finding(
        'TotalCount differs from the groups the walk found',
        `TotalCount ${seenOn.size}`,
        shownList(counts),
      ),
    );
  }
  return findings;
}
