import fc from 'fast-check';
import {
  bmpCharacter,
  descriptionArbitrary,
  freeTextArbitrary,
  letterArbitrary,
  NAME_BAD_FIRST,
  NAME_FORBIDDEN,
  NAME_REST,
  nameArbitrary,
  repeatTo,
  URL_PREFIXES,
} from '../values/text.js';
import type { ParamFault, ParamFaultFactory } from './param.js';
import type { FaultValue } from './shape.js';

const name = (value: string, description: string, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { Name: value },
  description,
  ...(kind === undefined ? {} : { kind }),
});
const desc = (value: string, description: string, kind?: FaultValue['kind']): FaultValue => ({
  attributes: { Description: value },
  description,
  ...(kind === undefined ? {} : { kind }),
});
const nameFault = (rule: string, fixed: FaultValue[], random: fc.Arbitrary<FaultValue>): ParamFault => ({
  rule,
  touched: ['Name'],
  fixed,
  random,
});
const descriptionFault = (
  rule: string,
  fixed: FaultValue[],
  random: fc.Arbitrary<FaultValue>,
): ParamFault => ({
  rule,
  touched: ['Description'],
  fixed,
  random,
});

export const NAME_FAULTS: Record<string, ParamFaultFactory> = {
  'name.min-length': () =>
    nameFault(
      'name.min-length',
      [name('N', 'Name of 1 character', 'boundary')],
      letterArbitrary().map((l) => name(l, 'Name of 1 character')),
    ),
  'name.max-length': () =>
    nameFault(
      'name.max-length',
      [name(`N${repeatTo(128, NAME_REST)}`, 'Name of 129 characters', 'boundary')],
      nameArbitrary(129, 300).map((n) => name(n, `Name of ${n.length} characters`)),
    ),
  'name.charset': () =>
    nameFault(
      'name.charset',
      [name('Bad name', 'Name with a space'), name('Bad/name@x', "Name with '/' and '@'")],
      fc
        .tuple(nameArbitrary(2, 100), fc.constantFrom(...NAME_FORBIDDEN), fc.nat())
        .map(([valid, bad, at]) => {
          const position = 1 + (at % valid.length);
          return name(`${valid.slice(0, position)}${bad}${valid.slice(position)}`, `Name with '${bad}'`);
        }),
    ),
  'name.starts-with-letter': () =>
    nameFault(
      'name.starts-with-letter',
      [name('1name', 'Name starting with a digit'), name('_name', "Name starting with '_'")],
      fc
        .tuple(
          fc.constantFrom(...NAME_BAD_FIRST),
          fc.string({ unit: fc.constantFrom(...NAME_REST), minLength: 1, maxLength: 100 }),
        )
        .map(([first, rest]) => name(first + rest, `Name starting with '${first}'`)),
    ),
  'name.no-url-prefix': () => ({
    // Catalogue note: such a Name also holds '/', outside the allowed characters (same codes either way).
    ...nameFault(
      'name.no-url-prefix',
      URL_PREFIXES.map((p) => name(`${p}example`, `Name starting with ${p}`, 'boundary')),
      fc
        .tuple(
          fc.constantFrom(...URL_PREFIXES),
          fc.string({ unit: fc.constantFrom(...NAME_REST), maxLength: 100 }),
        )
        .map(([prefix, rest]) => name(prefix + rest, `Name starting with ${prefix}`)),
    ),
    alsoBreaks: ['name.charset'],
  }),
};

export const DESCRIPTION_FAULTS: Record<string, ParamFaultFactory> = {
  'description.min-length': () =>
    descriptionFault(
      'description.min-length',
      [desc('D', 'Description of 1 character', 'boundary')],
      fc.oneof(letterArbitrary(), bmpCharacter()).map((c) => desc(c, 'Description of 1 character')),
    ),
  'description.max-length': () =>
    descriptionFault(
      'description.max-length',
      [desc(repeatTo(257, 'Description-257 '), 'Description of 257 characters', 'boundary')],
      descriptionArbitrary(257, 400).map((d) => desc(d, `Description of ${d.length} characters`)),
    ),
  'description.no-url-prefix': () =>
    descriptionFault(
      'description.no-url-prefix',
      URL_PREFIXES.map((p) => desc(`${p}example.com/x`, `Description starting with ${p}`, 'boundary')),
      fc
        .tuple(fc.constantFrom(...URL_PREFIXES), freeTextArbitrary(0, 200))
        .map(([prefix, rest]) => desc(prefix + rest, `Description starting with ${prefix}`)),
    ),
};
