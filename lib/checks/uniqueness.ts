import type { CheckContext } from './context.js';
import { allExchanges, sentPairs } from './exchanges.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { clientTokenOf, groupIdOf, requestIdOf } from './response.js';

/** Every response carries its own RequestId: none repeats within the case or the run. */
export function requestIdUnique(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const inCase = new Set<string>();
  for (const exchange of allExchanges(ctx)) {
    const id = requestIdOf(exchange);
    if (id === undefined) continue;
    const earlier = ctx.run.requestIds.get(id);
    const where = inCase.has(id)
      ? 'another response of the same case'
      : earlier
        ? `case ${earlier.caseId}`
        : undefined;
    inCase.add(id);
    if (where === undefined) continue;
    findings.push(
      findingFor('requestIdUnique', ctx, {
        rule: CROSS_CUTTING_RULES.requestIdUnique,
        message: `RequestId ${id} was already returned to ${where}`,
        expected: 'a RequestId not seen before in the run',
        actual: id,
      }),
    );
  }
  return findings;
}

// Real ids are `ssg-` and lower-case letters and digits (`ssg-j6ciyh3k52qp7ovm****` masked on the page).
const GROUP_ID = /^ssg-[0-9a-z]+$/;

/**
 * A created group's id has the documented form and is new: only a replay with the same ClientToken
 * may return an id already returned.
 */
export function snapshotGroupIdFormatAndUnique(ctx: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const inCase = new Map<string, string | undefined>();
  for (const pair of sentPairs(ctx)) {
    const id = groupIdOf(pair.exchange);
    if (id === undefined) continue;
    const token = clientTokenOf(pair.request);
    const problem = (message: string, expected: string) =>
      findingFor('snapshotGroupIdFormatAndUnique', ctx, {
        rule: CROSS_CUTTING_RULES.successBody,
        message: `${pair.label}: ${message}`,
        expected,
        actual: id,
      });
    if (!GROUP_ID.test(id))
      findings.push(problem('the SnapshotGroupId does not have the documented form', 'ssg-[0-9a-z]+'));
    const earlier = ctx.run.groupIds.get(id);
    if (earlier && !sameToken(earlier.clientToken, token)) {
      findings.push(
        problem(`SnapshotGroupId already returned to case ${earlier.caseId}`, 'a new SnapshotGroupId'),
      );
    } else if (inCase.has(id) && !sameToken(inCase.get(id), token)) {
      findings.push(
        problem(
          'SnapshotGroupId already returned to another request of the case without the same ClientToken',
          'a new SnapshotGroupId',
        ),
      );
    }
    if (!inCase.has(id)) inCase.set(id, token);
  }
  return findings;
}

const sameToken = (a: string | undefined, b: string | undefined): boolean => a !== undefined && a === b;
