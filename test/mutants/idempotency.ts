import { ApiError, apiError, type StepOutcome } from '../../emulator/index.js';
import { replacingStep, withoutStep } from './steps.js';
import type { Mutant } from './types.js';

const answers = (outcome: StepOutcome, code: string): boolean =>
  outcome instanceof ApiError && outcome.code === code;

/** ClientToken handling: replays, mismatches and concurrent requests. */
export const IDEMPOTENCY_MUTANTS: Mutant[] = [
  {
    id: 'idempotency.ignored',
    family: 'idempotency',
    description: 'ClientToken is ignored: every replay creates a new group.',
    seams: withoutStep('idempotency.client-token'),
  },
  {
    id: 'idempotency.mismatch-not-detected',
    family: 'idempotency',
    description: 'A ClientToken reused with other parameters replays the first group instead of failing.',
    seams: replacingStep('idempotency.client-token', (ctx, faithful) => {
      const outcome = faithful.run(ctx);
      if (!answers(outcome, 'IdempotentParameterMismatch')) return outcome;
      const entry = ctx.state.tokens.get(ctx.account.id, ctx.params.get('ClientToken') ?? '');
      return entry?.state === 'done' ? { replay: entry.groupId } : outcome;
    }),
  },
  {
    id: 'idempotency.mismatch-answers-new-group',
    family: 'idempotency',
    description: 'A ClientToken reused with other parameters is treated as a new request (a second group).',
    seams: replacingStep('idempotency.client-token', (ctx, faithful) => {
      const outcome = faithful.run(ctx);
      return answers(outcome, 'IdempotentParameterMismatch') ? undefined : outcome;
    }),
  },
  {
    id: 'idempotency.processing-race',
    family: 'idempotency',
    description:
      'Concurrent requests with one ClientToken are not serialised: the token is read once, before the ' +
      'processing window, so each concurrent request creates its own group.',
    seams: replacingStep('idempotency.client-token', (ctx, faithful) => {
      const outcome = faithful.run(ctx);
      // The pass after the processing window trusts the first read: no second look at the record.
      if (ctx.holdsToken) return undefined;
      return answers(outcome, 'IdempotentProcessing') ? undefined : outcome;
    }),
  },
  {
    id: 'idempotency.processing-answers-mismatch',
    family: 'idempotency',
    description:
      'A concurrent request with a ClientToken still processing answers IdempotentParameterMismatch.',
    seams: replacingStep('idempotency.client-token', (ctx, faithful) => {
      const outcome = faithful.run(ctx);
      return answers(outcome, 'IdempotentProcessing') ? apiError('IdempotentParameterMismatch') : outcome;
    }),
  },
];
