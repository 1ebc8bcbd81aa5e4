/** The `name` of the error a rule's test throws when the rule could not be decided. */
export const INCONCLUSIVE = 'Inconclusive';

/**
 * Thrown by a rule's test that could not reach a verdict: neither passed nor skipped. Not an assertion
 * error, so Allure shows the test as "broken" with the reason as its status message; vitest's JUnit
 * writer gives it a `<failure>`, which the CLI's writer turns into JUnit's `<error>` (see
 * lib/cli/vitest-run.ts). The stack is the message alone: where in the suites it was thrown says nothing.
 */
export class InconclusiveRule extends Error {
  override name = INCONCLUSIVE;

  constructor(reason: string) {
    super(`inconclusive: ${reason}`);
    this.stack = `${INCONCLUSIVE}: ${this.message}`;
  }
}
