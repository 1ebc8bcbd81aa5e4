import { apiError, defaultStatusFor } from '../../emulator/index.js';
import { replacingStep } from './steps.js';
import type { Mutant } from './types.js';

/** `statusFor` with one code moved to another status. */
const moved = (code: string, status: number) => ({
  statusFor: (asked: string) => (asked === code ? status : defaultStatusFor(asked)),
});

const wrongStatus = (code: string, status: number, why: string): Mutant => ({
  id: `status.${code}.${status}`,
  family: 'status',
  description: `${code} is answered with HTTP ${status}${why}.`,
  seams: moved(code, status),
});

/** The right code with the wrong HTTP status, and a documented alternative code with the other's status. */
export const STATUS_MUTANTS: Mutant[] = [
  wrongStatus('InvalidParameter.Name', 403, ''),
  wrongStatus('IncorrectInstanceStatus', 403, " (like the other state faults, not the page's 400)"),
  wrongStatus('IdempotentParameterMismatch', 400, " (protocol.md's common list, not the page's 403)"),
  wrongStatus('InvalidRegionId.NotFound', 400, ''),
  wrongStatus('InvalidInstanceId.NotFound', 403, ''),
  wrongStatus('InvalidDiskId.NotFound', 400, ''),
  wrongStatus('DiskCategory.OperationNotSupported', 403, ' (the status of the other non-ESSD codes)'),
  wrongStatus('QuotaExceed.Tags', 400, ''),
  wrongStatus('SignatureNonceUsed', 403, ''),
  wrongStatus('SignatureDoesNotMatch', 401, ''),
  wrongStatus('InvalidAccountStatus.NotEnoughBalance', 402, ' (Payment Required)'),
  {
    id: 'status.description-alternative-code.400',
    family: 'status',
    description:
      'A bad Description answers InvalidDescription.Malformed with 400 (that code is documented as 404).',
    seams: {
      ...replacingStep('description.valid', (ctx, faithful) =>
        faithful.run(ctx) === undefined ? undefined : apiError('InvalidDescription.Malformed'),
      ),
      ...moved('InvalidDescription.Malformed', 400),
    },
  },
  {
    id: 'status.name-alternative-code.404',
    family: 'status',
    description: 'A bad Name answers InvalidSnapshotName.Malformed with 404 (documented as 400).',
    seams: {
      ...replacingStep('name.valid', (ctx, faithful) =>
        faithful.run(ctx) === undefined ? undefined : apiError('InvalidSnapshotName.Malformed'),
      ),
      ...moved('InvalidSnapshotName.Malformed', 404),
    },
  },
];
