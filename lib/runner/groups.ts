import { setTimeout as sleep } from 'node:timers/promises';
import type { Case, CaseRequest } from '../cases.js';
import { describedGroup, errorCodeOf, paramOf, succeeded } from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import type { GroupRef } from './journal.js';
import type { Session } from './session.js';

/** Where a created group lives, from the request that created it. */
export function groupRefFor(session: Session, c: Case, request: CaseRequest, groupId: string): GroupRef {
  const regionId =
    paramOf(request, 'RegionId') ??
    c.expectGroup?.regionId ??
    session.options.world.regions[0]?.id ??
    'cn-hangzhou';
  // Support calls travel like the case did, minus any tamper.
  return { groupId, regionId, account: request.account, transport: request.transport, caseId: c.id };
}

export const describeGroup = (session: Session, ref: GroupRef): Promise<Exchange> =>
  session.call(
    'DescribeSnapshotGroups',
    [
      ['RegionId', ref.regionId],
      ['SnapshotGroupId.1', ref.groupId],
    ],
    ref.account,
    ref.transport,
  );

function isProgressing(exchange: Exchange, groupId: string): boolean {
  const found = describedGroup(exchange, groupId);
  return 'group' in found && found.group?.status === 'progressing';
}

/**
 * Describes the group until it is no longer `progressing` (bounded by snapshotWait), so that its
 * disks are free for the next case. Returns the last look-up.
 */
export async function waitUntilSettled(session: Session, ref: GroupRef): Promise<Exchange> {
  const { timeoutMs, intervalMs } = session.options.snapshotWait;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const exchange = await describeGroup(session, ref);
    const again =
      isProgressing(exchange, ref.groupId) && !session.aborted && performance.now() + intervalMs <= deadline;
    if (!again) return exchange;
    await sleep(intervalMs);
  }
}

/** Deletes a group; on success it leaves the journal. Emits `cleanup` either way. */
export async function deleteGroup(session: Session, ref: GroupRef): Promise<Exchange> {
  const exchange = await session.call(
    'DeleteSnapshotGroup',
    [
      ['RegionId', ref.regionId],
      ['SnapshotGroupId', ref.groupId],
    ],
    ref.account,
    ref.transport,
  );
  const deleted = succeeded(exchange);
  if (deleted) session.journal.deleted(ref.groupId);
  session.emit({ type: 'cleanup', groupId: ref.groupId, deleted });
  return exchange;
}

/** Tries of one delete in the final sweep: a flapping target loses some answers, each try may pass. */
const SWEEP_TRIES = 5;

/**
 * The final sweep: every group still in the journal is deleted. A delete refused is tried again once the
 * group has settled; one whose answer was lost (the transport retries nothing after a stop) is tried
 * again, and a later "not found" then means the lost one went through. Returns the ids that could not
 * be deleted, then a note for every create that may have made a group the run could not find.
 */
export async function sweepGroups(session: Session): Promise<string[]> {
  for (const ref of session.journal.outstanding()) {
    let lostAnswer = false;
    for (let tries = 1; tries <= SWEEP_TRIES; tries++) {
      const exchange = await deleteGroup(session, ref);
      if (exchange.response === undefined) {
        lostAnswer = true;
        continue;
      }
      if (succeeded(exchange)) break;
      if (lostAnswer && errorCodeOf(exchange) === 'InvalidSnapshotGroupId.NotFound') {
        session.journal.deleted(ref.groupId);
        break;
      }
      if (tries >= 2) break;
      await waitUntilSettled(session, ref);
    }
  }
  const left = [...session.journal.outstanding().map((ref) => ref.groupId), ...session.journal.lostCreates()];
  if (left.length > 0) session.emit({ type: 'left-behind', groupIds: left });
  return left;
}
