import type { CheckContext } from './context.js';
import type { Finding } from './finding.js';

export interface FindingFields {
  /** The rule the finding is about; the case's own rule unless a cross-cutting rule is named. */
  rule?: string;
  message: string;
  expected: string;
  actual: string;
}

export function findingFor(check: string, ctx: CheckContext, fields: FindingFields): Finding {
  return {
    check,
    rule: fields.rule ?? ctx.case.rule,
    caseId: ctx.case.id,
    message: fields.message,
    expected: fields.expected,
    actual: fields.actual,
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
} as const;
