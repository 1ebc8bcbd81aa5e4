import type { Case } from '../cases.js';
import type { Locks } from './scheduler.js';

/** A case that may create a group (a valid request, or one set up by a creating prelude) spends budget. */
export const mayCreate = (c: Case): boolean =>
  c.expectGroup !== undefined ||
  c.expected.kind === 'success' ||
  (c.prelude ?? []).some((req) => req.action === 'CreateSnapshotGroup');

/** A case whose answer lists groups: what else sits on its disks would show in it. */
const lists = (c: Case): boolean => c.request.action.startsWith('Describe');

/**
 * The disks a case holds while it runs. Cases expected to be refused share theirs with each other. A
 * case that may create holds its disks alone: on a target whose snapshots take time, a second create on
 * one of them would meet "a previous snapshot creation is in process". Where the target finishes each
 * snapshot before it answers (`createsShareDisks`: the embedded emulator), creates share their disks
 * too, except a case that lists groups: its pages (and so the run's request count) would otherwise
 * depend on which other cases' groups happened to be there.
 */
export function caseLocks(c: Case, createsShareDisks: boolean): Locks {
  const alone = mayCreate(c) && (!createsShareDisks || lists(c));
  return alone ? { exclusive: c.disks, shared: [] } : { exclusive: [], shared: c.disks };
}
