import { apiError, invalidParameter } from '../../protocol/errors.js';
import type { CreateStep } from './context.js';
import { firstFailing, step } from './step.js';
import { descriptionProblem, nameProblem, tagKeyProblem, tagValueProblem } from './text-rules.js';

const DIGITS = /^[0-9]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the whole range, controls included
const ASCII = /^[\u0000-\u007F]*$/;
const CLIENT_TOKEN_MAX = 64;

export const VALUE_STEPS: readonly CreateStep[] = [
  step('name.valid', (ctx) => {
    const name = ctx.params.value('Name');
    const problem = name === undefined ? undefined : nameProblem(name);
    return problem
      ? apiError('InvalidParameter.Name', `The specified Name is invalid: ${problem}.`)
      : undefined;
  }),
  step('description.valid', (ctx) => {
    const description = ctx.params.value('Description');
    const problem = description === undefined ? undefined : descriptionProblem(description);
    return problem
      ? apiError('InvalidParameter.Description', `The specified Description is invalid: ${problem}.`)
      : undefined;
  }),
  step('tag.key-valid', (ctx) =>
    firstFailing(ctx.tags, (tag) => {
      const problem = tagKeyProblem(tag.fields.Key);
      return problem
        ? apiError('InvalidTagKey.Malformed', `The specified Tag.${tag.index}.Key is not valid: ${problem}.`)
        : undefined;
    }),
  ),
  step('tag.value-valid', (ctx) =>
    firstFailing(ctx.tags, (tag) => {
      const problem = tagValueProblem(tag.fields.Value ?? '');
      return problem
        ? apiError(
            'InvalidTagValue.Malformed',
            `The specified Tag.${tag.index}.Value is not valid: ${problem}.`,
          )
        : undefined;
    }),
  ),
  step('tag.key-unique', (ctx) => {
    const seen = new Set<string>();
    return firstFailing(ctx.tags, (tag) => {
      const key = tag.fields.Key ?? '';
      if (seen.has(key)) return apiError('Duplicate.TagKey');
      seen.add(key);
      return undefined;
    });
  }),
  step('instant-access.boolean', (ctx) => {
    const raw = ctx.params.value('InstantAccess');
    if (raw === undefined) return undefined;
    const lower = raw.toLowerCase();
    if (lower !== 'true' && lower !== 'false') {
      return invalidParameter('InstantAccess', 'it must be true or false');
    }
    ctx.instantAccess = lower === 'true';
    return undefined;
  }),
  // Checked whether or not InstantAccess is on: a value outside 1..65535 is malformed either way.
  step('retention-days.valid', (ctx) => {
    const raw = ctx.params.value('InstantAccessRetentionDays');
    if (raw === undefined) return undefined;
    const days = DIGITS.test(raw) ? Number(raw) : Number.NaN;
    if (!(days >= 1 && days <= 65535)) return apiError('InvalidRetentionDays.Malformed');
    ctx.retentionDays = days;
    return undefined;
  }),
  step('client-token.format', (ctx) => {
    const token = ctx.params.value('ClientToken') ?? '';
    if (token.length > CLIENT_TOKEN_MAX) {
      return invalidParameter('ClientToken', 'it is longer than 64 characters');
    }
    return ASCII.test(token) ? undefined : invalidParameter('ClientToken', 'it must be ASCII');
  }),
];
