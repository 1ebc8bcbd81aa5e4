import { relative } from 'node:path';
import type { TestModule } from 'vitest/node';
import { INCONCLUSIVE } from '../../suites/support/inconclusive.js';

/** What the JUnit writer needs to know of the run beyond vitest's own tasks. */
export interface JUnitRun {
  /** The run's verdict sentence (runVerdict), if the report could be assembled. */
  verdict: string | undefined;
  /** Inconclusive tests per suite file, by the path vitest names its `<testsuite>` after. */
  inconclusive: ReadonlyMap<string, number>;
}

type Attributes = Record<string, unknown>;

/**
 * JUnit has no "inconclusive": a test that could not run to a verdict is what its `<error>` element
 * means (the test errored), distinct from `<failure>` (an assertion failed, here: the target is not
 * conformant) and from `<skipped>` (never meant to run). So vitest's `<failure>` of an inconclusive
 * rule becomes an `<error>` with the reason as its message, the counts move from failures to errors,
 * and the root `<testsuites>` is named with the run's verdict sentence.
 */
export function junitElement(name: string, attrs: Attributes, run: JUnitRun): [string, Attributes] {
  if (name === 'failure' && attrs.type === INCONCLUSIVE) return ['error', attrs];
  if (name === 'testsuite') return [name, moved(attrs, run.inconclusive.get(String(attrs.name)) ?? 0)];
  if (name === 'testsuites') {
    const total = [...run.inconclusive.values()].reduce((sum, n) => sum + n, 0);
    const named =
      run.verdict === undefined ? attrs : { ...attrs, name: `${String(attrs.name)}: ${run.verdict}` };
    return [name, moved(named, total)];
  }
  return [name, attrs];
}

function moved(attrs: Attributes, count: number): Attributes {
  if (count === 0) return attrs;
  return {
    ...attrs,
    failures: Number(attrs.failures ?? 0) - count,
    errors: Number(attrs.errors ?? 0) + count,
  };
}

/** Counts the tests that threw InconclusiveRule, per suite file (relative to vitest's root). */
export function inconclusiveTests(modules: ReadonlyArray<TestModule>, root: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const module of modules) {
    let count = 0;
    for (const test of module.children.allTests()) {
      const result = test.result();
      if (result.state === 'failed' && result.errors?.[0]?.name === INCONCLUSIVE) count += 1;
    }
    if (count > 0) counts.set(relative(root, module.moduleId), count);
  }
  return counts;
}
