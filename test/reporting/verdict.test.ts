import { describe, expect, it } from 'vitest';
import { junitElement } from '../../lib/cli/junit-verdict.js';
import { allureEnvironment } from '../../lib/reporting/allure-environment.js';
import { runVerdict } from '../../lib/reporting/verdict.js';
import type { RunReport, Verdict } from '../../lib/runner/result.js';

const rules = (...verdicts: Verdict[]) => ({ rules: verdicts.map((verdict) => ({ verdict })) });

describe('runVerdict: one verdict, one sentence', () => {
  it('never hides an inconclusive rule behind a failure, nor a failure behind anything', () => {
    expect(runVerdict(rules('failed', 'inconclusive', 'passed'))).toEqual({
      status: 'not-conformant',
      sentence: 'NOT conformant (1 failed, 1 inconclusive, 1 passed of 3 rules)',
      exitCode: 1,
    });
    expect(runVerdict(rules('inconclusive', 'passed', 'not-covered'))).toEqual({
      status: 'not-evaluated',
      sentence: 'not evaluated (0 failed, 1 inconclusive, 1 passed, 1 not covered of 3 rules)',
      exitCode: 3,
    });
  });

  it('is conformant only with no failure, no inconclusive rule and at least one pass', () => {
    expect(runVerdict(rules('passed', 'skipped')).sentence).toBe(
      'conformant (0 failed, 0 inconclusive, 1 passed, 1 skipped of 2 rules)',
    );
    expect(runVerdict(rules('not-covered', 'skipped'))).toMatchObject({
      status: 'not-evaluated',
      sentence:
        'not evaluated: no rule could be checked (0 failed, 0 inconclusive, 0 passed, 1 not covered, 1 skipped of 2 rules)',
      exitCode: 3,
    });
    expect(runVerdict(rules('passed')).sentence).toBe(
      'conformant (0 failed, 0 inconclusive, 1 passed of 1 rule)',
    );
  });
});

describe('the verdict in JUnit and Allure', () => {
  const run = { verdict: 'not evaluated (…)', inconclusive: new Map([['suites/idempotency.test.ts', 1]]) };

  it("turns an inconclusive rule's failure into an error, moves the counts, names the verdict at the root", () => {
    expect(junitElement('failure', { message: 'inconclusive: x', type: 'Inconclusive' }, run)).toEqual([
      'error',
      { message: 'inconclusive: x', type: 'Inconclusive' },
    ]);
    expect(junitElement('failure', { message: 'a.b: 1 of 2', type: 'AssertionError' }, run)[0]).toBe(
      'failure',
    );
    expect(
      junitElement('testsuite', { name: 'suites/idempotency.test.ts', failures: 2, errors: 0 }, run),
    ).toEqual(['testsuite', { name: 'suites/idempotency.test.ts', failures: 1, errors: 1 }]);
    expect(junitElement('testsuites', { name: 'ecs-conformance', failures: 3, errors: 0 }, run)).toEqual([
      'testsuites',
      { name: 'ecs-conformance: not evaluated (…)', failures: 2, errors: 1 },
    ]);
  });

  it('writes the sentence as the first Allure environment entry, escaped as .properties', () => {
    const report = {
      ...rules('passed'),
      target: { url: 'http://127.0.0.1:1/é\\', embedded: false },
      profile: 'doc-2024',
      seed: 3,
    } as unknown as RunReport;
    expect(allureEnvironment(report)).toBe(
      'verdict=conformant (0 failed, 0 inconclusive, 1 passed of 1 rule)\n' +
        'target=http://127.0.0.1:1/\\u00e9\\\\\nprofile=doc-2024\nseed=3\n',
    );
  });
});
