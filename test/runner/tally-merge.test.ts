import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/checks/index.js';
import type { CaseRecord } from '../../lib/runner/result.js';
import { mergeTallies, RuleTally, type TallyData } from '../../lib/runner/tally.js';

// Issue 19: mergeTallies with passing samples and inconclusive cases. The merge must keep what one
// tally of all the cases keeps: the first passing sample in case order (the rule's own cases first)
// and the reason of the first inconclusive case in case order, whatever the split and the part order.
const RULE = 'valid.error-body';

type Kind = 'pass' | 'fail' | 'inconclusive';
interface Fed {
  id: string;
  kind: Kind;
}

const finding = (caseId: string): Finding => ({
  check: 'c',
  rule: RULE,
  caseId,
  message: 'm',
  expected: 'e',
  actual: 'a',
});
const record = (id: string) => ({ id }) as CaseRecord;

/** Feeds cases as recordOutcome does for a case's own rule. */
function tallyOf(cases: readonly Fed[]): TallyData {
  const tally = new RuleTally();
  for (const { id, kind } of cases) {
    tally.casesRun += 1;
    if (kind === 'fail') {
      tally.casesFailed += 1;
      tally.addFindings(RULE, [finding(id)]);
      tally.offerFailing(RULE, id, () => record(id));
    } else if (kind === 'inconclusive') tally.addInconclusive(id, `reason of ${id}`);
    else tally.offerPassing(RULE, id, () => record(id));
  }
  return tally.toData();
}

describe('mergeTallies', () => {
  it('keeps the first passing sample in case order, the rule’s own cases first, whatever the part order', () => {
    const parts = [
      tallyOf([{ id: `${RULE}/ok/10`, kind: 'pass' }]),
      tallyOf([{ id: 'a.other-rule/x/0', kind: 'pass' }]),
      tallyOf([{ id: `${RULE}/ok/2`, kind: 'pass' }]),
      tallyOf([{ id: `${RULE}/bad/1`, kind: 'fail' }]),
    ];
    for (const order of [parts, [...parts].reverse(), [parts[2], parts[0], parts[3], parts[1]]]) {
      const merged = mergeTallies(RULE, order as TallyData[]).toData();
      expect(merged.passing?.id).toBe(`${RULE}/ok/2`);
      expect([merged.casesRun, merged.casesFailed]).toEqual([4, 1]);
    }
    // Only other rules' cases passed: the first of those.
    const others = [
      tallyOf([{ id: 'z.rule/x/0', kind: 'pass' }]),
      tallyOf([{ id: 'b.rule/x/3', kind: 'pass' }]),
    ];
    expect(mergeTallies(RULE, others).toData().passing?.id).toBe('b.rule/x/3');
  });

  it('adds up inconclusive cases and keeps the reason of the first in case order', () => {
    const parts = [
      tallyOf([
        { id: `${RULE}/k/10`, kind: 'inconclusive' },
        { id: `${RULE}/k/11`, kind: 'inconclusive' },
      ]),
      tallyOf([{ id: `${RULE}/k/3`, kind: 'pass' }]),
      tallyOf([
        { id: `${RULE}/k/9`, kind: 'inconclusive' },
        { id: `${RULE}/k/2`, kind: 'fail' },
      ]),
    ];
    for (const order of [parts, [...parts].reverse()]) {
      const merged = mergeTallies(RULE, order).toData();
      expect(merged.inconclusive).toBe(3);
      expect([merged.firstInconclusiveId, merged.firstInconclusive]).toEqual([
        `${RULE}/k/9`,
        `reason of ${RULE}/k/9`,
      ]);
      expect(merged.passing?.id).toBe(`${RULE}/k/3`);
    }
    // A part with no inconclusive case leaves the reason alone.
    expect(mergeTallies(RULE, [parts[1] as TallyData]).toData().firstInconclusive).toBeUndefined();
  });

  it('equals one tally of all the cases, for any split of passing, failing and inconclusive cases', () => {
    const kind = fc.constantFrom<Kind>('pass', 'fail', 'inconclusive');
    const id = fc
      .tuple(fc.constantFrom(RULE, 'a.rule', 'z.rule'), fc.constantFrom('ok', 'x'), fc.nat({ max: 40 }))
      .map(([rule, k, n]) => `${rule}/${k}/${n}`);
    const cases = fc.uniqueArray(fc.record({ id, kind }), {
      selector: (c) => c.id,
      minLength: 1,
      maxLength: 30,
    });
    fc.assert(
      fc.property(cases, fc.array(fc.nat({ max: 3 }), { minLength: 30, maxLength: 30 }), (all, where) => {
        const parts: Fed[][] = [[], [], [], []];
        for (const [i, c] of all.entries()) parts[where[i] ?? 0]?.push(c);
        const merged = mergeTallies(RULE, parts.map(tallyOf)).toData();
        expect(merged).toEqual(tallyOf(all));
      }),
      { numRuns: 300 },
    );
  });
});
