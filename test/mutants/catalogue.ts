import { ToolError } from '../../lib/errors.js';
import { DISK_STATE_MUTANTS } from './disk-state.js';
import { IDEMPOTENCY_MUTANTS } from './idempotency.js';
import { IDEMPOTENCY_PARAMETER_MUTANTS } from './idempotency-parameters.js';
import { INSTANCE_ACCOUNT_MUTANTS } from './instance-account.js';
import { NEAR_MISS_MUTANTS } from './near-misses.js';
import { ONE_TRANSPORT_MUTANTS } from './one-transport.js';
import { PROTOCOL_MUTANTS } from './protocol.js';
import { REQUEST_SHAPE_MUTANTS } from './request-shape.js';
import { RESPONSE_MUTANTS } from './response.js';
import { SERVER_ERROR_MUTANTS } from './server-error.js';
import { SIDE_EFFECT_MUTANTS } from './side-effects.js';
import { STATE_MUTANTS } from './state.js';
import { STATUS_MUTANTS } from './status.js';
import { SUPPORT_MUTANTS } from './support.js';
import type { Mutant } from './types.js';
import { VALUE_MUTANTS } from './values.js';
import { WIRE_LIST_MUTANTS } from './wire-lists.js';

/**
 * Every mutant of the reference emulator (issue 8). The suite must kill each one; a survivor is a defect
 * of the suite, fixed with a stronger check or generator, never by removing the mutant.
 */
export const MUTANTS: readonly Mutant[] = [
  ...REQUEST_SHAPE_MUTANTS,
  ...VALUE_MUTANTS,
  ...WIRE_LIST_MUTANTS,
  ...DISK_STATE_MUTANTS,
  ...INSTANCE_ACCOUNT_MUTANTS,
  ...PROTOCOL_MUTANTS,
  ...IDEMPOTENCY_MUTANTS,
  ...IDEMPOTENCY_PARAMETER_MUTANTS,
  ...STATUS_MUTANTS,
  ...RESPONSE_MUTANTS,
  ...SERVER_ERROR_MUTANTS,
  ...STATE_MUTANTS,
  ...NEAR_MISS_MUTANTS,
  ...ONE_TRANSPORT_MUTANTS,
  ...SIDE_EFFECT_MUTANTS,
  ...SUPPORT_MUTANTS,
];

/** The mutants whose id is listed (all when `ids` is empty); an unknown id is a usage error. */
export function selectMutants(ids: readonly string[] = []): Mutant[] {
  if (ids.length === 0) return [...MUTANTS];
  const unknown = ids.filter((id) => !MUTANTS.some((mutant) => mutant.id === id));
  if (unknown.length > 0) throw new ToolError('E_USAGE', `unknown mutant id(s): ${unknown.join(', ')}`);
  return MUTANTS.filter((mutant) => ids.includes(mutant.id));
}
