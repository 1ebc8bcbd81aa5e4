import { apiError, invalidParameter, missingParameter } from '../protocol/errors.js';
import { groupStatus, type SnapshotGroup } from '../state/group.js';
import type { ListEntry } from './lists.js';
import { type ActionHandler, failed } from './result.js';

const SCALARS = ['RegionId', 'InstanceId', 'Name', 'NextToken', 'MaxResults', 'ResourceGroupId'];
const STATUSES = new Set(['progressing', 'accomplished', 'failed']);
const DIGITS = /^[0-9]+$/;
/** Tokens look like the service's (32 hex digits): the position after which the next page starts. */
const TOKEN = /^[0-9a-f]{32}$/;
export const encodeNextToken = (seq: number): string => seq.toString(16).padStart(32, '0');
const decodeNextToken = (token: string): number => Number.parseInt(token, 16);
const DEFAULT_PAGE = 10;
const MAX_PAGE = 100;

interface Filter {
  ids: Set<string>;
  statuses: Set<string>;
  tags: ListEntry[];
  instanceId?: string;
  name?: string;
  resourceGroupId?: string;
}

const matches = (group: SnapshotGroup, filter: Filter, nowMs: number): boolean =>
  (filter.ids.size === 0 || filter.ids.has(group.id)) &&
  (filter.statuses.size === 0 || filter.statuses.has(groupStatus(group, nowMs))) &&
  (filter.instanceId === undefined || group.instanceId === filter.instanceId) &&
  (filter.name === undefined || group.name === filter.name) &&
  (filter.resourceGroupId === undefined || group.resourceGroupId === filter.resourceGroupId) &&
  filter.tags.every((want) =>
    group.tags.some(
      (tag) =>
        tag.key === want.fields.Key && (want.fields.Value === undefined || tag.value === want.fields.Value),
    ),
  );

/** DescribeSnapshotGroups: the calling account's groups in one region, filtered, paged by NextToken. */
export const describeSnapshotGroups: ActionHandler = (env, { account, params }) => {
  const repeated = params.firstRepeated(SCALARS);
  if (repeated !== undefined) return failed(invalidParameter(repeated, 'it is given more than once'));
  const regionId = params.value('RegionId');
  if (!regionId) return failed(missingParameter('RegionId'));
  const lists = [
    [env.seams.parseList(params, 'SnapshotGroupId'), 10],
    [env.seams.parseList(params, 'Status'), 3],
    [env.seams.parseList(params, 'Tag', ['Key', 'Value']), 20],
  ] as const;
  const entries: ListEntry[][] = [];
  for (const [parsed, max] of lists) {
    if (!parsed.ok) return failed(parsed.error);
    const over = parsed.entries.find((entry) => entry.index > max);
    if (over) return failed(invalidParameter(`index ${over.index}`, `N must be from 1 to ${max}`));
    entries.push(parsed.entries);
  }
  const [ids = [], statuses = [], tags = []] = entries;
  const badStatus = statuses.find((entry) => !STATUSES.has(entry.value ?? ''));
  if (badStatus) return failed(invalidParameter(`Status.${badStatus.index}`, 'not a snapshot group status'));
  if (tags.some((tag) => tag.fields.Key === undefined)) {
    return failed(invalidParameter('Tag.N.Key', 'it is missing'));
  }
  const maxText = params.value('MaxResults');
  const pageSize = maxText === undefined ? DEFAULT_PAGE : DIGITS.test(maxText) ? Number(maxText) : 0;
  if (!(pageSize >= 1 && pageSize <= MAX_PAGE)) {
    return failed(invalidParameter('MaxResults', 'it must be from 1 to 100'));
  }
  const tokenText = params.value('NextToken') ?? '';
  if (tokenText !== '' && !TOKEN.test(tokenText)) {
    return failed(invalidParameter('NextToken', 'not a token this service issued'));
  }
  const after = tokenText === '' ? 0 : decodeNextToken(tokenText);
  if (!env.state.world.regions.has(regionId)) return failed(apiError('InvalidRegionId.NotFound'));

  const filter: Filter = {
    ids: new Set(ids.map((entry) => entry.value ?? '')),
    statuses: new Set(statuses.map((entry) => entry.value ?? '')),
    tags,
    instanceId: params.value('InstanceId'),
    name: params.value('Name'),
    resourceGroupId: params.value('ResourceGroupId'),
  };
  const nowMs = env.clock();
  const page: SnapshotGroup[] = [];
  let more = false;
  for (const group of env.state.allGroups()) {
    if (group.seq <= after || group.accountId !== account.id || group.regionId !== regionId) continue;
    if (!matches(group, filter, nowMs)) continue;
    if (page.length === pageSize) {
      more = true;
      break;
    }
    page.push(group);
  }
  const last = page[page.length - 1];
  return {
    kind: 'success',
    fields: {
      NextToken: more && last ? encodeNextToken(last.seq) : '',
      SnapshotGroups: { SnapshotGroup: page.map((group) => env.seams.groupView(group, nowMs)) },
    },
  };
};
