import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError } from '../../protocol/errors.js';
import type { SnapshotGroup } from '../../state/group.js';
import type { ActionCall, ActionEnv, ActionResult } from '../result.js';
import { failed } from '../result.js';
import { type CreateContext, newCreateContext, runSteps } from './context.js';
import { clientTokenOf } from './step-idempotency.js';

const created = (groupId: string): ActionResult => ({
  kind: 'success',
  fields: { SnapshotGroupId: groupId },
});

const buildGroup = (env: ActionEnv, ctx: CreateContext): SnapshotGroup => {
  const { params, account } = ctx;
  const token = clientTokenOf(ctx);
  const retention = ctx.instantAccess ? ctx.retentionDays : undefined;
  return {
    id: env.seams.newSnapshotGroupId(),
    seq: env.state.nextSeq(),
    accountId: account.id,
    regionId: params.value('RegionId') ?? '',
    instanceId: params.value('InstanceId'),
    name: params.value('Name'),
    description: params.value('Description'),
    resourceGroupId: params.value('ResourceGroupId') ?? account.resourceGroups[0] ?? '',
    tags: ctx.tags.map((tag) => ({ key: tag.fields.Key ?? '', value: tag.fields.Value ?? '' })),
    snapshots: ctx.selected.map((disk) => ({
      id: env.seams.newSnapshotId(),
      diskId: disk.id,
      diskType: disk.type,
      instantAccess: ctx.instantAccess,
      ...(retention === undefined ? {} : { instantAccessRetentionDays: retention }),
    })),
    createdAt: ctx.nowMs,
    completesAt: ctx.nowMs + env.snapshotDurationMs,
    ...(token === undefined ? {} : { clientToken: { value: token, fingerprint: ctx.fingerprint ?? '' } }),
  };
};

/** Validates and, in the same tick, stores: two creates on one disk can never both pass the disk checks. */
const contextFor = (env: ActionEnv, call: ActionCall, holdsToken: boolean): CreateContext =>
  newCreateContext({
    account: call.account,
    params: call.params,
    limits: env.limits,
    state: env.state,
    seams: env.seams,
    nowMs: env.clock(),
    holdsToken,
  });

const validateAndStore = (env: ActionEnv, call: ActionCall, holdsToken: boolean): ActionResult => {
  const ctx = contextFor(env, call, holdsToken);
  const outcome = runSteps(env.seams.createSteps, ctx);
  if (outcome instanceof ApiError) return failed(outcome);
  if (outcome !== undefined) return created(outcome.replay);
  const group = buildGroup(env, ctx);
  env.seams.storeGroup(env.state, group);
  return created(group.id);
};

/**
 * With a ClientToken and a processing delay, the token is held as "processing" for the delay (so that a
 * concurrent request with it gets IdempotentProcessing), then the request is validated again from scratch
 * (the world may have moved meanwhile) and stored.
 */
export const createSnapshotGroup = async (env: ActionEnv, call: ActionCall): Promise<ActionResult> => {
  const token = call.params.value('ClientToken');
  if (token === undefined || env.idempotentProcessingMs <= 0) return validateAndStore(env, call, false);
  const first = contextFor(env, call, false);
  const outcome = runSteps(env.seams.createSteps, first);
  if (outcome !== undefined) return outcome instanceof ApiError ? failed(outcome) : created(outcome.replay);
  const { state } = env;
  state.tokens.set(call.account.id, token, { state: 'processing', fingerprint: first.fingerprint ?? '' });
  try {
    await sleep(env.idempotentProcessingMs);
    return validateAndStore(env, call, true);
  } finally {
    // A success replaced the record with a 'done' one; anything else frees the token.
    if (state.tokens.get(call.account.id, token)?.state === 'processing') {
      state.tokens.delete(call.account.id, token);
    }
  }
};
