import { ToolError } from '../lib/errors.js';
import type { ErrorPair, Expected } from '../lib/spec/catalogue.js';

export const SUCCESS: Expected = { kind: 'success' };

/** A case of this outcome may create a group: it needs its disks alone and the cheaper random count. */
export const mayCreate = (expected: Expected): boolean =>
  expected.kind === 'success' ||
  expected.kind === 'success-or-documented-4xx' ||
  expected.kind === 'success-or-one-of';

/**
 * What a conformant target may answer to a request with several faults: any outcome one of them alone
 * has; "some documented 4xx" as soon as one fault has no documented code (the weakest oracle wins).
 */
export function unionOf(outcomes: readonly Expected[]): Expected {
  const pairs: ErrorPair[] = [];
  for (const outcome of outcomes) {
    if (
      outcome.kind === 'success' ||
      outcome.kind === 'success-or-documented-4xx' ||
      outcome.kind === 'success-or-one-of'
    ) {
      throw new ToolError('E_INTERNAL', 'generators: a multi-fault case combines a fault that may succeed');
    }
    if (outcome.kind === 'documented-4xx') return { kind: 'documented-4xx' };
    for (const pair of outcome.kind === 'error' ? [pairOf(outcome)] : outcome.alternatives) {
      if (!pairs.some((p) => samePair(p, pair))) pairs.push(pair);
    }
  }
  if (pairs.length === 1) return { kind: 'error', ...(pairs[0] as ErrorPair) };
  return { kind: 'one-of', alternatives: pairs };
}

const pairOf = (e: ErrorPair): ErrorPair => {
  const pair: ErrorPair = { code: e.code, status: e.status };
  if (e.codeMatch !== undefined) pair.codeMatch = e.codeMatch;
  return pair;
};

const samePair = (a: ErrorPair, b: ErrorPair): boolean =>
  a.code === b.code && a.status === b.status && (a.codeMatch ?? 'exact') === (b.codeMatch ?? 'exact');
