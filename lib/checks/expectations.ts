import type { ErrorPair, Expected } from '../spec/catalogue.js';

/** The (code, status) pairs an expectation accepts; empty for success and documented-4xx. */
export function expectedPairs(expected: Expected): ErrorPair[] {
  if (expected.kind === 'error') return [expected];
  if (expected.kind === 'one-of') return expected.alternatives;
  return [];
}

/** `QuotaExceed.Tags%s` style codes carry a dynamic tail: those match as a prefix. */
export function codeMatches(pair: ErrorPair, code: string): boolean {
  return pair.codeMatch === 'prefix' ? code.startsWith(pair.code) : code === pair.code;
}

export const expectsRejection = (expected: Expected): boolean => expected.kind !== 'success';

const pairText = (pair: ErrorPair): string =>
  `${pair.code}${pair.codeMatch === 'prefix' ? '*' : ''} (${pair.status})`;

/** Human text for a finding's `expected`. */
export function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'success':
      return 'success (2xx)';
    case 'documented-4xx':
      return 'a documented 4xx error';
    default:
      return expectedPairs(expected).map(pairText).join(' or ');
  }
}
