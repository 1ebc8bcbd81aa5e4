import {
  apiError,
  type CreateContext,
  type CreateStep,
  type EmulatorState,
  type SnapshotGroup,
} from '../../emulator/index.js';
import { replacingStep } from './steps.js';
import type { Mutant } from './types.js';

/** A step that refuses what `over` matches, and otherwise judges as the faithful one does. */
const refusing =
  (code: string, over: (ctx: CreateContext) => boolean) => (ctx: CreateContext, faithful: CreateStep) =>
    over(ctx) ? apiError(code) : faithful.run(ctx);

const tags = (ctx: CreateContext, field: 'Key' | 'Value'): string[] =>
  ctx.tags.map((tag) => tag.fields[field] ?? '');

/** The group is stored after `change`: a near miss accepted, then kept altered. */
const storedAs = (change: (group: SnapshotGroup) => SnapshotGroup) => ({
  storeGroup: (state: EmulatorState, group: SnapshotGroup) => state.insertGroup(change(group)),
});

/** A reserved prefix in another case written as the page spells it (`ACS:x` → `acs:x`, `Aliyunx` → `aliyunx`). */
const foldPrefix = (text: string): string =>
  text.replace(/^(acs:|aliyun)/i, (prefix) => prefix.toLowerCase());

/** URL schemes removed wherever they stand, in any case: a sanitiser run on stored text. */
const stripSchemes = (text: string): string => text.replace(/https?:\/\//gi, '');

/** Whether any tag's key holds a forbidden word in another case (not as the page spells it). */
const keyInOtherCase = (ctx: CreateContext): boolean =>
  tags(ctx, 'Key').some(
    (key) => /^(acs:|aliyun)|https?:\/\//i.test(key) && !/^(acs:|aliyun)|https?:\/\//.test(key),
  );

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
  {
    id: 'near-miss.other-case-folded-when-stored',
    family: 'near-miss',
    description:
      'A tag key or value starting with ACS: or Aliyun is accepted, then stored with the prefix lower-cased (acs:x).',
    seams: storedAs((group) => ({
      ...group,
      tags: group.tags.map((tag) => ({ key: foldPrefix(tag.key), value: foldPrefix(tag.value) })),
    })),
  },
  {
    id: 'near-miss.url-stripped-when-stored',
    family: 'near-miss',
    description:
      'A Description or tag value holding http:// or https:// where it is allowed is accepted, then stored with the scheme removed.',
    seams: storedAs((group) => ({
      ...group,
      ...(group.description !== undefined && { description: stripSchemes(group.description) }),
      tags: group.tags.map((tag) => ({ ...tag, value: stripSchemes(tag.value) })),
    })),
  },
  {
    id: 'near-miss.other-case-server-error',
    family: 'near-miss',
    description:
      'A tag key holding a forbidden word in another case (ACS:x, Https://) answers InternalError (500).',
    seams: replacingStep('tag.key-valid', refusing('InternalError', keyInOtherCase)),
  },
  {
    id: 'near-miss.other-case-undocumented-code',
    family: 'near-miss',
    description:
      'A tag key holding a forbidden word in another case is refused with a code the page does not document (InvalidTagKey.Reserved).',
    seams: replacingStep('tag.key-valid', refusing('InvalidTagKey.Reserved', keyInOtherCase)),
  },
  {
    id: 'near-miss.other-case-wrong-field-code',
    family: 'near-miss',
    description:
      "A tag key holding a forbidden word in another case is refused with the Description's code (InvalidParameter.Description, 400): documented, but not the tag key's.",
    seams: replacingStep('tag.key-valid', refusing('InvalidParameter.Description', keyInOtherCase)),
  },
];
