import type { ErrorPair, Expected } from '../spec/catalogue.js';

/** The (code, status) pairs an expectation accepts; empty for the kinds that name no code. */
export function expectedPairs(expected: Expected): ErrorPair[] {
  if (expected.kind === 'error') return [expected];
  if (expected.kind === 'one-of' || expected.kind === 'success-or-one-of') return expected.alternatives;
  return [];
}

/** `QuotaExceed.Tags%s` style codes carry a dynamic tail: those match as a prefix. */
export function codeMatches(pair: ErrorPair, code: string): boolean {
  return pair.codeMatch === 'prefix' ? code.startsWith(pair.code) : code === pair.code;
}

/** Outcomes that allow a success: the valid requests, and the probes the page leaves open. */
export const allowsSuccess = (expected: Expected): boolean =>
  expected.kind === 'success' ||
  expected.kind === 'success-or-documented-4xx' ||
  expected.kind === 'success-or-one-of';

/** The request breaks a rule: a success is a defect. */
export const expectsRejection = (expected: Expected): boolean => !allowsSuccess(expected);

/** The request meets every rule: a refusal is a defect. */
export const expectsSuccess = (expected: Expected): boolean => expected.kind === 'success';

/** Any code the page (or the common list) documents with a 4xx status will do: no code is named. */
export const acceptsAnyDocumented4xx = (expected: Expected): boolean =>
  expected.kind === 'documented-4xx' || expected.kind === 'success-or-documented-4xx';

const pairText = (pair: ErrorPair): string =>
  `${pair.code}${pair.codeMatch === 'prefix' ? '*' : ''} (${pair.status})`;

/** Human text for a finding's `expected`. */
export function describeExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'success':
      return 'success (2xx)';
    case 'documented-4xx':
      return 'a documented 4xx error';
    case 'success-or-documented-4xx':
      return 'success (2xx) or a documented 4xx error';
    case 'success-or-one-of':
      return `success (2xx) or ${expected.alternatives.map(pairText).join(' or ')}`;
    default:
      return expectedPairs(expected).map(pairText).join(' or ');
  }
}
