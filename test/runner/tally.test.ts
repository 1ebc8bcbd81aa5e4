import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../lib/checks/index.js';
import type { CaseRecord } from '../../lib/runner/result.js';
import {
  compareCaseIds,
  MAX_FAILING_SAMPLES,
  MAX_FINDINGS_PER_RULE,
  mergeTallies,
  RuleTally,
} from '../../lib/runner/tally.js';

const RULE = 'valid.error-body';
const finding = (caseId: string, n = 0): Finding => ({
  check: 'c',
  rule: RULE,
  caseId,
  message: `m${n}`,
  expected: 'e',
  actual: 'a',
});
const record = (id: string) => ({ id }) as CaseRecord;

/** Feeds cases the way recordOutcome does: every case fails, or passes when `pass` is set. */
function tallyOf(ids: readonly string[], pass = false): RuleTally {
  const tally = new RuleTally();
  for (const id of ids) {
    tally.casesRun += 1;
    if (pass) {
      if (tally.wantsPassingSample(RULE, id)) tally.passing = record(id);
      continue;
    }
    tally.casesFailed += 1;
    tally.addFindings(RULE, [finding(id, 0), finding(id, 1)]);
    if (tally.wantsFailingSample(RULE, id)) tally.addFailing(RULE, [record(id)]);
  }
  return tally;
}

const ids = Array.from({ length: 40 }, (_, i) => `name.min-length/invalid/${i}`);
const shuffled = (list: readonly string[]) =>
  [...list].sort(
    (a, b) =>
      ((a.length * 7 + a.charCodeAt(a.length - 1)) % 11) - ((b.length * 7 + b.charCodeAt(b.length - 1)) % 11),
  );

describe('RuleTally keeps samples and findings in case order, not completion order', () => {
  it('orders case ids naturally (9 before 10)', () => {
    expect(compareCaseIds('r/k/9', 'r/k/10')).toBeLessThan(0);
    expect(compareCaseIds('r/k/10', 'r/k/9')).toBeGreaterThan(0);
    expect(compareCaseIds('a/k/1', 'b/k/0')).toBeLessThan(0);
    expect(compareCaseIds('r/k/1', 'r/k/1')).toBe(0);
    expect(compareCaseIds('r/k/1', 'r/k/1/2')).toBeLessThan(0);
    expect(compareCaseIds('r2/k', 'r10/k')).toBeLessThan(0);
  });

  it('orders ids as the text-and-number chunk definition does', () => {
    // The definition, written plainly: split into text and digit runs, digit runs compared by value.
    const byChunks = (a: string, b: string): number => {
      const left = a.split(/(\d+)/);
      const right = b.split(/(\d+)/);
      for (let i = 0; i < Math.min(left.length, right.length); i++) {
        const x = left[i] ?? '';
        const y = right[i] ?? '';
        if (x === y) continue;
        if (i % 2 === 1 && Number(x) !== Number(y)) return Number(x) - Number(y);
        return x < y ? -1 : 1;
      }
      return left.length - right.length;
    };
    const chunk = fc.oneof(
      fc.constantFrom('name.min-length', 'valid', '/', 'invalid', 'a', 'b.c', '-', '0', '00'),
      fc.nat({ max: 100_000 }).map(String),
    );
    const id = fc.array(chunk, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(id, id, (a, b) => {
        expect(Math.sign(compareCaseIds(a, b))).toBe(Math.sign(byChunks(a, b)));
      }),
      { numRuns: 5_000 },
    );
  });

  it('gives the same capped findings and samples whatever order the cases finish in', () => {
    const inOrder = tallyOf(ids).toData();
    const reversed = tallyOf([...ids].reverse()).toData();
    const mixed = tallyOf(shuffled(ids)).toData();
    expect(reversed).toEqual(inOrder);
    expect(mixed).toEqual(inOrder);
    expect(inOrder.findingsTotal).toBe(80);
    expect(inOrder.findings).toHaveLength(MAX_FINDINGS_PER_RULE);
    expect(inOrder.findings.slice(0, 3).map((f) => `${f.caseId} ${f.message}`)).toEqual([
      'name.min-length/invalid/0 m0',
      'name.min-length/invalid/0 m1',
      'name.min-length/invalid/1 m0',
    ]);
    expect(inOrder.failing.map((s) => s.id)).toEqual(ids.slice(0, MAX_FAILING_SAMPLES));
  });

  it("prefers the rule's own cases for its passing sample", () => {
    const tally = tallyOf(['a.rule/x/0', `${RULE}/ok/3`, `${RULE}/ok/2`, 'z.rule/x/0'], true);
    expect(tally.passing?.id).toBe(`${RULE}/ok/2`);
  });

  it('keeps the reason of the first inconclusive case in case order', () => {
    const tally = new RuleTally();
    tally.addInconclusive('r/k/10', 'late');
    tally.addInconclusive('r/k/2', 'early');
    expect([tally.inconclusive, tally.firstInconclusive]).toEqual([2, 'early']);
  });

  it('adds up tallies of disjoint cases to the tally of their union (shards merged == one run)', () => {
    const whole = tallyOf(ids).toData();
    const parts = [ids.slice(25), ids.slice(0, 10), ids.slice(10, 25)].map((part) => tallyOf(part).toData());
    expect(mergeTallies(RULE, parts).toData()).toEqual(whole);
    expect(mergeTallies(RULE, [...parts].reverse()).toData()).toEqual(whole);
  });
});

describe("a rule's passing sample", () => {
  it("is a single-fault case of the rule's own before its multi-fault case, whatever comes first", () => {
    const rule = 'retention-days.integer';
    const tally = new RuleTally();
    for (const id of [`${rule}/multi-fault/0`, `${rule}/wire/2`, 'valid.ok/valid/0', `${rule}/wire/1`])
      tally.offerPassing(rule, id, () => record(id));
    expect(tally.passing?.id).toBe(`${rule}/wire/1`);
    // Shares merge to the same choice, in any order.
    const multi = new RuleTally();
    multi.offerPassing(rule, `${rule}/multi-fault/0`, () => record(`${rule}/multi-fault/0`));
    const single = new RuleTally();
    single.offerPassing(rule, `${rule}/wire/3`, () => record(`${rule}/wire/3`));
    expect(mergeTallies(rule, [multi.toData(), single.toData()]).passing?.id).toBe(`${rule}/wire/3`);
    expect(mergeTallies(rule, [single.toData(), multi.toData()]).passing?.id).toBe(`${rule}/wire/3`);
  });
});
