import type { CheckContext, RunMemory, Sighting } from '../checks/index.js';
import { clientTokenOf, groupIdOf, requestIdOf } from '../checks/index.js';
import type { Exchange } from '../client/index.js';

/** The run-wide facts, written by the runner after each case's checks ran. */
export class RunFacts implements RunMemory {
  readonly requestIds = new Map<string, Sighting>();
  readonly groupIds = new Map<string, Sighting>();

  /** Records every RequestId and created SnapshotGroupId of a checked case. */
  record(ctx: CheckContext): void {
    const caseId = ctx.case.id;
    const state = ctx.state;
    const support = [state?.afterCreate, state?.deletion, state?.afterDelete];
    for (const exchange of [...ctx.preludeExchanges, ctx.exchange, ...support]) {
      if (exchange !== undefined) this.#requestId(exchange, caseId);
    }
    const requests = [...(ctx.case.prelude ?? []), ctx.case.request];
    const exchanges = [...ctx.preludeExchanges, ctx.exchange];
    exchanges.forEach((exchange, index) => {
      const group = groupIdOf(exchange);
      const request = requests[index];
      if (group === undefined || request === undefined || this.groupIds.has(group)) return;
      const clientToken = clientTokenOf(request);
      this.groupIds.set(group, clientToken === undefined ? { caseId } : { caseId, clientToken });
    });
  }

  #requestId(exchange: Exchange, caseId: string): void {
    const id = requestIdOf(exchange);
    if (id !== undefined && !this.requestIds.has(id)) this.requestIds.set(id, { caseId });
  }
}
