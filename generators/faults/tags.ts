import fc from 'fast-check';
import type { TagInput } from '../../lib/client/serialise.js';
import type { RequestTextLimits } from '../../lib/spec/request-limits.js';
import type { GenContext } from '../context.js';
import { freeTextArbitrary, repeatTo, textArbitrary } from '../values/text.js';
import type { ParamFault, ParamFaultFactory } from './param.js';
import type { FaultValue } from './shape.js';

const tags = (list: TagInput[], description: string, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { Tag: list },
  description,
  ...(kind === undefined ? {} : { kind }),
});

/** Valid keys and values, within the request schema's limits (lib/spec/request-limits.ts). */
const keys = (ctx: GenContext, maxLength?: number, minLength?: number) =>
  textArbitrary(ctx.profile.request.tagKey, minLength, maxLength);
const values = (ctx: GenContext, maxLength?: number, minLength?: number) =>
  textArbitrary(ctx.profile.request.tagValue, minLength, maxLength);
const limitsOf = (ctx: GenContext): RequestTextLimits => ctx.profile.request;

/** Valid tags around one faulty tag, the whole list within the tag limit and with unique keys. */
function around(ctx: GenContext, faulty: fc.Arbitrary<TagInput>, description: (t: TagInput) => string) {
  const room = Math.max(0, Math.min(3, ctx.tagLimit(ctx.signer.id) - 1));
  const others = fc.uniqueArray(fc.record({ Key: keys(ctx), Value: values(ctx) }), {
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
/** Some text, one of the forbidden infixes, some text. */
const infixInside = (start: fc.Arbitrary<string>, infixes: readonly string[]) =>
  fc
    .tuple(start, fc.constantFrom(...infixes), freeTextArbitrary(0, 40))
    .map(([a, infix, b]) => a + infix + b);

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
        values(ctx).map((Value) => ({ Key: '', Value })),
        () => 'a tag with an empty key',
      ),
    ),
  'tag.key-max-length': (ctx) => {
    const over = limitsOf(ctx).tagKey.maxLength + 1;
    return tagFault(
      'tag.key-max-length',
      [
        tags(
          [{ Key: repeatTo(over, 'TagKeyLong-'), Value: 'v' }],
          `Tag.1.Key of ${over} characters`,
          'boundary',
        ),
      ],
      around(
        ctx,
        fc.record({ Key: keys(ctx, 2 * over, over), Value: values(ctx) }),
        (t) => `a tag key of ${keyLength(t)} characters`,
      ),
    );
  },
  'tag.key-reserved-prefix': (ctx) => {
    const prefixes = limitsOf(ctx).tagKey.forbiddenPrefixes;
    return tagFault(
      'tag.key-reserved-prefix',
      prefixes.map((p) => tags([{ Key: `${p}Key`, Value: 'v' }], `Tag.1.Key starting with ${p}`, 'boundary')),
      around(
        ctx,
        fc
          .tuple(fc.constantFrom(...prefixes), keys(ctx, 100), values(ctx))
          .map(([prefix, rest, Value]) => ({ Key: prefix + rest, Value })),
        (t) => `a tag key starting with ${prefixes.find((p) => t.Key?.startsWith(p))}`,
      ),
    );
  },
  'tag.key-no-url': (ctx) => {
    const infixes = limitsOf(ctx).tagKey.forbiddenInfixes;
    return tagFault(
      'tag.key-no-url',
      infixes.map((i) => tags([{ Key: `key-${i}x`, Value: 'v' }], `Tag.1.Key containing ${i}`)),
      around(
        ctx,
        fc.tuple(infixInside(keys(ctx, 40), infixes), values(ctx)).map(([Key, Value]) => ({ Key, Value })),
        () => 'a tag key containing a URL',
      ),
    );
  },
  'tag.value-max-length': (ctx) => {
    const over = limitsOf(ctx).tagValue.maxLength + 1;
    return tagFault(
      'tag.value-max-length',
      [
        tags(
          [{ Key: 'key', Value: repeatTo(over, 'TagValueLong-') }],
          `Tag.1.Value of ${over} characters`,
          'boundary',
        ),
      ],
      around(
        ctx,
        fc.record({ Key: keys(ctx), Value: values(ctx, 2 * over, over) }),
        (t) => `a tag value of ${valueLength(t)} characters`,
      ),
    );
  },
  'tag.value-reserved-prefix': (ctx) => {
    const prefixes = limitsOf(ctx).tagValue.forbiddenPrefixes;
    return tagFault(
      'tag.value-reserved-prefix',
      prefixes.map((p) =>
        tags([{ Key: 'key', Value: `${p}value` }], `Tag.1.Value starting with ${p}`, 'boundary'),
      ),
      around(
        ctx,
        fc
          .tuple(keys(ctx), fc.constantFrom(...prefixes), values(ctx, 100))
          .map(([Key, p, v]) => ({ Key, Value: `${p}${v}` })),
        (t) => `a tag value starting with ${prefixes.find((p) => t.Value?.startsWith(p))}`,
      ),
    );
  },
  'tag.value-no-url': (ctx) => {
    const infixes = limitsOf(ctx).tagValue.forbiddenInfixes;
    return tagFault(
      'tag.value-no-url',
      infixes.map((i) => tags([{ Key: 'key', Value: `see ${i}example.com` }], `Tag.1.Value containing ${i}`)),
      around(
        ctx,
        fc.tuple(keys(ctx), infixInside(values(ctx, 40), infixes)).map(([Key, Value]) => ({ Key, Value })),
        () => 'a tag value containing a URL',
      ),
    );
  },
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
          fc.uniqueArray(fc.record({ Key: keys(ctx), Value: values(ctx) }), {
            minLength: 1,
            maxLength: Math.max(1, Math.min(3, ctx.tagLimit(ctx.signer.id) - 1)),
            selector: (t) => t.Key.toLowerCase(),
          }),
          fc.nat(),
          values(ctx),
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
        .uniqueArray(fc.record({ Key: keys(ctx, 60), Value: values(ctx, 60) }), {
          minLength: over,
          maxLength: over + 3,
          selector: (t) => t.Key.toLowerCase(),
        })
        .map((list) => tags(list, `${list.length} tags`)),
    );
  },
};
