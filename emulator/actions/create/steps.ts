import type { CreateStep } from './context.js';
import { IDEMPOTENCY_STEP } from './step-idempotency.js';
import { ACCOUNT_STEPS } from './steps-account.js';
import { DISK_STEPS } from './steps-disks.js';
import { RESOURCE_STEPS } from './steps-resources.js';
import { SHAPE_STEPS } from './steps-shape.js';
import { VALUE_STEPS } from './steps-values.js';

/**
 * CreateSnapshotGroup's validation, in precedence order: when a request breaks several rules, the first
 * step that objects answers. The order (documented in emulator/README.md): the request's shape, the values
 * of its parameters, the account and region, idempotency, the resources it names, then each disk's state
 * and the account's snapshot quota.
 */
export const CREATE_STEPS: readonly CreateStep[] = [
  ...SHAPE_STEPS,
  ...VALUE_STEPS,
  ...ACCOUNT_STEPS,
  IDEMPOTENCY_STEP,
  ...RESOURCE_STEPS,
  ...DISK_STEPS,
];
