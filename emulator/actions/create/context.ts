import type { Limits } from '../../../lib/spec/catalogue.js';
import type { Account, Disk, Instance, Region } from '../../../lib/spec/world.js';
import type { ParamBag } from '../../http/params.js';
import type { ApiError } from '../../protocol/errors.js';
import type { EmulatorSeams } from '../../seams.js';
import type { EmulatorState } from '../../state/state.js';
import type { ListEntry } from '../lists.js';

/** What one CreateSnapshotGroup request knows; the steps read it and fill in what they establish. */
export interface CreateContext {
  readonly account: Account;
  readonly params: ParamBag;
  readonly limits: Limits;
  readonly state: EmulatorState;
  readonly seams: EmulatorSeams;
  readonly nowMs: number;
  /** This request holds its ClientToken as "processing" (the pass after the processing delay). */
  readonly holdsToken: boolean;
  diskIds: ListEntry[];
  excludeDiskIds: ListEntry[];
  tags: ListEntry[];
  region?: Region;
  instance?: Instance;
  /** DiskId.N and ExcludeDiskId.N resolved to disks, in index order. */
  listedDisks: Disk[];
  excludedDisks: Disk[];
  /** The disks the group will hold snapshots of. */
  selected: Disk[];
  instantAccess: boolean;
  retentionDays?: number;
  /** The request as the idempotency record compares it (set when a ClientToken is given). */
  fingerprint?: string;
}

/** Continue (undefined), answer an error, or answer an earlier success again (idempotent replay). */
export type StepOutcome = ApiError | { replay: string } | undefined;

export interface CreateStep {
  /** The rule id it enforces where there is one (`name.max-length`), else a short descriptive name. */
  readonly name: string;
  run(ctx: CreateContext): StepOutcome;
}

/** Every field present from the start: one object shape for all requests keeps the steps monomorphic. */
export const newCreateContext = (
  base: Pick<CreateContext, 'account' | 'params' | 'limits' | 'state' | 'seams' | 'nowMs' | 'holdsToken'>,
): CreateContext => ({
  account: base.account,
  params: base.params,
  limits: base.limits,
  state: base.state,
  seams: base.seams,
  nowMs: base.nowMs,
  holdsToken: base.holdsToken,
  diskIds: [],
  excludeDiskIds: [],
  tags: [],
  region: undefined,
  instance: undefined,
  listedDisks: [],
  excludedDisks: [],
  selected: [],
  instantAccess: false,
  retentionDays: undefined,
  fingerprint: undefined,
});

/** Runs the steps in order; the first that does not continue decides. */
export const runSteps = (steps: readonly CreateStep[], ctx: CreateContext): StepOutcome => {
  for (const step of steps) {
    const outcome = step.run(ctx);
    if (outcome !== undefined) return outcome;
  }
  return undefined;
};
