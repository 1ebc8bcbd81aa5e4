import { apiError } from '../../protocol/errors.js';
import type { CreateContext, CreateStep } from './context.js';
import { step } from './step.js';

/**
 * The request as a replay must repeat it: every business parameter, lists in index order, without the
 * protocol's own parameters (nonce, timestamp, signature) which differ on every send.
 */
export const requestFingerprint = (ctx: CreateContext): string =>
  JSON.stringify([
    ctx.params.value('RegionId'),
    ctx.params.value('InstanceId') ?? null,
    ctx.instantAccess,
    ctx.retentionDays ?? null,
    ctx.params.value('Name') ?? null,
    ctx.params.value('Description') ?? null,
    ctx.params.value('StorageLocationArn') ?? null,
    ctx.params.value('ResourceGroupId') ?? null,
    ctx.diskIds.map((entry) => entry.value),
    ctx.excludeDiskIds.map((entry) => entry.value),
    ctx.tags.map((tag) => [tag.fields.Key, tag.fields.Value ?? '']),
  ]);

/** An empty ClientToken is no token at all. */
export const clientTokenOf = (ctx: CreateContext): string | undefined => ctx.params.value('ClientToken');

/**
 * ClientToken idempotency: checked before the disks are looked at, so that replaying a success while its
 * snapshots are still progressing answers the same group rather than "creation in process".
 */
export const IDEMPOTENCY_STEP: CreateStep = step('idempotency.client-token', (ctx) => {
  const token = clientTokenOf(ctx);
  if (token === undefined) return undefined;
  ctx.fingerprint = requestFingerprint(ctx);
  const entry = ctx.state.tokens.get(ctx.account.id, token);
  if (entry === undefined) return undefined;
  if (entry.state === 'processing') return ctx.holdsToken ? undefined : apiError('IdempotentProcessing');
  return entry.fingerprint === ctx.fingerprint
    ? { replay: entry.groupId }
    : apiError('IdempotentParameterMismatch');
});
