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
  readonly #requestIdOrder: Remembered;
  readonly #groupIdOrder: Remembered;

  constructor(limit: number = REMEMBERED_IDS) {
    this.#requestIdOrder = new Remembered(this.requestIds, limit);
    this.#groupIdOrder = new Remembered(this.groupIds, limit);
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
      this.#groupIdOrder.add(group, clientToken === undefined ? { caseId } : { caseId, clientToken });
    });
  }

  #requestId(exchange: Exchange, caseId: string): void {
    const id = requestIdOf(exchange);
    if (id !== undefined && !this.requestIds.has(id)) this.#requestIdOrder.add(id, { caseId });
  }
}

/**
 * A map of the last `limit` keys added (each added once), the oldest forgotten first. The keys' order is
 * kept in a ring beside the map: taking the map's first key instead (`keys().next()`) walks past every
 * entry deleted since V8 last compacted the table, a cost that grew with the run (at `--runs 10000`
 * it was the worker's largest self time after the idle loop, issue 20).
 */
class Remembered {
  readonly #ring: string[] = [];
  #oldest = 0;

  constructor(
    readonly map: Map<string, Sighting>,
    readonly limit: number,
  ) {}

  add(key: string, value: Sighting): void {
    if (this.limit <= 0) return;
    this.map.set(key, value);
    if (this.#ring.length < this.limit) {
      this.#ring.push(key);
      return;
    }
    this.map.delete(this.#ring[this.#oldest] as string);
    this.#ring[this.#oldest] = key;
    this.#oldest = (this.#oldest + 1) % this.limit;
  }
}
