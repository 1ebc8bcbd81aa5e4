import fc from 'fast-check';
import { memoised } from './memoised.js';

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
const startsWithAny = (value: string, prefixes: readonly string[]): boolean => {
  // Only the head can match (the prefixes are ASCII): lower-casing whole 256-character values per prefix
  // showed in generation's profile.
  const head = value.slice(0, Math.max(...prefixes.map((p) => p.length))).toLowerCase();
  return prefixes.some((p) => head.startsWith(p));
};
const containsUrl = (value: string): boolean => /https?:\/\//i.test(value);
export const URL_PREFIXES = ['http://', 'https://'] as const;

const VISIBLE = /^[\p{L}\p{N}\p{P}\p{S}]$/u;

/**
 * Every BMP character from U+00A1 that is a letter, digit, punctuation mark or symbol (no space,
 * control, format, private-use, unassigned or surrogate code point), in code point order: text any
 * target stores as sent. Listed once, on first use: drawing an index into it costs a quarter of what
 * drawing a code point and filtering it did, and free text is most of what generation spends.
 */
let bmpVisible: string | undefined;
const visibleBmp = (): string => {
  if (bmpVisible === undefined) {
    let text = '';
    for (let code = 0xa1; code <= 0xffef; code++) {
      const c = String.fromCharCode(code);
      if (VISIBLE.test(c)) text += c;
    }
    bmpVisible = text;
  }
  return bmpVisible;
};

/** One character of `text`, uniformly; shrinks toward the first. */
const characterOf = (text: string): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: text.length - 1 }).map((i) => text.charAt(i));

export const bmpCharacter = (): fc.Arbitrary<string> => characterOf(visibleBmp());
const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const printableAscii = (): fc.Arbitrary<string> => characterOf(PRINTABLE_ASCII);
const noOuterSpace = (value: string): boolean => value === value.trim();

export const letterArbitrary = (): fc.Arbitrary<string> => fc.constantFrom(...ASCII_LETTERS);

export const nameArbitrary = memoised(
  (minLength: number = 2, maxLength: number = 128): fc.Arbitrary<string> =>
    fc
      .tuple(
        letterArbitrary(),
        fc.string({
          unit: fc.constantFrom(...NAME_REST),
          minLength: minLength - 1,
          maxLength: maxLength - 1,
          size: 'large',
        }),
      )
      .map(([first, rest]) => first + rest),
);

/** Free text: mostly ASCII, with BMP characters of any script, no surrounding whitespace. */
export const freeTextArbitrary = memoised((minLength: number, maxLength: number): fc.Arbitrary<string> => {
  const unit = fc.oneof({ weight: 3, arbitrary: printableAscii() }, { weight: 1, arbitrary: bmpCharacter() });
  // size 'large': without it fast-check stays near 10 characters whatever maxLength says.
  return fc.string({ unit, minLength, maxLength, size: 'large' }).filter(noOuterSpace);
});

export const descriptionArbitrary = memoised(
  (minLength: number = 2, maxLength: number = 256): fc.Arbitrary<string> =>
    freeTextArbitrary(minLength, maxLength).filter((d) => !startsWithAny(d, URL_PREFIXES)),
);

export const tagKeyArbitrary = memoised(
  (maxLength: number = 128, minLength: number = 1): fc.Arbitrary<string> =>
    freeTextArbitrary(minLength, maxLength).filter(
      (k) => !startsWithAny(k, ['acs:', 'aliyun']) && !containsUrl(k),
    ),
);

export const tagValueArbitrary = memoised(
  (maxLength: number = 128, minLength: number = 0): fc.Arbitrary<string> =>
    freeTextArbitrary(minLength, maxLength).filter((v) => !startsWithAny(v, ['acs:']) && !containsUrl(v)),
);

/** ASCII, at most 64 characters (protocol.md): UUID-shaped, as the SDKs make them. */
export const clientTokenArbitrary = (): fc.Arbitrary<string> => fc.uuid();

/** `length` characters cycling through `alphabet`, for fixed boundary values. */
export const repeatTo = (length: number, alphabet: string): string => {
  let out = '';
  while (out.length < length) out += alphabet;
  return out.slice(0, length);
};
