import type { ErrorPair, Expected, Rule } from '../spec/catalogue.js';
import type { CassetteEntry } from './cassette.js';

/** Expectations that accept more than one answer: the catalogue settled them by judgement. */
export const OPEN_EXPECTATIONS: ReadonlySet<Expected['kind']> = new Set([
  'documented-4xx',
  'success-or-documented-4xx',
  'one-of',
]);

/** What the reference answered to one case: `success`, or its error pair. */
type Answer = { kind: 'success' } | { kind: 'error'; code: string; status: number } | undefined;

function answerOf(entry: CassetteEntry): Answer {
  const response = entry.exchanges.at(-1)?.response;
  if (response === undefined) return undefined;
  if (response.status >= 200 && response.status < 300) return { kind: 'success' };
  const code =
    /"Code"\s*:\s*"([^"]+)"/.exec(response.body)?.[1] ?? /<Code>([^<]+)<\/Code>/.exec(response.body)?.[1];
  return code === undefined ? undefined : { kind: 'error', code, status: response.status };
}

/**
 * The rule's own single-fault cases: not its valid ones (a success is their expectation, not the
 * rule's), not its multi-fault ones (another fault may answer first), not a property's draws.
 */
const ownFaultCase = (rule: string, id: string): boolean => {
  const [owner, kind] = id.split('/');
  return owner === rule && kind !== 'valid' && kind !== 'multi-fault' && !id.includes('~');
};

export interface Narrowed {
  expected: Expected;
  /** How many of the rule's cases the evidence rests on. */
  cases: number;
}

/**
 * The rule's expectation narrowed to what the reference actually answered, or why it cannot be: an
 * open expectation (several answers accepted) becomes the one answer the reference gave, or the few.
 */
export function narrowExpectation(
  rule: Rule,
  entries: readonly CassetteEntry[],
): Narrowed | { skipped: string } {
  if (!OPEN_EXPECTATIONS.has(rule.expected.kind)) return { skipped: 'its expectation is not open' };
  const answers = entries.filter((entry) => ownFaultCase(rule.id, entry.case)).map(answerOf);
  if (answers.length === 0) return { skipped: 'the cassette holds none of its cases' };
  if (answers.some((answer) => answer === undefined))
    return { skipped: 'a case got no answer, or one without a Code' };
  const successes = answers.filter((answer) => answer?.kind === 'success').length;
  if (successes === answers.length) {
    return rule.expected.kind === 'success-or-documented-4xx'
      ? { expected: { kind: 'success' }, cases: answers.length }
      : { skipped: 'the reference accepted what the catalogue says it must refuse' };
  }
  if (successes > 0) return { skipped: 'the reference both accepted and refused its cases' };
  const pairs = new Map<string, ErrorPair>();
  for (const answer of answers)
    if (answer?.kind === 'error')
      pairs.set(`${answer.status} ${answer.code}`, { code: answer.code, status: answer.status });
  const alternatives = [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, pair]) => pair);
  const [only] = alternatives;
  const expected: Expected =
    alternatives.length === 1 && only !== undefined
      ? { kind: 'error', ...only }
      : { kind: 'one-of', alternatives };
  return { expected, cases: answers.length };
}
