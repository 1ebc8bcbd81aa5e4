import type { Case } from '../cases.js';
import type { Exchange } from '../client/exchange.js';

/** Where a RequestId or SnapshotGroupId was first seen in the run. */
export interface Sighting {
  caseId: string;
  /** ClientToken of the request that returned it: the same token may legitimately return the same group. */
  clientToken?: string;
}

/**
 * Run-wide facts the checks read but never write. The runner records a case's facts only after
 * that case's checks ran, so a check compares against every *other* exchange of the run.
 */
export interface RunMemory {
  readonly requestIds: ReadonlyMap<string, Sighting>;
  readonly groupIds: ReadonlyMap<string, Sighting>;
}

/** What the runner learnt about the group a successful create made (the state checks read it). */
export interface GroupState {
  groupId: string;
  /** DescribeSnapshotGroups by SnapshotGroupId, once the group was accomplished (or the wait ran out). */
  afterCreate?: Exchange;
  /** DeleteSnapshotGroup of the group. */
  deletion?: Exchange;
  /** DescribeSnapshotGroups by SnapshotGroupId after the deletion. */
  afterDelete?: Exchange;
}

export interface CheckContext {
  case: Case;
  /** The case's own request (for a concurrent case: the one sent alongside the prelude). */
  exchange: Exchange;
  /** Exchanges of `case.prelude`, in the prelude's order. */
  preludeExchanges: Exchange[];
  run: RunMemory;
  /** Present when a create succeeded and the runner looked at the group (state checks). */
  state?: GroupState;
  /** A page-walking case's further pages, in order (`case.walkPages`: the first page is `exchange`). */
  pages?: Exchange[];
}

/** An empty memory, for a check run on its own. */
export const EMPTY_RUN_MEMORY: RunMemory = { requestIds: new Map(), groupIds: new Map() };
