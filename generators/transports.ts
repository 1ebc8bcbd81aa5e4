import type { TransportVariant } from '../lib/cases.js';

/**
 * Every transport the real service accepts: both signatures, POST with a form body or a query string,
 * GET, and both response formats. Order is part of the contract (cases are spread over it in this order).
 */
export const ALL_TRANSPORTS: readonly TransportVariant[] = (['v2', 'v3'] as const).flatMap((signature) =>
  (
    [
      ['POST', 'form'],
      ['POST', 'query'],
      ['GET', 'query'],
    ] as const
  ).flatMap(([method, body]) =>
    (['JSON', 'XML'] as const).map((format) => ({ signature, method, body, format })),
  ),
);

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
