import type { CheckContext, RunMemory, Sighting } from '../checks/index.js';
import { clientTokenOf, groupIdOf, requestIdOf } from '../checks/index.js';
import type { Exchange } from '../client/index.js';

/**
 * How many RequestIds and group ids the run remembers. Uniqueness is checked against the most recent
 * ones, so that a run of any length needs bounded memory; a target that repeats ids does so far sooner.
 */
export const REMEMBERED_IDS = 50_000;

/** The run-wide facts, written by the runner after each case's checks ran. */
export class RunFacts implements RunMemory {
  readonly requestIds = new Map<string, Sighting>();
  readonly groupIds = new Map<string, Sighting>();
  readonly #limit: number;

  constructor(limit: number = REMEMBERED_IDS) {
    this.#limit = limit;
  }

  /** Records every RequestId and created SnapshotGroupId of a checked case. */
  record(ctx: CheckContext): void {
    const caseId = ctx.case.id;
    const state = ctx.state;
    const support = [state?.afterCreate, state?.deletion, state?.afterDelete];
    for (const exchange of [...ctx.preludeExchanges, ctx.exchange, ...(ctx.pages ?? []), ...support]) {
      if (exchange !== undefined) this.#requestId(exchange, caseId);
    }
    const requests = [...(ctx.case.prelude ?? []), ctx.case.request];
    const exchanges = [...ctx.preludeExchanges, ctx.exchange];
    exchanges.forEach((exchange, index) => {
      const group = groupIdOf(exchange);
      const request = requests[index];
      if (group === undefined || request === undefined || this.groupIds.has(group)) return;
      const clientToken = clientTokenOf(request);
      remember(
        this.groupIds,
        group,
        clientToken === undefined ? { caseId } : { caseId, clientToken },
        this.#limit,
      );
    });
  }

  #requestId(exchange: Exchange, caseId: string): void {
    const id = requestIdOf(exchange);
    if (id !== undefined && !this.requestIds.has(id)) remember(this.requestIds, id, { caseId }, this.#limit);
  }
}

/** Maps keep insertion order: past the limit, the oldest entry goes. */
function remember(map: Map<string, Sighting>, key: string, value: Sighting, limit: number): void {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value as string);
}
