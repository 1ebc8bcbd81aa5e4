import type { Exchange } from '../client/exchange.js';
import { bodyProblems } from './body-schema.js';
import type { CheckContext } from './context.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { succeeded } from './response.js';

/**
 * The support calls the state checks read (DescribeSnapshotGroups after the create and after the
 * deletion, DeleteSnapshotGroup) answer with their documented bodies when they succeed: the snapshot
 * ids and settings a group lists are part of what the target promises, not only the create's answer.
 * A refused look-up is the state checks' business (they report the group as not readable).
 */
export function stateLookupsMatchSchema(ctx: CheckContext): Finding[] {
  const state = ctx.state;
  if (state === undefined) return [];
  const lookups: Array<[label: string, action: string, exchange: Exchange | undefined]> = [
    ['DescribeSnapshotGroups after the create', 'DescribeSnapshotGroups', state.afterCreate],
    ['DeleteSnapshotGroup', 'DeleteSnapshotGroup', state.deletion],
    ['DescribeSnapshotGroups after the deletion', 'DescribeSnapshotGroups', state.afterDelete],
  ];
  return lookups.flatMap(([label, action, exchange]) =>
    exchange === undefined || !succeeded(exchange)
      ? []
      : bodyProblems(exchange, action, 'success').map(({ message, actual }) =>
          findingFor('stateLookupsMatchSchema', ctx, {
            rule: CROSS_CUTTING_RULES.successBody,
            message: `${label} (group ${state.groupId}): ${message}`,
            expected: `the documented ${action} response body`,
            actual,
          }),
        ),
  );
}
