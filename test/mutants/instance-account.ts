import { apiError } from '../../emulator/index.js';
import { replacingStep, withoutStep } from './steps.js';
import type { Mutant } from './types.js';

const ignored = (step: string, what: string): Mutant => ({
  id: `${step}.ignored`,
  family: 'instance-account',
  description: `${what} is not checked.`,
  seams: withoutStep(step),
});

/** Instance, account and region rules left out or applied to only part of the request. */
export const INSTANCE_ACCOUNT_MUTANTS: Mutant[] = [
  ignored('instance.not-locked', 'An instance locked for security'),
  ignored('instance.status-usable', 'The status of the instance (Running or Stopped)'),
  ignored('instance.has-disks', 'An instance without disks: an empty group'),
  ignored('account.balance', "The account's balance"),
  ignored('account.whitelisted', 'The snapshot-group whitelist'),
  ignored('account.snapshot-service', 'The activation of the snapshot service'),
  ignored('account.authorized', 'The authorization of the operation'),
  ignored('region.snapshot-group-supported', "The region's support of snapshot groups"),
  ignored('region.instant-access-supported', "The region's support of instant access"),
  {
    id: 'instance.status-usable.stopped-rejected',
    family: 'instance-account',
    description: 'Only a Running instance is accepted: disks of a Stopped instance are refused.',
    seams: replacingStep('instance.status-usable', (ctx, faithful) => {
      const ids = [ctx.instance?.id, ...ctx.selected.map((disk) => disk.instance)];
      const stopped = ids.some(
        (id) => typeof id === 'string' && ctx.state.world.instanceById(id)?.status === 'Stopped',
      );
      return stopped ? apiError('IncorrectInstanceStatus') : faithful.run(ctx);
    }),
  },
  {
    id: 'instance.not-locked.instance-id-only',
    family: 'instance-account',
    description:
      'The lock is checked on the instance named by InstanceId only, not on the instances of DiskId.N.',
    seams: replacingStep('instance.not-locked', (ctx) =>
      ctx.instance?.lockedForSecurity ? apiError('InstanceLockedForSecurity') : undefined,
    ),
  },
  {
    id: 'instance.status-usable.instance-id-only',
    family: 'instance-account',
    description: 'The instance status is checked on the InstanceId only, not on the instances of DiskId.N.',
    seams: replacingStep('instance.status-usable', (ctx) =>
      ctx.instance !== undefined && !['Running', 'Stopped'].includes(ctx.instance.status)
        ? apiError('IncorrectInstanceStatus')
        : undefined,
    ),
  },
];
