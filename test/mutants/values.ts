import {
  apiError,
  type CreateContext,
  type CreateStep,
  type ListEntry,
  PAGE_LIMITS,
} from '../../emulator/index.js';
import { charCount, replacingStep, withoutStep } from './steps.js';
import type { Mutant } from './types.js';

/** Tags rewritten before the faithful tag step judges them: a target that lets some values through. */
const judgingTags = (map: (tag: ListEntry) => ListEntry) => (ctx: CreateContext, faithful: CreateStep) =>
  faithful.run({ ...ctx, tags: ctx.tags.map(map) });

const withKey = (tag: ListEntry, key: string): ListEntry => ({ ...tag, fields: { ...tag.fields, Key: key } });
const withValue = (tag: ListEntry, value: string): ListEntry => ({
  ...tag,
  fields: { ...tag.fields, Value: value },
});
const URL_INSIDE = /(.)(https?:\/\/)/;

/** A retention-days step with its own (wrong) reading of the value; it records what it accepted. */
const retentionReadAs = (read: (raw: string) => number) => (ctx: CreateContext) => {
  const raw = ctx.params.get('InstantAccessRetentionDays');
  if (raw === undefined) return undefined;
  const days = read(raw);
  if (!(days >= 1 && days <= 65535)) return apiError('InvalidRetentionDays.Malformed');
  ctx.retentionDays = days;
  return undefined;
};
const strictDays = (raw: string): number => (/^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN);

/** Tag, retention-days, InstantAccess and disk-count rules moved at their boundary or left out. */
export const VALUE_MUTANTS: Mutant[] = [
  {
    id: 'tag.key-reserved-prefix.aliyun-accepted',
    family: 'request-shape',
    description: 'A tag key starting with "aliyun" is accepted (only "acs:" is reserved).',
    seams: replacingStep(
      'tag.key-valid',
      judgingTags((tag) => {
        const key = tag.fields.Key;
        return key?.startsWith('aliyun') ? withKey(tag, `x${key.slice(1)}`) : tag;
      }),
    ),
  },
  {
    id: 'tag.key-max-length.129-accepted',
    family: 'request-shape',
    description: 'A tag key of 129 characters is accepted.',
    seams: replacingStep(
      'tag.key-valid',
      judgingTags((tag) => {
        const key = tag.fields.Key ?? '';
        return charCount(key) === 129 ? withKey(tag, [...key].slice(0, 128).join('')) : tag;
      }),
    ),
  },
  {
    id: 'tag.key-no-url.prefix-only',
    family: 'request-shape',
    description:
      'A tag key is refused only when it starts with http(s)://, not when it contains it further in.',
    seams: replacingStep(
      'tag.key-valid',
      judgingTags((tag) => {
        const key = tag.fields.Key ?? '';
        return URL_INSIDE.test(key) ? withKey(tag, key.replace(/https?:\/\//g, 'x')) : tag;
      }),
    ),
  },
  {
    id: 'tag.value-reserved-prefix.acs-accepted',
    family: 'request-shape',
    description: 'A tag value starting with "acs:" is accepted.',
    seams: replacingStep(
      'tag.value-valid',
      judgingTags((tag) => {
        const value = tag.fields.Value ?? '';
        return value.startsWith('acs:') ? withValue(tag, `x${value.slice(1)}`) : tag;
      }),
    ),
  },
  {
    id: 'tag.value-max-length.129-accepted',
    family: 'request-shape',
    description: 'A tag value of 129 characters is accepted.',
    seams: replacingStep(
      'tag.value-valid',
      judgingTags((tag) => {
        const value = tag.fields.Value ?? '';
        return charCount(value) === 129 ? withValue(tag, [...value].slice(0, 128).join('')) : tag;
      }),
    ),
  },
  {
    id: 'tag.key-unique.ignored',
    family: 'request-shape',
    description: 'Two tags with the same key are accepted.',
    seams: withoutStep('tag.key-unique'),
  },
  {
    id: 'tag.max-count.index-only',
    family: 'request-shape',
    description:
      'The tag count is not checked, only the Tag.N index range (21 tags answer InvalidParameter).',
    seams: withoutStep('tag.max-count'),
  },
  {
    id: 'retention-days.range.0-accepted',
    family: 'request-shape',
    description: 'InstantAccessRetentionDays=0 is accepted (range read as 0..65535).',
    seams: replacingStep('retention-days.valid', (ctx, faithful) =>
      ctx.params.get('InstantAccessRetentionDays') === '0' ? undefined : faithful.run(ctx),
    ),
  },
  {
    id: 'retention-days.range.65535-rejected',
    family: 'request-shape',
    description: 'InstantAccessRetentionDays=65535 is rejected (range read as 1..65534).',
    seams: replacingStep(
      'retention-days.valid',
      retentionReadAs((raw) => {
        const days = strictDays(raw);
        return days === 65535 ? Number.NaN : days;
      }),
    ),
  },
  {
    id: 'retention-days.integer.parse-int',
    family: 'request-shape',
    description: 'InstantAccessRetentionDays is read with parseInt: "1.5" and "7days" are taken as 1 and 7.',
    seams: replacingStep(
      'retention-days.valid',
      retentionReadAs((raw) => Number.parseInt(raw, 10)),
    ),
  },
  {
    id: 'instant-access.boolean.lenient',
    family: 'request-shape',
    description: 'InstantAccess other than true/false is read as false instead of rejected.',
    seams: replacingStep('instant-access.boolean', (ctx) => {
      ctx.instantAccess = ctx.params.get('InstantAccess')?.toLowerCase() === 'true';
      return undefined;
    }),
  },
  {
    id: 'disk-ids.max-count.17-accepted',
    family: 'request-shape',
    description: 'Seventeen disks (DiskId.1..17) are accepted: the disk limits are off by one.',
    options: { limits: { ...PAGE_LIMITS, maxDisks: 17, maxDiskIndex: 17 } },
  },
  {
    id: 'disk-ids.max-count.16-rejected',
    family: 'request-shape',
    description: 'Sixteen disks are rejected with NumberExceed.TooManyDisks (limit read as "fewer than 16").',
    seams: replacingStep('disk-ids.max-count', (ctx, faithful) =>
      ctx.diskIds.length >= ctx.limits.maxDisks ? apiError('NumberExceed.TooManyDisks') : faithful.run(ctx),
    ),
  },
  {
    id: 'disk-ids.index-range.17-accepted',
    family: 'request-shape',
    description: 'DiskId.17 is accepted when no more than 16 disks are given (index range off by one).',
    options: { limits: { ...PAGE_LIMITS, maxDiskIndex: 17 } },
  },
];
