import fc from 'fast-check';
import type { TextLimits } from '../../lib/spec/request-limits.js';
import type { GenContext } from '../context.js';
import {
  characterOf,
  charactersNotFirst,
  charactersOutside,
  freeTextArbitrary,
  repeatTo,
  textArbitrary,
} from '../values/text.js';
import type { ParamFault, ParamFaultFactory } from './param.js';
import type { FaultValue } from './shape.js';

/** Name and Description faults, each across one keyword of the request schema (lib/spec/request-limits). */
type Field = 'Name' | 'Description';

const faultValue = (
  field: Field,
  value: string,
  description: string,
  kind?: FaultValue['kind'],
): FaultValue => ({
  attributes: { [field]: value },
  description,
  ...(kind === undefined ? {} : { kind }),
});
const fault = (
  field: Field,
  rule: string,
  fixed: FaultValue[],
  random: fc.Arbitrary<FaultValue>,
): ParamFault => ({
  rule,
  touched: [field],
  fixed,
  random,
});

/** One character short of the schema's minLength (an allowed character, so only the length is wrong). */
function tooShort(field: Field, limits: TextLimits): ParamFault {
  const length = limits.minLength - 1;
  const allowed = limits.charset?.first ?? 'D';
  const short = (value: string) =>
    faultValue(field, value, `${field} of ${length} character${length === 1 ? '' : 's'}`);
  const random =
    limits.charset === undefined ? freeTextArbitrary(length, length) : textArbitrary(limits, length, length);
  return fault(
    field,
    `${field.toLowerCase()}.min-length`,
    [{ ...short(repeatTo(length, allowed)), kind: 'boundary' }],
    random.map(short),
  );
}

/** One character past maxLength (boundary), or up to twice as long (random), otherwise valid. */
function tooLong(field: Field, limits: TextLimits, filler: string): ParamFault {
  const over = limits.maxLength + 1;
  const long = (value: string) => faultValue(field, value, `${field} of ${value.length} characters`);
  const head = limits.charset?.first.charAt(limits.charset.first.length - 1) ?? '';
  return fault(
    field,
    `${field.toLowerCase()}.max-length`,
    [{ ...long(`${head}${repeatTo(over - head.length, filler)}`), kind: 'boundary' }],
    textArbitrary(limits, over, Math.max(over, 2 * limits.maxLength)).map(long),
  );
}

/** The value starts with each forbidden prefix (boundary), then anything. */
function forbiddenPrefix(
  field: Field,
  limits: TextLimits,
  rest: fc.Arbitrary<string>,
  example: string,
): ParamFault {
  const starting = (prefix: string, value: string, kind?: FaultValue['kind']) =>
    faultValue(field, value, `${field} starting with ${prefix}`, kind);
  return fault(
    field,
    `${field.toLowerCase()}.no-url-prefix`,
    limits.forbiddenPrefixes.map((p) => starting(p, `${p}${example}`, 'boundary')),
    fc.tuple(fc.constantFrom(...limits.forbiddenPrefixes), rest).map(([p, r]) => starting(p, p + r)),
  );
}

export const NAME_FAULTS: Record<string, ParamFaultFactory> = {
  'name.min-length': (ctx) => tooShort('Name', ctx.profile.request.name),
  'name.max-length': (ctx) => {
    const limits = ctx.profile.request.name;
    return tooLong('Name', limits, limits.charset?.rest ?? 'n');
  },
  'name.charset': (ctx) => {
    const limits = ctx.profile.request.name;
    const bad = charactersOutside(limits);
    return fault(
      'Name',
      'name.charset',
      [
        // Outside the pattern in the middle, at two places, and last (first is name.starts-with-letter's).
        faultValue('Name', `Bad${bad[0]}name`, `Name with '${bad[0]}'`),
        faultValue('Name', `Bad${bad[1]}name${bad[2]}x`, `Name with '${bad[1]}' and '${bad[2]}'`),
        faultValue('Name', `Badname${bad[3]}`, `Name ending with '${bad[3]}'`),
      ],
      fc
        .tuple(
          textArbitrary(limits, limits.minLength, Math.max(limits.minLength, limits.maxLength - 1)),
          fc.constantFrom(...bad),
          fc.nat(),
        )
        .map(([valid, c, at]) => {
          const position = 1 + (at % valid.length);
          return faultValue(
            'Name',
            `${valid.slice(0, position)}${c}${valid.slice(position)}`,
            `Name with '${c}'`,
          );
        }),
    );
  },
  'name.starts-with-letter': (ctx) => {
    const limits = ctx.profile.request.name;
    // A digit and a punctuation mark first, where the pattern allows them later.
    const notFirst = charactersNotFirst(limits);
    const examples = [notFirst.find((c) => /[0-9]/.test(c)), notFirst.find((c) => !/[A-Za-z0-9]/.test(c))];
    const rest = limits.charset?.rest ?? '';
    return fault(
      'Name',
      'name.starts-with-letter',
      examples
        .filter((c) => c !== undefined)
        .map((c) => faultValue('Name', `${c}name`, `Name starting with '${c}'`)),
      fc
        .tuple(
          fc.constantFrom(...notFirst),
          fc.string({
            unit: characterOf(rest),
            minLength: limits.minLength - 1,
            maxLength: limits.maxLength - 1,
          }),
        )
        .map(([first, tail]) => faultValue('Name', first + tail, `Name starting with '${first}'`)),
    );
  },
  'name.no-url-prefix': (ctx) => {
    const limits = ctx.profile.request.name;
    const rest = limits.charset?.rest ?? '';
    return {
      // Catalogue note: such a Name also holds characters outside the pattern (same codes either way).
      ...forbiddenPrefix(
        'Name',
        limits,
        fc.string({ unit: characterOf(rest), maxLength: limits.maxLength / 2 }),
        'example',
      ),
      alsoBreaks: ['name.charset'],
    };
  },
};

export const DESCRIPTION_FAULTS: Record<string, ParamFaultFactory> = {
  'description.min-length': (ctx) => tooShort('Description', ctx.profile.request.description),
  'description.max-length': (ctx) =>
    tooLong('Description', ctx.profile.request.description, 'Description-long-'),
  'description.no-url-prefix': (ctx: GenContext) => {
    const limits = ctx.profile.request.description;
    return forbiddenPrefix(
      'Description',
      limits,
      freeTextArbitrary(0, limits.maxLength - Math.max(...limits.forbiddenPrefixes.map((p) => p.length))),
      'example.com/x',
    );
  },
};
