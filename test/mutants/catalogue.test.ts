import { describe, expect, it } from 'vitest';
import { CREATE_STEPS } from '../../emulator/index.js';
import { ToolError } from '../../lib/errors.js';
import { MUTANTS, selectMutants } from './catalogue.js';
import { referenceProblem, scoreOf, statusOf } from './harness.js';
import { inPool } from './pool.js';
import type { RunSummary } from './run-target.js';
import { formatReport } from './table.js';
import { MUTANT_FAMILIES } from './types.js';

const summary = (over: Partial<RunSummary> = {}): RunSummary => ({
  failed: [],
  verdicts: { passed: 80, failed: 0, 'not-covered': 0, skipped: 0, inconclusive: 0 },
  leftBehind: [],
  cases: 10,
  requests: 20,
  elapsedMs: 5,
  ...over,
});
const finding = {
  rule: 'name.max-length',
  verdict: 'failed' as const,
  findings: 1,
  checks: ['invalidRequestAccepted'],
};

describe('the mutant catalogue', () => {
  it('holds at least 40 mutants with unique, dotted kebab-case ids', () => {
    expect(MUTANTS.length).toBeGreaterThanOrEqual(40);
    const ids = MUTANTS.map((mutant) => mutant.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+(\.[A-Za-z0-9-]+)+$/);
  });

  it('covers every family', () => {
    const families = new Set(MUTANTS.map((mutant) => mutant.family));
    for (const family of MUTANT_FAMILIES) expect(families.has(family), family).toBe(true);
  });

  it('changes the emulator in every mutant, and never its world', () => {
    for (const mutant of MUTANTS) {
      const changes = Object.keys(mutant.seams ?? {}).length + Object.keys(mutant.options ?? {}).length;
      expect(changes, mutant.id).toBeGreaterThan(0);
      expect(Object.keys(mutant.options ?? {}), mutant.id).not.toContain('world');
      const steps = mutant.seams?.createSteps;
      if (steps !== undefined) {
        const same =
          steps.length === CREATE_STEPS.length && steps.every((step, at) => step === CREATE_STEPS[at]);
        expect(same, `${mutant.id} replaces createSteps by the faithful ones`).toBe(false);
      }
    }
  });

  it('selects by id and refuses an unknown id', () => {
    expect(selectMutants(['tag.key-unique.ignored']).map((mutant) => mutant.id)).toEqual([
      'tag.key-unique.ignored',
    ]);
    expect(selectMutants()).toHaveLength(MUTANTS.length);
    expect(() => selectMutants(['no.such-mutant'])).toThrow(ToolError);
  });
});

describe('scoring', () => {
  it('kills on a failed rule, survives on none, and calls an aborted run an error', () => {
    expect(statusOf(summary({ failed: [finding] }))).toBe('killed');
    expect(statusOf(summary())).toBe('survived');
    expect(statusOf(summary({ abort: 'E_TARGET_UNSTABLE: stopped' }))).toBe('error');
  });

  it('refuses a reference with a finding, an abort or a group left behind', () => {
    expect(referenceProblem(summary())).toBeUndefined();
    expect(referenceProblem(summary({ failed: [finding] }))).toContain('name.max-length');
    expect(referenceProblem(summary({ abort: 'E_INTERRUPTED: x' }))).toContain('aborted');
    expect(referenceProblem(summary({ leftBehind: ['ssg-1'] }))).toContain('ssg-1');
  });

  it('scores killed over all and prints a refusal instead of a table', () => {
    const [first, second] = MUTANTS;
    if (first === undefined || second === undefined) throw new Error('catalogue too small');
    expect(
      scoreOf([
        { mutant: first, status: 'killed' },
        { mutant: second, status: 'survived' },
      ]),
    ).toBe(0.5);
    const refused = formatReport({
      seed: 1,
      runs: 3,
      reference: summary(),
      refused: 'rule x',
      results: [],
      elapsedMs: 1,
    });
    expect(refused).toContain('REFUSED TO SCORE');
    const table = formatReport({
      seed: 1,
      runs: 3,
      reference: summary(),
      results: [{ mutant: first, status: 'killed', summary: summary({ failed: [finding] }) }],
      score: 1,
      elapsedMs: 1,
    });
    expect(table).toContain(`${first.id}`);
    expect(table).toContain('name.max-length [invalidRequestAccepted]');
    expect(table).toContain('mutation score: 1/1 killed (100.0%)');
  });

  it('runs a pool at most `width` at a time, results in input order', async () => {
    let running = 0;
    let peak = 0;
    const out = await inPool([5, 1, 3, 2, 4], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, n));
      running -= 1;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 30, 20, 40]);
    expect(peak).toBe(2);
  });
});
