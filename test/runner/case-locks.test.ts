import { describe, expect, it } from 'vitest';
import type { Case } from '../../lib/cases.js';
import { caseLocks } from '../../lib/runner/case-locks.js';
import { createRequest, longNameCase, validCase } from './fixtures.js';

/** A support case: two groups made first, then a Describe that lists them. */
function listingCase(): Case {
  const create = validCase(['d-1', 'd-2']).request;
  return {
    ...longNameCase(),
    id: 'support.describe-instance-id-filter/1',
    rule: 'support.describe-instance-id-filter',
    prelude: [create, create],
    request: { ...createRequest([]), action: 'DescribeSnapshotGroups' },
    expected: { kind: 'success' },
    disks: ['d-1', 'd-2'],
  };
}

describe('caseLocks', () => {
  it("holds a create's disks alone on a target whose snapshots take time", () => {
    expect(caseLocks(validCase(['d-1', 'd-2']), false)).toEqual({ exclusive: ['d-1', 'd-2'], shared: [] });
  });

  it('lets creates share their disks where snapshots finish before the answer', () => {
    expect(caseLocks(validCase(['d-1', 'd-2']), true)).toEqual({ exclusive: [], shared: ['d-1', 'd-2'] });
  });

  it("always shares a refusal's disks", () => {
    for (const share of [false, true]) {
      expect(caseLocks(longNameCase('d-3'), share)).toEqual({ exclusive: [], shared: ['d-3'] });
    }
  });

  it("holds a listing case's disks alone either way: other groups there would show in its pages", () => {
    for (const share of [false, true]) {
      expect(caseLocks(listingCase(), share)).toEqual({ exclusive: ['d-1', 'd-2'], shared: [] });
    }
  });
});
