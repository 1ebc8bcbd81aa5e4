import { apiError, type CreateContext } from '../../emulator/index.js';
import { charCount, withFirstStep } from './steps.js';
import type { Mutant } from './types.js';

/** A backend that fails with InternalError (500) on one valid edge case. */
const failsOn = (id: string, what: string, when: (ctx: CreateContext) => boolean, crash = false): Mutant => ({
  id: `server-error.${id}`,
  family: 'server-error',
  description: `A valid request with ${what} answers InternalError (500)${crash ? ': the handler throws' : ''}.`,
  seams: withFirstStep({
    name: `mutant.server-error.${id}`,
    run: (ctx) => {
      if (!when(ctx)) return undefined;
      if (crash) throw new Error(`mutant ${id}: simulated crash`);
      return apiError('InternalError');
    },
  }),
});

const diskIdCount = (ctx: CreateContext): number =>
  [...ctx.params.names()].filter((name) => /^DiskId\.\d+$/.test(name)).length;
const tagKeys = (ctx: CreateContext): string[] =>
  [...ctx.params.names()].filter((name) => /^Tag\.\d+\.Key$/.test(name));

/** 500s on valid edge cases: the boundaries a backend's buffers and columns are sized by. */
export const SERVER_ERROR_MUTANTS: Mutant[] = [
  failsOn('sixteen-disks', 'exactly 16 disks', (ctx) => diskIdCount(ctx) === 16, true),
  failsOn(
    'name-of-128',
    'a Name of 128 characters',
    (ctx) => charCount(ctx.params.get('Name') ?? '') === 128,
  ),
  failsOn(
    'description-of-256',
    'a Description of 256 characters',
    (ctx) => charCount(ctx.params.get('Description') ?? '') === 256,
  ),
  failsOn('twenty-tags', '20 tags', (ctx) => tagKeys(ctx).length === 20),
  failsOn('empty-tag-value', 'an empty tag value', (ctx) =>
    [...ctx.params.names()].some((name) => /^Tag\.\d+\.Value$/.test(name) && ctx.params.get(name) === ''),
  ),
  failsOn(
    'retention-65535',
    'InstantAccessRetentionDays=65535',
    (ctx) => ctx.params.get('InstantAccessRetentionDays') === '65535',
  ),
  failsOn('non-ascii-name', 'a Name with a letter outside ASCII', (ctx) =>
    /[^\x20-\x7e]/.test(ctx.params.get('Name') ?? ''),
  ),
  failsOn('tag-key-of-128', 'a tag key of 128 characters', (ctx) =>
    tagKeys(ctx).some((name) => charCount(ctx.params.get(name) ?? '') === 128),
  ),
];
