import { apiError, type CreateContext, type CreateStep } from '../../emulator/index.js';
import { replacingStep } from './steps.js';
import type { Mutant } from './types.js';

/** A step that refuses what `over` matches, and otherwise judges as the faithful one does. */
const refusing =
  (code: string, over: (ctx: CreateContext) => boolean) => (ctx: CreateContext, faithful: CreateStep) =>
    over(ctx) ? apiError(code) : faithful.run(ctx);

const tags = (ctx: CreateContext, field: 'Key' | 'Value'): string[] =>
  ctx.tags.map((tag) => tag.fields[field] ?? '');

/** Over-strict targets (issue 16): valid values next to a forbidden word refused as if they held it. */
export const NEAR_MISS_MUTANTS: Mutant[] = [
  {
    id: 'description.no-url-prefix.anywhere',
    family: 'near-miss',
    description:
      'A Description holding http:// or https:// anywhere is refused ("cannot start with" read as "cannot contain").',
    seams: replacingStep(
      'description.valid',
      refusing('InvalidParameter.Description', (ctx) =>
        /https?:\/\//.test(ctx.params.get('Description') ?? ''),
      ),
    ),
  },
  {
    id: 'name.no-url-prefix.http-scheme',
    family: 'near-miss',
    description: 'A Name starting with "http" is refused (the URL prefix read as "http").',
    seams: replacingStep(
      'name.valid',
      refusing('InvalidParameter.Name', (ctx) => (ctx.params.get('Name') ?? '').startsWith('http')),
    ),
  },
  {
    id: 'tag.key-reserved-prefix.acs-without-colon',
    family: 'near-miss',
    description: 'A tag key starting with "acs" is refused (the reserved prefix read without its colon).',
    seams: replacingStep(
      'tag.key-valid',
      refusing('InvalidTagKey.Malformed', (ctx) => tags(ctx, 'Key').some((key) => key.startsWith('acs'))),
    ),
  },
  {
    id: 'tag.key-reserved-prefix.aliyun-anywhere',
    family: 'near-miss',
    description: 'A tag key holding "aliyun" anywhere is refused (a prefix rule applied to the whole key).',
    seams: replacingStep(
      'tag.key-valid',
      refusing('InvalidTagKey.Malformed', (ctx) => tags(ctx, 'Key').some((key) => key.includes('aliyun'))),
    ),
  },
  {
    id: 'tag.value-no-url.scheme-only',
    family: 'near-miss',
    description:
      'A tag value holding "http:/" is refused (the URL rule read as a scheme without its slashes).',
    seams: replacingStep(
      'tag.value-valid',
      refusing('InvalidTagValue.Malformed', (ctx) =>
        tags(ctx, 'Value').some((value) => /https?:\//.test(value)),
      ),
    ),
  },
  {
    id: 'tag.value-reserved-prefix.anywhere',
    family: 'near-miss',
    description: 'A tag value holding "acs:" anywhere is refused.',
    seams: replacingStep(
      'tag.value-valid',
      refusing('InvalidTagValue.Malformed', (ctx) =>
        tags(ctx, 'Value').some((value) => value.includes('acs:')),
      ),
    ),
  },
];
