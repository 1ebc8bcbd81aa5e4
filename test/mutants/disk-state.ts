import { apiError } from '../../emulator/index.js';
import { replacingStep, withoutStep } from './steps.js';
import type { Mutant } from './types.js';

const ignored = (step: string, what: string): Mutant => ({
  id: `${step}.ignored`,
  family: 'disk-state',
  description: `${what} is not checked: the group is created.`,
  seams: withoutStep(step),
});

/** Each disk-state rule of the page left out, and two of them read loosely. */
export const DISK_STATE_MUTANTS: Mutant[] = [
  ignored('disk.category-essd', 'The disk category (ESSD only)'),
  ignored('disk.not-multi-attach', 'Multi-attach'),
  ignored('disk.not-expired', 'An expired (in arrears) disk'),
  ignored('disk.not-transferring', 'A disk being migrated'),
  ignored('disk.status-usable', 'A disk neither In_use nor Available'),
  ignored('disk.ever-attached', 'A disk never attached to an instance'),
  ignored('disk.ever-used', 'A disk never used since its creation'),
  ignored('disk.status-valid', 'A disk in an invalid state'),
  ignored('disk.kms-key-enabled', 'A disabled KMS key of an encrypted disk'),
  ignored('disk.kms-authorized', 'ECS access to the KMS key'),
  ignored('disk.kms-key-tagged', 'The ECS tag of the KMS key'),
  ignored('disk.no-snapshot-in-progress', 'A snapshot already in progress on the disk'),
  ignored('disk.unfinished-snapshots-quota', 'The unfinished-snapshots quota of a disk'),
  ignored('account.snapshot-quota', "The account's snapshot quota"),
  {
    id: 'disk.category-essd.essd-variants-accepted',
    family: 'disk-state',
    description: 'Every ESSD-like category (cloud_essd_entry, cloud_auto) is accepted as an ESSD.',
    seams: replacingStep('disk.category-essd', (ctx, faithful) =>
      ctx.selected.every((disk) => disk.category.startsWith('cloud_essd') || disk.category === 'cloud_auto')
        ? undefined
        : faithful.run(ctx),
    ),
  },
  {
    id: 'disk.unfinished-snapshots-quota.off-by-one',
    family: 'disk-state',
    description: 'A disk is refused only above its unfinished-snapshots quota, not when it reaches it.',
    seams: replacingStep('disk.unfinished-snapshots-quota', (ctx) =>
      ctx.selected.some((disk) => disk.unfinishedSnapshots > ctx.account.quotas.unfinishedSnapshotsPerDisk)
        ? apiError('IncorrectDiskStatus.TooManyCreatingSnapshots')
        : undefined,
    ),
  },
];
