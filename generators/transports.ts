import type { TransportVariant } from '../lib/cases.js';

/**
 * Every transport the real service accepts: both signatures, POST with a form body or a query string,
 * GET, and both response formats. Order is part of the contract (cases are spread over it in this order):
 * the k-th variant has signature k mod 2, method and body k mod 3, format (k div 2) mod 2, so that any
 * three consecutive variants hold both signatures, every method and body, and both formats, and a rule
 * with three cases or more meets each of them (issue 16: a deviation confined to one transport is seen).
 */
const SIGNATURES = ['v2', 'v3'] as const;
const METHODS = [
  ['POST', 'form'],
  ['POST', 'query'],
  ['GET', 'query'],
] as const;
const FORMATS = ['JSON', 'XML'] as const;

export const ALL_TRANSPORTS: readonly TransportVariant[] = Array.from({ length: 12 }, (_, k) => {
  const [method, body] = METHODS[k % 3] as (typeof METHODS)[number];
  return {
    signature: SIGNATURES[k % 2] as TransportVariant['signature'],
    method,
    body,
    format: FORMATS[Math.floor(k / 2) % 2] as TransportVariant['format'],
  };
});

export const transportLabel = (t: TransportVariant): string =>
  `${t.signature} ${t.method}${t.method === 'POST' ? `-${t.body}` : ''} ${t.format}`;

export const sameTransport = (a: TransportVariant, b: TransportVariant): boolean =>
  a.signature === b.signature && a.method === b.method && a.body === b.body && a.format === b.format;

/** What a draft may ask of its transport; the spreader honours it when the active list allows. */
export interface TransportWish {
  signature?: TransportVariant['signature'];
  format?: TransportVariant['format'];
  /** Exactly this variant (valid.transport-variants pins one case per variant). */
  exact?: TransportVariant;
}

/**
 * Deterministic spreading: the k-th case of a rule takes the variant after the (k-1)-th, starting at an
 * offset fixed by the rule id, so a case keeps its transport whatever `only` selects.
 */
export function pickTransport(
  transports: readonly TransportVariant[],
  start: number,
  wish: TransportWish | undefined,
): { transport: TransportVariant; next: number } {
  const n = transports.length;
  for (let step = 0; step < n; step += 1) {
    const position = (start + step) % n;
    const candidate = transports[position] as TransportVariant;
    if (fits(candidate, wish)) return { transport: candidate, next: position + 1 };
  }
  // No active variant fits the wish: the wish is a preference, the active list is the user's choice.
  return { transport: transports[start % n] as TransportVariant, next: start + 1 };
}

const fits = (t: TransportVariant, wish: TransportWish | undefined): boolean =>
  wish === undefined ||
  ((wish.exact === undefined || sameTransport(t, wish.exact)) &&
    (wish.signature === undefined || t.signature === wish.signature) &&
    (wish.format === undefined || t.format === wish.format));

/**
 * A variant whose successor in ALL_TRANSPORTS differs from it in signature, method and format: a rule
 * of only two cases (four simultaneous creates each) whose first case takes it meets every transport.
 */
export const FIRST_OF_TWO: TransportVariant = (() => {
  const at = ALL_TRANSPORTS.findIndex((t, k) => {
    const next = ALL_TRANSPORTS[(k + 1) % ALL_TRANSPORTS.length] as TransportVariant;
    return t.signature !== next.signature && t.method !== next.method && t.format !== next.format;
  });
  return ALL_TRANSPORTS[at] as TransportVariant;
})();
