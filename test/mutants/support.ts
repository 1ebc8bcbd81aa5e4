import {
  type ActionHandler,
  type ActionResult,
  apiError,
  defaultStatusFor,
  deleteSnapshotGroup,
  describeSnapshotGroups,
  encodeNextToken,
  ParamBag,
} from '../../emulator/index.js';
import type { Mutant } from './types.js';

const NOT_FOUND = 'InvalidSnapshotGroupId.NotFound';

/** The faithful Describe, with the parameters `dropped` matches never received: that filter is ignored. */
const ignoring =
  (dropped: (name: string) => boolean): ActionHandler =>
  (env, call) =>
    describeSnapshotGroups(env, {
      ...call,
      params: new ParamBag(call.params.list.filter(([name]) => !dropped(name))),
    });

/** The faithful Describe, its success fields changed by `change` (the request's MaxResults at hand). */
const describedAs =
  (change: (fields: Record<string, unknown>) => Record<string, unknown>): ActionHandler =>
  async (env, call) => {
    const result = await describeSnapshotGroups(env, call);
    return result.kind === 'success'
      ? ({ kind: 'success', fields: change(result.fields) } as ActionResult)
      : result;
  };

const pageLength = (fields: Record<string, unknown>): number =>
  ((fields.SnapshotGroups as { SnapshotGroup?: unknown[] } | undefined)?.SnapshotGroup ?? []).length;

/** DescribeSnapshotGroups that bends a filter or its paging (issue 16.2). */
const DESCRIBE_MUTANTS: Mutant[] = [
  {
    id: 'describe.ignores-snapshot-group-id',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores SnapshotGroupId.N: every group of the region is listed.',
    seams: { describeSnapshotGroups: ignoring((name) => name.startsWith('SnapshotGroupId.')) },
  },
  {
    id: 'describe.ignores-instance-id',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores InstanceId: groups of other instances are listed too.',
    seams: { describeSnapshotGroups: ignoring((name) => name === 'InstanceId') },
  },
  {
    id: 'describe.ignores-status',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores Status.N: groups in every state are listed.',
    seams: { describeSnapshotGroups: ignoring((name) => name.startsWith('Status.')) },
  },
  {
    id: 'describe.ignores-name',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores Name: groups of every name are listed.',
    seams: { describeSnapshotGroups: ignoring((name) => name === 'Name') },
  },
  {
    id: 'describe.ignores-tag',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores Tag.N: groups without the tag are listed too.',
    seams: { describeSnapshotGroups: ignoring((name) => name.startsWith('Tag.')) },
  },
  {
    id: 'describe.ignores-max-results',
    family: 'describe',
    description: 'DescribeSnapshotGroups ignores MaxResults: pages are always of the default 10.',
    seams: { describeSnapshotGroups: ignoring((name) => name === 'MaxResults') },
  },
  {
    id: 'describe.next-token-repeats-last',
    family: 'describe',
    description:
      "DescribeSnapshotGroups' NextToken points at the last group listed: the next page lists it again.",
    seams: {
      describeSnapshotGroups: describedAs((fields) =>
        fields.NextToken === ''
          ? fields
          : { ...fields, NextToken: encodeNextToken(Number.parseInt(String(fields.NextToken), 16) - 1) },
      ),
    },
  },
  {
    id: 'describe.total-count-of-the-page',
    family: 'describe',
    description: 'DescribeSnapshotGroups answers a TotalCount that counts the page, not the listing.',
    seams: {
      describeSnapshotGroups: describedAs((fields) => ({ ...fields, TotalCount: pageLength(fields) })),
    },
  },
];

/** The faithful Delete, with what it answers for a group it does not find changed by `instead`. */
const notFoundAs =
  (instead: (groupId: string) => ActionResult): ActionHandler =>
  async (env, call) => {
    const result = await deleteSnapshotGroup(env, call);
    return result.kind === 'error' && result.error.code === NOT_FOUND
      ? instead(call.params.value('SnapshotGroupId') ?? '')
      : result;
  };

const deletedOk: ActionResult = {
  kind: 'success',
  fields: { OperationProgressSet: { OperationProgress: [] } },
};

/**
 * Ids this mutant's emulators deleted (kept by the mutant, across its emulators: ids are random, so a
 * shared set never mistakes one group for another).
 */
const deletedIds = new Set<string>();

/** The faithful Delete that remembers what it deleted, and answers `instead` for a second delete. */
const deletedAgainAs =
  (instead: ActionResult): ActionHandler =>
  async (env, call) => {
    const groupId = call.params.value('SnapshotGroupId') ?? '';
    if (deletedIds.has(groupId)) return instead;
    const result = await deleteSnapshotGroup(env, call);
    if (result.kind === 'success') deletedIds.add(groupId);
    return result;
  };

/** DeleteSnapshotGroup that answers an unknown or deleted group otherwise than the catalogue settles. */
const DELETE_MUTANTS: Mutant[] = [
  {
    id: 'delete.not-found-answers-success',
    family: 'delete',
    description: 'DeleteSnapshotGroup of a group it does not have answers Success (an "idempotent" delete).',
    seams: { deleteSnapshotGroup: notFoundAs(() => deletedOk) },
  },
  {
    id: 'delete.deleted-id-answers-success',
    family: 'delete',
    description:
      'DeleteSnapshotGroup of a group already deleted answers Success again (the group is soft-deleted).',
    seams: { deleteSnapshotGroup: deletedAgainAs(deletedOk) },
  },
  {
    id: 'delete.deleted-id-operation-conflict',
    family: 'delete',
    description:
      'DeleteSnapshotGroup of a group already deleted answers OperationConflict (409), not NotFound.',
    seams: { deleteSnapshotGroup: deletedAgainAs({ kind: 'error', error: apiError('OperationConflict') }) },
  },
  {
    id: 'delete.not-found-invalid-parameter',
    family: 'delete',
    description: 'DeleteSnapshotGroup of an unknown group answers InvalidParameter (400), not NotFound.',
    seams: {
      deleteSnapshotGroup: notFoundAs(() => ({ kind: 'error', error: apiError('InvalidParameter') })),
    },
  },
  {
    id: 'delete.not-found-server-error',
    family: 'delete',
    description: 'DeleteSnapshotGroup of an unknown group answers InternalError (500).',
    seams: { deleteSnapshotGroup: notFoundAs(() => ({ kind: 'error', error: apiError('InternalError') })) },
  },
  {
    id: 'delete.not-found-status-400',
    family: 'delete',
    description: 'DeleteSnapshotGroup answers InvalidSnapshotGroupId.NotFound with 400, not 404.',
    seams: { statusFor: (code: string) => (code === NOT_FOUND ? 400 : defaultStatusFor(code)) },
  },
];

export const SUPPORT_MUTANTS: Mutant[] = [...DESCRIBE_MUTANTS, ...DELETE_MUTANTS];
