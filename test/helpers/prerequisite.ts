import { beforeEach, type TestContext } from 'vitest';

/**
 * Something a test needs from outside the repository (a browser, the shared reference documents). When it
 * is missing the test is skipped with the reason shown in the report, never silently; under CI=true it
 * fails instead, since a CI machine that lacks it would otherwise report green without having tested.
 */
export interface Prerequisite {
  present: boolean;
  /** What is missing and why it matters, e.g. "Chromium at /usr/bin/chromium (renders compare.html)". */
  reason: string;
}

const announced = new Set<string>();

export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI === 'true';

/** Skips (with the reason) or, in CI, fails the current test when the prerequisite is missing. */
export function needs(context: TestContext, prerequisite: Prerequisite, env = process.env): void {
  if (prerequisite.present) return;
  if (inCi(env)) throw new Error(`missing prerequisite (CI=true, so this fails): ${prerequisite.reason}`);
  const why = `skipped, missing prerequisite: ${prerequisite.reason}`;
  // The reporter shows a skip's note only in verbose mode: say it once on stderr too, so it is seen.
  if (!announced.has(why)) {
    announced.add(why);
    console.warn(`${context.task.name}: ${why}`);
  }
  context.skip(why);
}

/** `needs` for every test of the enclosing describe block. */
export function everyTestNeeds(prerequisite: Prerequisite): void {
  beforeEach((context) => needs(context, prerequisite));
}
