import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../lib/spec/load.js';
import { useEmulator } from './harness.js';
import type { RuleRow } from './rule-row.js';
import { PROTOCOL_ROWS } from './rule-table-protocol.js';
import { REQUEST_SHAPE_ROWS } from './rule-table-shape.js';
import { STATE_ROWS } from './rule-table-state.js';
import { call } from './send.js';

/** Rules whose tests need more than one request: where they live. */
const COVERED_ELSEWHERE: Record<string, string> = {
  'protocol.nonce-unique': 'protocol.test.ts',
  'idempotency.same-token-same-result': 'idempotency.test.ts',
  'idempotency.parameter-mismatch': 'idempotency.test.ts',
  'idempotency.processing': 'idempotency.test.ts',
  'state.disk-form-snapshots': 'state.test.ts',
  'state.instance-form-snapshots': 'state.test.ts',
  'state.exclude-form-snapshots': 'state.test.ts',
  'state.attributes-stored': 'state.test.ts',
  'state.instant-access-stored': 'state.test.ts',
  'state.deleted-after-cleanup': 'state.test.ts',
  'state.no-side-effects': 'state.test.ts',
  'valid.success-body': 'valid.test.ts',
  'valid.error-body': 'valid.test.ts',
  'valid.request-id-unique': 'valid.test.ts',
  'valid.boundaries-accepted': 'valid.test.ts',
  'valid.transport-variants': 'valid.test.ts',
  'valid.forbidden-word-other-case': 'valid.test.ts',
  'support.describe-snapshot-group-id-filter': 'support-operations.test.ts',
  'support.describe-instance-id-filter': 'state.test.ts',
  'support.describe-status-filter': 'state.test.ts',
  'support.describe-name-filter': 'state.test.ts',
  'support.describe-tag-filter': 'state.test.ts',
  'support.describe-max-results': 'state.test.ts',
  'support.describe-next-token': 'state.test.ts',
  'support.delete-unknown-refused': 'support-operations.test.ts',
  'support.delete-deleted-refused': 'support-operations.test.ts',
};

const ROWS = [...REQUEST_SHAPE_ROWS, ...STATE_ROWS, ...PROTOCOL_ROWS];

describe('every rule of the catalogue has a test', () => {
  it('is covered by the table or named in COVERED_ELSEWHERE', () => {
    const tested = new Set([...ROWS.map((r) => r.rule), ...Object.keys(COVERED_ELSEWHERE)]);
    const missing = loadCatalogue()
      .rules.map((rule) => rule.id)
      .filter((id) => !tested.has(id));
    expect(missing).toEqual([]);
  });
});

describe('a request that breaks one rule gets its (code, status)', () => {
  const h = useEmulator();
  const check = async (r: RuleRow) => {
    const answer = await call(h.emulator.url, h.world, r);
    if (r.expect === 'success') {
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body.SnapshotGroupId).toMatch(/^ssg-/);
    } else {
      expect([answer.body.Code, answer.status], answer.text).toEqual(r.expect);
    }
  };
  it.each(REQUEST_SHAPE_ROWS.map((r) => [`${r.rule}: ${r.label}`, r] as const))('%s', async (_, r) =>
    check(r),
  );
  it.each(STATE_ROWS.map((r) => [`${r.rule}: ${r.label}`, r] as const))('%s', async (_, r) => check(r));
  it.each(PROTOCOL_ROWS.map((r) => [`${r.rule}: ${r.label}`, r] as const))('%s', async (_, r) => check(r));
});
