import { ACCOUNT_REGION_FAULTS } from '../faults/account-region.js';
import { DISK_LIMIT_FAULTS } from '../faults/disk-limits.js';
import { DISK_LIST_FAULTS } from '../faults/disk-lists.js';
import { MISSING_FAULTS, REGION_FAULTS } from '../faults/missing.js';
import { DESCRIPTION_FAULTS, NAME_FAULTS } from '../faults/name-description.js';
import { type ParamFaultFactory, paramFaultPlanner } from '../faults/param.js';
import { protocolPlanner } from '../faults/protocol.js';
import { noDiskPlanner, resourcePlanner } from '../faults/resources.js';
import { SCALAR_FAULTS } from '../faults/scalars.js';
import { TAG_FAULTS } from '../faults/tags.js';
import { WIRE_FAULTS } from '../faults/wire.js';
import { boundariesAcceptedPlanner } from './boundaries.js';
import { idempotencyPlanner } from './idempotency.js';
import { nonAsciiNamePlanner } from './open-outcomes.js';
import { otherCasePlanner } from './other-case.js';
import type { Planner } from './plan.js';
import { successPlanner } from './success.js';
import { SUPPORT_RULE_IDS, supportPlanner } from './support.js';
import { errorBodyPlanner, transportVariantsPlanner } from './transport-and-errors.js';

/** Faults in parameter values: also the second faults of multi-fault cases. */
export const PARAM_FAULTS: Record<string, ParamFaultFactory> = {
  ...NAME_FAULTS,
  ...DESCRIPTION_FAULTS,
  ...TAG_FAULTS,
  ...SCALAR_FAULTS,
};

/** Rules broken by a resource alone (its state, its instance's, its account's, its region's). */
const RESOURCE_RULES = [
  'disk.category-essd',
  'disk.status-usable',
  'disk.ever-attached',
  'disk.ever-used',
  'disk.not-expired',
  'disk.not-transferring',
  'disk.no-snapshot-in-progress',
  'disk.unfinished-snapshots-quota',
  'disk.status-valid',
  'disk.not-multi-attach',
  'disk.kms-key-enabled',
  'disk.kms-authorized',
  'disk.kms-key-tagged',
  'instance.status-usable',
  'instance.not-locked',
  'account.balance',
  'account.snapshot-service',
  'account.whitelisted',
  'account.authorized',
  'region.snapshot-group-supported',
];

const PROTOCOL_RULES = [
  'protocol.signature-valid',
  'protocol.access-key-known',
  'protocol.timestamp-fresh',
  'protocol.timestamp-format',
  'protocol.nonce-unique',
  'protocol.signature-present',
  'protocol.signature-method',
  'protocol.action-present',
  'protocol.action-known',
  'protocol.version-valid',
  'protocol.http-method',
];

const SUCCESS_RULES = [
  'state.disk-form-snapshots',
  'state.instance-form-snapshots',
  'state.exclude-form-snapshots',
  'state.attributes-stored',
  'state.instant-access-stored',
  'state.deleted-after-cleanup',
  'valid.success-body',
  'valid.request-id-unique',
];

const from = (ids: readonly string[], planner: Planner): Record<string, Planner> =>
  Object.fromEntries(ids.map((id) => [id, planner]));
const params = (table: Record<string, ParamFaultFactory>): Record<string, Planner> =>
  Object.fromEntries(Object.entries(table).map(([id, factory]) => [id, paramFaultPlanner(factory)]));

/** Every rule id the generators know how to exercise, and how. */
export const PLANNERS: Record<string, Planner> = {
  ...params(PARAM_FAULTS),
  ...params(REGION_FAULTS),
  ...MISSING_FAULTS,
  ...DISK_LIST_FAULTS,
  ...DISK_LIMIT_FAULTS,
  ...WIRE_FAULTS,
  ...ACCOUNT_REGION_FAULTS,
  ...from(RESOURCE_RULES, resourcePlanner),
  ...from(PROTOCOL_RULES, protocolPlanner),
  ...from(
    ['idempotency.same-token-same-result', 'idempotency.parameter-mismatch', 'idempotency.processing'],
    idempotencyPlanner,
  ),
  ...from(SUCCESS_RULES, successPlanner),
  ...from(SUPPORT_RULE_IDS, supportPlanner),
  'instance.has-disks': noDiskPlanner,
  'name.non-ascii-letters': nonAsciiNamePlanner,
  'valid.boundaries-accepted': boundariesAcceptedPlanner,
  'valid.forbidden-word-other-case': otherCasePlanner,
  'valid.transport-variants': transportVariantsPlanner,
  // Refused creates of its own, so that the rule is judged even when it runs alone (`--only`); every
  // other refused create of the run bears on it too (lib/runner/side-effects.ts).
  'state.no-side-effects': errorBodyPlanner(
    [PARAM_FAULTS['name.min-length'], PARAM_FAULTS['tag.key-reserved-prefix']].filter(
      (f): f is ParamFaultFactory => f !== undefined,
    ),
  ),
  'valid.error-body': errorBodyPlanner(
    [
      PARAM_FAULTS['name.min-length'],
      PARAM_FAULTS['description.max-length'],
      PARAM_FAULTS['tag.key-reserved-prefix'],
    ].filter((f): f is ParamFaultFactory => f !== undefined),
  ),
};
