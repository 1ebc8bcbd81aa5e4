import type { CaseRecord, RuleResult, Verdict } from '../runner/result.js';
import { boundedText } from '../shown-text.js';
import type { ErrorPair, Expected, Family } from '../spec/catalogue.js';
import { FAMILIES } from '../spec/catalogue.js';

const pair = (p: ErrorPair): string => `${p.code}${p.codeMatch === 'prefix' ? '*' : ''} ${p.status}`;

/** "InvalidParameter.Name 400", "A 400 or B 404", "success", "a documented 4xx error". */
export function formatExpected(expected: Expected): string {
  switch (expected.kind) {
    case 'success':
      return 'success';
    case 'error':
      return pair(expected);
    case 'one-of':
      return expected.alternatives.map(pair).join(' or ');
    case 'documented-4xx':
      return 'a documented 4xx error';
    case 'success-or-documented-4xx':
      return 'success or a documented 4xx error';
    case 'success-or-one-of':
      return `success or ${expected.alternatives.map(pair).join(' or ')}`;
  }
}

/** What a case got back, in the same shape as formatExpected; the target's Code bounded. */
export function formatActual(actual: CaseRecord['actual']): string {
  if (actual.transportError !== undefined) return `transport error: ${boundedText(actual.transportError)}`;
  if (actual.code !== undefined) return `${boundedText(actual.code)} ${actual.status ?? '(no status)'}`;
  if (actual.status === undefined) return 'nothing';
  return actual.status >= 200 && actual.status < 300
    ? `success ${actual.status}`
    : `${actual.status} without a code`;
}

/** The sample that best explains the verdict: the first failing one, else the passing sample. */
export function representativeSample(rule: RuleResult): CaseRecord | undefined {
  return rule.samples.find((s) => s.findings.length > 0) ?? rule.samples[0];
}

export const VERDICT_LABEL: Record<Verdict, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'not-covered': '⚪ not covered',
  skipped: '⏭️ skipped',
  inconclusive: '❔ inconclusive',
};

const familyRank = (family: Family): number => FAMILIES.indexOf(family);

/** Report order: family as listed in the catalogue, then rule id. */
export function compareRules(
  a: Pick<RuleResult, 'family' | 'id'>,
  b: Pick<RuleResult, 'family' | 'id'>,
): number {
  return familyRank(a.family) - familyRank(b.family) || compareText(a.id, b.id);
}

/** Locale-independent, so that output is identical on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedRules<T extends Pick<RuleResult, 'family' | 'id'>>(rules: readonly T[]): T[] {
  return [...rules].sort(compareRules);
}

/** Case ids end in an index ("name.max-length/invalid/10"): compare digit runs as numbers. */
export function compareNatural(a: string, b: string): number {
  const partsA = a.split(/(\d+)/);
  const partsB = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(partsA.length, partsB.length); i++) {
    const x = partsA[i] ?? '';
    const y = partsB[i] ?? '';
    const numeric = i % 2 === 1 ? Number(x) - Number(y) : 0;
    const order = numeric || compareText(x, y);
    if (order !== 0) return order;
  }
  return partsA.length - partsB.length;
}
