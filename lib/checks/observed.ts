import type { CheckContext } from './context.js';
import { sentPairs } from './exchanges.js';
import { CROSS_CUTTING_RULES } from './make-finding.js';
import { rejected, requestIdOf, succeeded } from './response.js';
import { diskFormRule } from './state.js';

/**
 * The cross-cutting rules a case exercised besides its own (every error exercises valid.error-body,
 * every looked-up group the state rules...). A rule counts a case as run when it appears here, so
 * that a rule verified on every response is never reported "not covered" for lack of its own cases.
 */
export function observedRules(ctx: CheckContext): string[] {
  const rules = new Set<string>();
  for (const { exchange } of sentPairs(ctx)) {
    if (succeeded(exchange)) rules.add(CROSS_CUTTING_RULES.successBody);
    if (rejected(exchange)) rules.add(CROSS_CUTTING_RULES.errorBody);
    if (requestIdOf(exchange) !== undefined) rules.add(CROSS_CUTTING_RULES.requestIdUnique);
  }
  const expect = ctx.case.expectGroup;
  const state = ctx.state;
  if (expect !== undefined && state?.afterCreate?.response !== undefined) {
    rules.add(diskFormRule(ctx.case));
    const attributes =
      expect.name ?? expect.description ?? expect.resourceGroupId ?? expect.instanceId ?? expect.tags[0];
    if (attributes !== undefined) rules.add(CROSS_CUTTING_RULES.attributesStored);
    if (expect.instantAccess) rules.add(CROSS_CUTTING_RULES.instantAccessStored);
  }
  if (state?.afterDelete?.response !== undefined) rules.add(CROSS_CUTTING_RULES.deletedAfterCleanup);
  return [...rules];
}
