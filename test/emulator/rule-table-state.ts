/** Rows for the disk-state and instance-account families. */
import { disk, onInstance, type RuleRow, row } from './rule-row.js';

export const STATE_ROWS: RuleRow[] = [
  row('disk.category-essd', 'cloud_efficiency', disk('d-efficiency'), [
    'DiskCategory.OperationNotSupported',
    400,
  ]),
  row('disk.status-usable', 'Attaching', disk('d-attaching'), ['IncorrectDiskStatus', 403]),
  row('disk.ever-attached', 'never attached', disk('d-never-attached'), [
    'IncorrectDiskStatus.NeverAttached',
    403,
  ]),
  row('disk.ever-used', 'never used', disk('d-never-used'), ['IncorrectDiskStatus.NeverUsed', 403]),
  row('disk.not-expired', 'expired', disk('d-expired'), ['DiskInArrears', 403]),
  row('disk.not-transferring', 'transferring', disk('d-transferring'), [
    'IncorrectDiskStatus.Transferring',
    403,
  ]),
  row('disk.no-snapshot-in-progress', 'snapshot in progress', disk('d-busy'), [
    'IncorrectDiskStatus.CreatingSnapshot',
    403,
  ]),
  row('disk.unfinished-snapshots-quota', 'at the quota', disk('d-unfinished'), [
    'IncorrectDiskStatus.TooManyCreatingSnapshots',
    403,
  ]),
  row('disk.status-valid', 'status invalid', disk('d-invalid'), ['IncorrectDiskStatus.Invalid', 403]),
  row('disk.not-multi-attach', 'multi-attach disk on the instance', onInstance('i-multi'), [
    'InvalidOperation.MultiAttachDisk',
    403,
  ]),
  row(
    'disk.not-multi-attach',
    'excluded multi-attach disk',
    [...onInstance('i-multi'), ['ExcludeDiskId.1', 'd-ma']],
    'success',
  ),
  row('disk.kms-key-enabled', 'key disabled', disk('d-kms-disabled'), [
    'InvalidParameter.KMSKeyId.CMKNotEnabled',
    403,
  ]),
  row('disk.kms-authorized', 'KMS unauthorized', disk('d-kms-unauthorized'), [
    'InvalidParameter.KMSKeyId.KMSUnauthorized',
    403,
  ]),
  row('disk.kms-key-tagged', 'key not tagged', disk('d-kms-untagged'), [
    'InvalidParameter.KMSKeyId.CMKUnauthorized',
    403,
  ]),
  row('instance.status-usable', 'instance Pending', onInstance('i-pending'), [
    'IncorrectInstanceStatus',
    400,
  ]),
  row('instance.status-usable', 'disk on a Pending instance', disk('d-pending'), [
    'IncorrectInstanceStatus',
    400,
  ]),
  row('instance.not-locked', 'locked instance', onInstance('i-locked'), ['InstanceLockedForSecurity', 403]),
  row('instance.has-disks', 'no disks', onInstance('i-empty'), ['InvalidInstance.NoDisk', 403]),
  row('account.balance', 'no balance', disk('d-avail'), ['InvalidAccountStatus.NotEnoughBalance', 403], {
    account: 'broke',
  }),
  row(
    'account.snapshot-service',
    'service off',
    disk('d-avail'),
    ['InvalidAccountStatus.SnapshotServiceUnavailable', 403],
    { account: 'no-service' },
  ),
  row('account.whitelisted', 'not whitelisted', disk('d-avail'), ['UserNotInTheWhiteList', 403], {
    account: 'not-whitelisted',
  }),
  row('account.authorized', 'unauthorized', disk('d-avail'), ['InvalidOperation.Unauthorized', 403], {
    account: 'unauthorized',
  }),
  row(
    'account.snapshot-quota',
    '3 snapshots, quota 2',
    onInstance('i-tight'),
    ['QuotaExceed.Snapshot', 403],
    { account: 'tight' },
  ),
  row(
    'region.snapshot-group-supported',
    'unsupported region',
    [
      ['RegionId', 'cn-nogroups'],
      ['DiskId.1', 'd-x'],
    ],
    ['InvalidRegion.NotSupport', 403],
  ),
  row(
    'region.instant-access-supported',
    'instant access off',
    [
      ['RegionId', 'cn-noia'],
      ['DiskId.1', 'd-x'],
      ['InstantAccess', 'true'],
    ],
    ['InvalidRegion.NotSupportSnapshotInstantAccessRegion', 403],
  ),
];
