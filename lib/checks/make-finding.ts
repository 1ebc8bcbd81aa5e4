import { boundedText, TARGET_TEXT_MAX } from '../shown-text.js';
import type { CheckContext } from './context.js';
import type { Finding } from './finding.js';

export interface FindingFields {
  /** The rule the finding is about; the case's own rule unless a cross-cutting rule is named. */
  rule?: string;
  message: string;
  expected: string;
  actual: string;
}

/**
 * A finding's texts quote the target (a code, an id, a header, a schema mismatch at a path of its
 * making). Each check bounds the target's part it quotes; this bound is the backstop for all of them,
 * so that a finding (kept for the whole run, written to every report) never holds megabytes.
 */
const FINDING_TEXT_MAX = 2 * TARGET_TEXT_MAX;

export function findingFor(check: string, ctx: CheckContext, fields: FindingFields): Finding {
  return {
    check,
    rule: fields.rule ?? ctx.case.rule,
    caseId: ctx.case.id,
    message: boundedText(fields.message, FINDING_TEXT_MAX),
    expected: boundedText(fields.expected, FINDING_TEXT_MAX),
    actual: boundedText(fields.actual, FINDING_TEXT_MAX),
  };
}

/** Cross-cutting rules that checks report under, whatever rule the case itself targets. */
export const CROSS_CUTTING_RULES = {
  successBody: 'valid.success-body',
  errorBody: 'valid.error-body',
  requestIdUnique: 'valid.request-id-unique',
  diskForm: 'state.disk-form-snapshots',
  instanceForm: 'state.instance-form-snapshots',
  excludeForm: 'state.exclude-form-snapshots',
  attributesStored: 'state.attributes-stored',
  instantAccessStored: 'state.instant-access-stored',
  deletedAfterCleanup: 'state.deleted-after-cleanup',
  /** Judged across the run, on the groups listed around the refused creates (lib/runner/side-effects.ts). */
  noSideEffects: 'state.no-side-effects',
} as const;
