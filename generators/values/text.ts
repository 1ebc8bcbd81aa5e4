import fc from 'fast-check';

/**
 * Allowed characters, read from the page. Name: "letters, digits, periods, underscores, hyphens and
 * colons ... must start with a letter"; whether "letters" includes non-ASCII letters is not said, so
 * valid names use ASCII letters only and charset faults use no letters at all (catalogue ambiguity).
 */
export const ASCII_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const DIGITS = '0123456789';
export const NAME_PUNCTUATION = '._-:';
export const NAME_REST = `${ASCII_LETTERS}${DIGITS}${NAME_PUNCTUATION}`;
/** Characters no reading of the Name rule allows (no letters of any script among them). */
export const NAME_FORBIDDEN = [' ', '/', '@', '#', '!', '+', '=', ',', '*', '(', '~', '%', '☃', '€', '。'];
/** Printable ASCII without letters and digits: none of them may begin a Name. */
export const NAME_BAD_FIRST = [...DIGITS, ...NAME_PUNCTUATION];

/** A Name with every allowed character, starting with a letter (67 characters). */
export const NAME_ALL_CHARACTERS = `N${ASCII_LETTERS}${DIGITS}${NAME_PUNCTUATION}`;
/** A Description with ASCII punctuation and BMP characters of several scripts (no astral planes). */
export const DESCRIPTION_ALL_KINDS =
  'Desc: ASCII !"#$%&\'()*+,-./;<=>?@[\\]^_`{|}~ Ünïcødé 中文 日本語 한국어 Ελληνικά العربية ☃ € — end';

/** Case-insensitively, so that no valid value depends on how a target compares prefixes. */
const startsWithAny = (value: string, prefixes: readonly string[]): boolean =>
  prefixes.some((p) => value.toLowerCase().startsWith(p));
const containsUrl = (value: string): boolean => /https?:\/\//i.test(value);
export const URL_PREFIXES = ['http://', 'https://'] as const;

/**
 * A BMP character that is a letter, digit, punctuation mark or symbol (no space, control, format,
 * private-use, unassigned or surrogate code point): text any target stores as sent.
 */
export const bmpCharacter = (): fc.Arbitrary<string> =>
  fc
    .integer({ min: 0xa1, max: 0xffef })
    .map((c) => String.fromCharCode(c))
    .filter((c) => VISIBLE.test(c));
const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;
const printableAscii = (): fc.Arbitrary<string> =>
  fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));
const noOuterSpace = (value: string): boolean => value === value.trim();

export const letterArbitrary = (): fc.Arbitrary<string> => fc.constantFrom(...ASCII_LETTERS);

export function nameArbitrary(minLength = 2, maxLength = 128): fc.Arbitrary<string> {
  return fc
    .tuple(
      letterArbitrary(),
      fc.string({
        unit: fc.constantFrom(...NAME_REST),
        minLength: minLength - 1,
        maxLength: maxLength - 1,
        size: 'large',
      }),
    )
    .map(([first, rest]) => first + rest);
}

/** Free text: mostly ASCII, with BMP characters of any script, no surrounding whitespace. */
export function freeTextArbitrary(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const unit = fc.oneof({ weight: 3, arbitrary: printableAscii() }, { weight: 1, arbitrary: bmpCharacter() });
  // size 'large': without it fast-check stays near 10 characters whatever maxLength says.
  return fc.string({ unit, minLength, maxLength, size: 'large' }).filter(noOuterSpace);
}

export const descriptionArbitrary = (minLength = 2, maxLength = 256): fc.Arbitrary<string> =>
  freeTextArbitrary(minLength, maxLength).filter((d) => !startsWithAny(d, URL_PREFIXES));

export const tagKeyArbitrary = (maxLength = 128, minLength = 1): fc.Arbitrary<string> =>
  freeTextArbitrary(minLength, maxLength).filter(
    (k) => !startsWithAny(k, ['acs:', 'aliyun']) && !containsUrl(k),
  );

export const tagValueArbitrary = (maxLength = 128, minLength = 0): fc.Arbitrary<string> =>
  freeTextArbitrary(minLength, maxLength).filter((v) => !startsWithAny(v, ['acs:']) && !containsUrl(v));

/** ASCII, at most 64 characters (protocol.md): UUID-shaped, as the SDKs make them. */
export const clientTokenArbitrary = (): fc.Arbitrary<string> => fc.uuid();

/** `length` characters cycling through `alphabet`, for fixed boundary values. */
export const repeatTo = (length: number, alphabet: string): string => {
  let out = '';
  while (out.length < length) out += alphabet;
  return out.slice(0, length);
};
