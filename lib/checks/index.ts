/**
 * Checks: small pure functions `(ctx) => Finding[]`, each named after what it enforces. An empty
 * array means the check passed or did not apply. To add one, write it and list it in CHECKS.
 */
import {
  invalidRequestAccepted,
  noServerErrorWhereDocumented,
  preludeRequestsAccepted,
  validRequestRejected,
} from './acceptance.js';
import { errorBodyMatchesSchema, successBodyMatchesSchema } from './body-schema.js';
import { contentTypeMatchesFormat } from './content-type.js';
import type { CheckContext } from './context.js';
import { errorCodeMatchesRule, httpStatusMatchesCode } from './error-code.js';
import type { Finding } from './finding.js';
import {
  idempotencyMismatchRejected,
  idempotentProcessingReported,
  idempotentReplayReturnsSameGroup,
} from './idempotency.js';
import {
  groupAttributesStored,
  groupGoneAfterCleanup,
  groupHoldsExactlyExpectedDisks,
  instantAccessStored,
} from './state.js';
import { stateLookupsMatchSchema } from './state-lookups.js';
import {
  describeHonoursInstanceIdFilter,
  describeHonoursMaxResults,
  describeHonoursNameFilter,
  describeHonoursSnapshotGroupIdFilter,
  describeHonoursStatusFilter,
  describeHonoursTagFilter,
  describeNextTokenWalksEachGroupOnce,
} from './support.js';
import { requestIdUnique, snapshotGroupIdFormatAndUnique } from './uniqueness.js';

export type Check = (ctx: CheckContext) => Finding[];

/** Every check, in the order their findings are listed. */
export const CHECKS: readonly Check[] = [
  errorCodeMatchesRule,
  httpStatusMatchesCode,
  invalidRequestAccepted,
  validRequestRejected,
  preludeRequestsAccepted,
  noServerErrorWhereDocumented,
  successBodyMatchesSchema,
  errorBodyMatchesSchema,
  contentTypeMatchesFormat,
  requestIdUnique,
  snapshotGroupIdFormatAndUnique,
  idempotentReplayReturnsSameGroup,
  idempotencyMismatchRejected,
  idempotentProcessingReported,
  groupHoldsExactlyExpectedDisks,
  groupAttributesStored,
  instantAccessStored,
  groupGoneAfterCleanup,
  stateLookupsMatchSchema,
  describeHonoursSnapshotGroupIdFilter,
  describeHonoursInstanceIdFilter,
  describeHonoursStatusFilter,
  describeHonoursNameFilter,
  describeHonoursTagFilter,
  describeHonoursMaxResults,
  describeNextTokenWalksEachGroupOnce,
];

/** Runs every check (or the given ones) on one case. */
export function runChecks(ctx: CheckContext, checks: readonly Check[] = CHECKS): Finding[] {
  return checks.flatMap((check) => check(ctx));
}

export type { CheckContext, GroupState, RunMemory, Sighting } from './context.js';
export { EMPTY_RUN_MEMORY } from './context.js';
export { MAX_PAGES, nextTokenOf } from './describe-pages.js';
export {
  type DescribedGroup,
  type DescribedSnapshot,
  describedGroup,
  describedGroups,
} from './described-group.js';
export { codeMatches, describeExpected, expectedPairs } from './expectations.js';
export type { Finding } from './finding.js';
export { processingNotObserved } from './idempotency.js';
export { CROSS_CUTTING_RULES } from './make-finding.js';
export {
  groupResources,
  MAX_NAMED_CASES,
  noSideEffectsFinding,
  type RefusalsOn,
  type SideEffect,
  sideEffectsOf,
} from './no-side-effects.js';
export { observedRules } from './observed.js';
export {
  clientTokenOf,
  describeOutcome,
  errorCodeOf,
  groupIdOf,
  paramOf,
  requestIdOf,
  succeeded,
} from './response.js';
export { SUPPORT_RULES } from './support.js';
export { throttledRequest } from './throttling.js';
export {
  contentTypeMatchesFormat,
  describeHonoursInstanceIdFilter,
  describeHonoursMaxResults,
  describeHonoursNameFilter,
  describeHonoursSnapshotGroupIdFilter,
  describeHonoursStatusFilter,
  describeHonoursTagFilter,
  describeNextTokenWalksEachGroupOnce,
  errorBodyMatchesSchema,
  errorCodeMatchesRule,
  groupAttributesStored,
  groupGoneAfterCleanup,
  groupHoldsExactlyExpectedDisks,
  httpStatusMatchesCode,
  idempotencyMismatchRejected,
  idempotentProcessingReported,
  idempotentReplayReturnsSameGroup,
  instantAccessStored,
  invalidRequestAccepted,
  noServerErrorWhereDocumented,
  preludeRequestsAccepted,
  requestIdUnique,
  snapshotGroupIdFormatAndUnique,
  stateLookupsMatchSchema,
  successBodyMatchesSchema,
  validRequestRejected,
};
