import type { Disk, KmsKeyState } from '../../../lib/spec/world.js';
import { apiError } from '../../protocol/errors.js';
import type { CreateContext, CreateStep } from './context.js';
import { step } from './step.js';

/** A step that fails when any selected disk (in selection order) meets `broken`. */
const eachDisk = (
  name: string,
  code: string,
  broken: (disk: Disk, ctx: CreateContext) => boolean,
): CreateStep =>
  step(name, (ctx) => (ctx.selected.some((disk) => broken(disk, ctx)) ? apiError(code) : undefined));

const kmsKeyIs = (disk: Disk, state: KmsKeyState): boolean => disk.encrypted && disk.kmsKeyState === state;

/** "The cloud disk ... must be in the In Use or Unattached (Available) state." */
const USABLE_DISK_STATUSES = new Set(['In_use', 'Available']);

export const DISK_STEPS: readonly CreateStep[] = [
  // "only for enhanced SSDs (ESSDs)": read strictly as the cloud_essd category.
  eachDisk(
    'disk.category-essd',
    'DiskCategory.OperationNotSupported',
    (disk) => disk.category !== 'cloud_essd',
  ),
  eachDisk('disk.not-multi-attach', 'InvalidOperation.MultiAttachDisk', (disk) => disk.multiAttach),
  eachDisk('disk.not-expired', 'DiskInArrears', (disk) => disk.expired),
  eachDisk('disk.not-transferring', 'IncorrectDiskStatus.Transferring', (disk) => disk.transferring),
  eachDisk('disk.status-usable', 'IncorrectDiskStatus', (disk) => !USABLE_DISK_STATUSES.has(disk.status)),
  eachDisk('disk.ever-attached', 'IncorrectDiskStatus.NeverAttached', (disk) => !disk.everAttached),
  eachDisk('disk.ever-used', 'IncorrectDiskStatus.NeverUsed', (disk) => !disk.everUsed),
  eachDisk('disk.status-valid', 'IncorrectDiskStatus.Invalid', (disk) => disk.statusInvalid),
  eachDisk('disk.kms-key-enabled', 'InvalidParameter.KMSKeyId.CMKNotEnabled', (disk) =>
    kmsKeyIs(disk, 'Disabled'),
  ),
  eachDisk('disk.kms-authorized', 'InvalidParameter.KMSKeyId.KMSUnauthorized', (disk) =>
    kmsKeyIs(disk, 'Unauthorized'),
  ),
  eachDisk('disk.kms-key-tagged', 'InvalidParameter.KMSKeyId.CMKUnauthorized', (disk) =>
    kmsKeyIs(disk, 'NotTagged'),
  ),
  eachDisk(
    'disk.no-snapshot-in-progress',
    'IncorrectDiskStatus.CreatingSnapshot',
    (disk, ctx) => disk.snapshotInProgress || ctx.state.diskCreatingSnapshot(disk.id, ctx.nowMs),
  ),
  eachDisk(
    'disk.unfinished-snapshots-quota',
    'IncorrectDiskStatus.TooManyCreatingSnapshots',
    (disk, ctx) => disk.unfinishedSnapshots >= ctx.account.quotas.unfinishedSnapshotsPerDisk,
  ),
  step('account.snapshot-quota', (ctx) =>
    ctx.state.snapshotsHeld(ctx.account.id) + ctx.selected.length > ctx.account.quotas.snapshots
      ? apiError('QuotaExceed.Snapshot')
      : undefined,
  ),
];
