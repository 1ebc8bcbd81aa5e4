import fc from 'fast-check';
import type { TagInput } from '../../lib/client/serialise.js';
import type { GenContext } from '../context.js';
import {
  freeTextArbitrary,
  repeatTo,
  tagKeyArbitrary,
  tagValueArbitrary,
  URL_PREFIXES,
} from '../values/text.js';
import type { ParamFault, ParamFaultFactory } from './param.js';
import type { FaultValue } from './shape.js';

const tags = (list: TagInput[], description: string, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { Tag: list },
  description,
  ...(kind === undefined ? {} : { kind }),
});

/** Valid tags around one faulty tag, the whole list within the tag limit and with unique keys. */
function around(ctx: GenContext, faulty: fc.Arbitrary<TagInput>, description: (t: TagInput) => string) {
  const room = Math.max(0, Math.min(3, ctx.tagLimit(ctx.signer.id) - 1));
  const others = fc.uniqueArray(fc.record({ Key: tagKeyArbitrary(), Value: tagValueArbitrary() }), {
    maxLength: room,
    selector: (t) => t.Key.toLowerCase(),
  });
  return fc.tuple(others, faulty, fc.nat()).map(([valid, bad, at]) => {
    const clash = valid.some((t) => t.Key.toLowerCase() === (bad.Key ?? '').toLowerCase());
    const kept = clash ? [] : valid;
    const position = at % (kept.length + 1);
    return tags([...kept.slice(0, position), bad, ...kept.slice(position)], description(bad));
  });
}

const tagFault = (rule: string, fixed: FaultValue[], random: fc.Arbitrary<FaultValue>): ParamFault => ({
  rule,
  touched: ['Tag'],
  fixed,
  random,
});
const keyLength = (t: TagInput): number => (t.Key ?? '').length;
const valueLength = (t: TagInput): number => (t.Value ?? '').length;
const urlInside = (prefix: fc.Arbitrary<string>) =>
  fc
    .tuple(prefix, fc.constantFrom(...URL_PREFIXES), freeTextArbitrary(0, 40))
    .map(([a, url, b]) => a + url + b);
const safeKeyStart = tagKeyArbitrary(40);

export const TAG_FAULTS: Record<string, ParamFaultFactory> = {
  'tag.key-not-empty': (ctx) =>
    tagFault(
      'tag.key-not-empty',
      [
        tags([{ Key: '', Value: 'value' }], 'Tag.1.Key empty', 'wire'),
        tags([{ Value: 'value' }], 'Tag.1.Value without Tag.1.Key', 'wire'),
      ],
      around(
        ctx,
        tagValueArbitrary().map((Value) => ({ Key: '', Value })),
        () => 'a tag with an empty key',
      ),
    ),
  'tag.key-max-length': (ctx) =>
    tagFault(
      'tag.key-max-length',
      [tags([{ Key: repeatTo(129, 'TagKey129-'), Value: 'v' }], 'Tag.1.Key of 129 characters', 'boundary')],
      around(
        ctx,
        fc.record({ Key: tagKeyArbitrary(300, 129), Value: tagValueArbitrary() }),
        (t) => `a tag key of ${keyLength(t)} characters`,
      ),
    ),
  'tag.key-reserved-prefix': (ctx) =>
    tagFault(
      'tag.key-reserved-prefix',
      [
        tags([{ Key: 'acs:key', Value: 'v' }], 'Tag.1.Key starting with acs:', 'boundary'),
        tags([{ Key: 'aliyunKey', Value: 'v' }], 'Tag.1.Key starting with aliyun', 'boundary'),
      ],
      around(
        ctx,
        fc
          .tuple(fc.constantFrom('acs:', 'aliyun'), tagKeyArbitrary(100), tagValueArbitrary())
          .map(([prefix, rest, Value]) => ({ Key: prefix + rest, Value })),
        (t) => `a tag key starting with ${t.Key?.startsWith('acs:') ? 'acs:' : 'aliyun'}`,
      ),
    ),
  'tag.key-no-url': (ctx) =>
    tagFault(
      'tag.key-no-url',
      URL_PREFIXES.map((p) => tags([{ Key: `key-${p}x`, Value: 'v' }], `Tag.1.Key containing ${p}`)),
      around(
        ctx,
        fc.tuple(urlInside(safeKeyStart), tagValueArbitrary()).map(([Key, Value]) => ({ Key, Value })),
        () => 'a tag key containing a URL',
      ),
    ),
  'tag.value-max-length': (ctx) =>
    tagFault(
      'tag.value-max-length',
      [
        tags(
          [{ Key: 'key', Value: repeatTo(129, 'TagValue129-') }],
          'Tag.1.Value of 129 characters',
          'boundary',
        ),
      ],
      around(
        ctx,
        fc.record({ Key: tagKeyArbitrary(), Value: tagValueArbitrary(300, 129) }),
        (t) => `a tag value of ${valueLength(t)} characters`,
      ),
    ),
  'tag.value-reserved-prefix': (ctx) =>
    tagFault(
      'tag.value-reserved-prefix',
      [tags([{ Key: 'key', Value: 'acs:value' }], 'Tag.1.Value starting with acs:', 'boundary')],
      around(
        ctx,
        fc.tuple(tagKeyArbitrary(), tagValueArbitrary(100)).map(([Key, v]) => ({ Key, Value: `acs:${v}` })),
        () => 'a tag value starting with acs:',
      ),
    ),
  'tag.value-no-url': (ctx) =>
    tagFault(
      'tag.value-no-url',
      URL_PREFIXES.map((p) =>
        tags([{ Key: 'key', Value: `see ${p}example.com` }], `Tag.1.Value containing ${p}`),
      ),
      around(
        ctx,
        fc.tuple(tagKeyArbitrary(), urlInside(tagValueArbitrary(40))).map(([Key, Value]) => ({ Key, Value })),
        () => 'a tag value containing a URL',
      ),
    ),
  'tag.key-unique': (ctx) =>
    tagFault(
      'tag.key-unique',
      [
        tags(
          [
            { Key: 'key', Value: 'a' },
            { Key: 'key', Value: 'b' },
          ],
          'Tag.1.Key and Tag.2.Key equal',
        ),
      ],
      fc
        .tuple(
          fc.uniqueArray(fc.record({ Key: tagKeyArbitrary(), Value: tagValueArbitrary() }), {
            minLength: 1,
            maxLength: Math.max(1, Math.min(3, ctx.tagLimit(ctx.signer.id) - 1)),
            selector: (t) => t.Key.toLowerCase(),
          }),
          fc.nat(),
          tagValueArbitrary(),
        )
        .map(([list, at, Value]) => {
          const copied = list[at % list.length] as TagInput;
          return tags([...list, { Key: copied.Key, Value }], 'two tags with the same key');
        }),
    ),
  'tag.max-count': (ctx) => {
    const over = ctx.limits.maxTags + 1;
    const numbered = Array.from({ length: over }, (_, i) => ({ Key: `key${i + 1}`, Value: `value${i + 1}` }));
    return tagFault(
      'tag.max-count',
      [tags(numbered, `${over} tags (maxTags + 1)`, 'boundary')],
      fc
        .uniqueArray(fc.record({ Key: tagKeyArbitrary(60), Value: tagValueArbitrary(60) }), {
          minLength: over,
          maxLength: over + 3,
          selector: (t) => t.Key.toLowerCase(),
        })
        .map((list) => tags(list, `${list.length} tags`)),
    );
  },
};
