import { apiError } from '../../emulator/index.js';
import { charCount, judgedWith, replacingStep, withoutStep } from './steps.js';
import type { Mutant } from './types.js';

const NAME_NEXT_CHARS = /^[0-9._:-]/;
const URL_PREFIX = /^https?:\/\//;

/** Name, Description, ClientToken, RegionId and target rules moved at their boundary or left out. */
export const REQUEST_SHAPE_MUTANTS: Mutant[] = [
  {
    id: 'name.max-length.128-rejected',
    family: 'request-shape',
    description: 'A Name of exactly 128 characters is rejected (limit read as "fewer than 128").',
    seams: replacingStep('name.valid', (ctx, faithful) =>
      charCount(ctx.params.get('Name') ?? '') === 128 ? apiError('InvalidParameter.Name') : faithful.run(ctx),
    ),
  },
  {
    id: 'name.max-length.129-accepted',
    family: 'request-shape',
    description: 'A Name of 129 characters is accepted (limit read as "at most 129").',
    seams: replacingStep('name.valid', (ctx, faithful) => {
      const name = ctx.params.get('Name') ?? '';
      return charCount(name) === 129
        ? judgedWith(ctx, faithful, 'Name', [...name].slice(0, 128).join(''))
        : faithful.run(ctx);
    }),
  },
  {
    id: 'name.min-length.1-accepted',
    family: 'request-shape',
    description: 'A Name of a single letter is accepted (minimum length not checked).',
    seams: replacingStep('name.valid', (ctx, faithful) => {
      const name = ctx.params.get('Name') ?? '';
      return charCount(name) === 1 && /^\p{L}$/u.test(name) ? undefined : faithful.run(ctx);
    }),
  },
  {
    id: 'name.starts-with-letter.ignored',
    family: 'request-shape',
    description: 'A Name may start with a digit, ".", "_", "-" or ":" (first-letter rule not checked).',
    seams: replacingStep('name.valid', (ctx, faithful) => {
      const name = ctx.params.get('Name') ?? '';
      return NAME_NEXT_CHARS.test(name)
        ? judgedWith(ctx, faithful, 'Name', `A${name.slice(1)}`)
        : faithful.run(ctx);
    }),
  },
  {
    id: 'name.charset.space-accepted',
    family: 'request-shape',
    description: 'Spaces are accepted inside a Name.',
    seams: replacingStep('name.valid', (ctx, faithful) =>
      judgedWith(ctx, faithful, 'Name', (ctx.params.get('Name') ?? '').replaceAll(' ', '_')),
    ),
  },
  {
    id: 'description.max-length.256-rejected',
    family: 'request-shape',
    description: 'A Description of exactly 256 characters is rejected.',
    seams: replacingStep('description.valid', (ctx, faithful) =>
      charCount(ctx.params.get('Description') ?? '') === 256
        ? apiError('InvalidParameter.Description')
        : faithful.run(ctx),
    ),
  },
  {
    id: 'description.max-length.257-accepted',
    family: 'request-shape',
    description: 'A Description of 257 characters is accepted.',
    seams: replacingStep('description.valid', (ctx, faithful) => {
      const text = ctx.params.get('Description') ?? '';
      return charCount(text) === 257
        ? judgedWith(ctx, faithful, 'Description', [...text].slice(0, 256).join(''))
        : faithful.run(ctx);
    }),
  },
  {
    id: 'description.min-length.1-accepted',
    family: 'request-shape',
    description: 'A Description of one character is accepted.',
    seams: replacingStep('description.valid', (ctx, faithful) =>
      charCount(ctx.params.get('Description') ?? '') === 1 ? undefined : faithful.run(ctx),
    ),
  },
  {
    id: 'description.no-url-prefix.ignored',
    family: 'request-shape',
    description: 'A Description starting with http:// or https:// is accepted.',
    seams: replacingStep('description.valid', (ctx, faithful) => {
      const text = ctx.params.get('Description') ?? '';
      return URL_PREFIX.test(text)
        ? judgedWith(ctx, faithful, 'Description', text.replace(URL_PREFIX, 'xx'))
        : faithful.run(ctx);
    }),
  },
  {
    id: 'client-token.format.65-accepted',
    family: 'request-shape',
    description: 'A ClientToken of 65 characters is accepted (64 is the limit).',
    seams: replacingStep('client-token.format', (ctx, faithful) => {
      const token = ctx.params.get('ClientToken') ?? '';
      return token.length === 65
        ? judgedWith(ctx, faithful, 'ClientToken', token.slice(0, 64))
        : faithful.run(ctx);
    }),
  },
  {
    id: 'target.required.corrected-spelling',
    family: 'request-shape',
    description:
      'Neither InstanceId nor DiskId.N answers MissingParameter.InstanceId: the page\'s "MissingParamter" (sic) corrected.',
    seams: replacingStep('target.required', (ctx, faithful) =>
      faithful.run(ctx) === undefined ? undefined : apiError('MissingParameter.InstanceId'),
    ),
  },
  {
    id: 'region.required.answers-not-found',
    family: 'request-shape',
    description: 'A missing RegionId answers InvalidRegionId.NotFound (404) instead of MissingParameter.',
    seams: replacingStep('region.required', (ctx, faithful) =>
      faithful.run(ctx) === undefined ? undefined : apiError('InvalidRegionId.NotFound'),
    ),
  },
  {
    id: 'disk-ids.exclude-conflict.ignored',
    family: 'request-shape',
    description: 'DiskId.N together with ExcludeDiskId.N is not rejected.',
    seams: withoutStep('disk-ids.exclude-conflict'),
  },
  {
    id: 'disk-ids.same-zone.ignored',
    family: 'request-shape',
    description: 'Disks of different zones are accepted in one group.',
    seams: withoutStep('disk-ids.same-zone'),
  },
  {
    id: 'disk-ids.belong-to-instance.ignored',
    family: 'request-shape',
    description: 'With InstanceId, a DiskId.N of another instance is accepted.',
    seams: withoutStep('disk-ids.belong-to-instance'),
  },
  {
    id: 'disk-ids.max-total-size.ignored',
    family: 'request-shape',
    description: 'Groups over 32 TiB in all are accepted (capacity not checked).',
    seams: withoutStep('disk-ids.max-total-size'),
  },
  {
    id: 'disk-ids.max-total-size.exact-limit-rejected',
    family: 'request-shape',
    description: 'A group of exactly 32 TiB is rejected (limit read as "less than 32 TiB").',
    seams: replacingStep('disk-ids.max-total-size', (ctx, faithful) => {
      const total = ctx.selected.reduce((sum, disk) => sum + disk.sizeGiB, 0);
      return total === ctx.limits.maxTotalSizeGiB
        ? apiError('CapacityExceed.TooManyDisks')
        : faithful.run(ctx);
    }),
  },
  {
    id: 'resource-group.exists.ignored',
    family: 'request-shape',
    description: 'A ResourceGroupId the account does not have is accepted.',
    seams: withoutStep('resource-group.exists'),
  },
];
