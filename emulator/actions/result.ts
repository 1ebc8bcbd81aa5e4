import type { Limits } from '../../lib/spec/catalogue.js';
import type { Account } from '../../lib/spec/world.js';
import type { ParamBag } from '../http/params.js';
import type { ApiError } from '../protocol/errors.js';
import type { BodyValue } from '../protocol/xml.js';
import type { EmulatorSeams } from '../seams.js';
import type { EmulatorState } from '../state/state.js';

/** What an action answers: the fields of a success body (RequestId is added by the renderer) or an error. */
export type ActionResult =
  | { kind: 'success'; fields: Record<string, BodyValue> }
  | { kind: 'error'; error: ApiError };

/** What every action may use: state, seams and the server's configuration. */
export interface ActionEnv {
  state: EmulatorState;
  seams: EmulatorSeams;
  limits: Limits;
  clock: () => number;
  snapshotDurationMs: number;
  idempotentProcessingMs: number;
}

/** An authenticated call: the account whose key signed it and its business parameters. */
export interface ActionCall {
  account: Account;
  params: ParamBag;
}

export type ActionHandler = (env: ActionEnv, call: ActionCall) => ActionResult | Promise<ActionResult>;

export const failed = (error: ApiError): ActionResult => ({ kind: 'error', error });
