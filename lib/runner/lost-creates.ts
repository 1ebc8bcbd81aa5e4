import type { Case, CaseRequest } from '../cases.js';
import { type DescribedGroup, groupIdOf, paramOf, succeeded } from '../checks/index.js';
import type { Exchange } from '../client/index.js';
import { listGroups } from './group-listing.js';
import { groupRefFor } from './groups.js';
import type { GroupRef } from './journal.js';
import type { Session } from './session.js';

/**
 * CreationTime is given to the second (some services to the minute) by a clock that is not ours: a
 * group this much older than the run's start may still be the run's.
 */
export const CREATION_TIME_SLACK_MS = 60_000;
/**
 * A create that may have made a group without the run learning its id: a transport failure after the
 * request left (not "never sent"), or a success whose answer names no group. Only creates meant to
 * succeed (a prelude, a case expected to create): a refusal that times out is not looked for.
 */
function answerLost(c: Case, index: number, request: CaseRequest, exchange: Exchange): boolean {
  if (request.action !== 'CreateSnapshotGroup') return false;
  const isPrelude = index < (c.prelude?.length ?? 0);
  if (!isPrelude && c.expectGroup === undefined && c.expected.kind !== 'success') return false;
  if (exchange.failure !== undefined) return exchange.failure.neverSent !== true;
  return succeeded(exchange) && groupIdOf(exchange) === undefined;
}

/** The group holds a snapshot of one of the case's disks (or, listing none, is on the named instance). */
function onCaseDisks(
  group: DescribedGroup,
  disks: readonly string[],
  instanceId: string | undefined,
): boolean {
  if (group.snapshots.length === 0) return instanceId !== undefined && group.instanceId === instanceId;
  return group.snapshots.some((s) => s.sourceDiskId !== undefined && disks.includes(s.sourceDiskId));
}

/**
 * After a create whose answer was lost, finds the groups it may have made: groups on the case's disks
 * the run did not know, created since the run started. Each is journalled and returned, to be deleted
 * like any other. When the look-up fails, or a group's age cannot be read, the journal records a lost
 * create, which the left-behind list shows.
 */
export async function findLostGroups(
  session: Session,
  c: Case,
  requests: readonly CaseRequest[],
  exchanges: readonly Exchange[],
): Promise<GroupRef[]> {
  const found = new Map<string, GroupRef>();
  const target = session.options.targetUrl.origin;
  const since = session.startedAt - CREATION_TIME_SLACK_MS;
  for (const [index, request] of requests.entries()) {
    const exchange = exchanges[index];
    if (exchange === undefined || !answerLost(c, index, request, exchange)) continue;
    const instanceId = paramOf(request, 'InstanceId') || undefined;
    const where = c.disks.length > 0 ? c.disks.join(', ') : (instanceId ?? 'an unnamed disk');
    const probe = groupRefFor(session, c, request, '');
    const lost = (note: string) =>
      session.journal.lost({
        note,
        regionId: probe.regionId,
        account: probe.account,
        caseId: c.id,
        disks: c.disks,
        ...(instanceId !== undefined && { instanceId }),
      });
    const listing = await listGroups(session, probe, instanceId);
    if ('problem' in listing) {
      lost(
        `unknown group on ${where} (create to ${target} lost its answer; look-up failed: ${listing.problem})`,
      );
      continue;
    }
    for (const group of listing.groups) {
      if (session.journal.known(group.id) || found.has(group.id)) continue;
      if (!onCaseDisks(group, c.disks, instanceId)) continue;
      const created = group.creationTime === undefined ? Number.NaN : Date.parse(group.creationTime);
      if (Number.isNaN(created)) {
        lost(`group ${group.id} on ${where} (create to ${target} lost its answer; CreationTime unreadable)`);
      } else if (created >= since) {
        const ref = groupRefFor(session, c, request, group.id);
        session.journal.created(ref);
        found.set(group.id, ref);
      }
    }
  }
  return [...found.values()];
}
