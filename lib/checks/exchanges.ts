import type { CaseRequest } from '../cases.js';
import type { Exchange } from '../client/exchange.js';
import type { CheckContext } from './context.js';

/** One request of a case and what came back; `main` is the case's own request. */
export interface SentPair {
  request: CaseRequest;
  exchange: Exchange;
  main: boolean;
  /** "the request" or "prelude request 2", for messages. */
  label: string;
}

/** The case's prelude requests and its own request, in the order they were written. */
export function sentPairs(ctx: CheckContext): SentPair[] {
  const prelude = ctx.case.prelude ?? [];
  const pairs: SentPair[] = [];
  prelude.forEach((request, index) => {
    const exchange = ctx.preludeExchanges[index];
    if (exchange !== undefined)
      pairs.push({ request, exchange, main: false, label: `prelude request ${index + 1}` });
  });
  pairs.push({ request: ctx.case.request, exchange: ctx.exchange, main: true, label: 'the request' });
  return pairs;
}

/** Every exchange of a case, state look-ups included. */
export function allExchanges(ctx: CheckContext): Exchange[] {
  const state = ctx.state;
  const support = state ? [state.afterCreate, state.deletion, state.afterDelete] : [];
  return [
    ...ctx.preludeExchanges,
    ctx.exchange,
    ...(ctx.pages ?? []),
    ...support.filter((exchange): exchange is Exchange => exchange !== undefined),
  ];
}
