import fc from 'fast-check';
import type { TextLimits } from '../../lib/spec/request-limits.js';
import { memoised, memoisedOn } from './memoised.js';

/**
 * Text values drawn within the request schema's limits (lib/spec/request-limits.ts): lengths, the pattern's
 * characters, forbidden prefixes and infixes. Nothing here knows a limit of the page: edit the spec and
 * every value follows. "Letters" in the Name pattern are ASCII (the spec says why).
 */

/** Probe characters for "outside the allowed set": punctuation, space and letters of other scripts. */
const PROBE_CHARACTERS = [' ', '/', '@', '#', '!', '+', '=', ',', '*', '(', '~', '%', '☃', '€', '。'];

/** Characters of the probe set that the pattern allows nowhere (no reading of it could allow them). */
export const charactersOutside = (limits: TextLimits): string[] =>
  PROBE_CHARACTERS.filter(
    (c) => !(limits.charset?.rest ?? '').includes(c) && !firstChars(limits).includes(c),
  );

/** Characters allowed later in the value but not first. */
export const charactersNotFirst = (limits: TextLimits): string[] =>
  [...(limits.charset?.rest ?? '')].filter((c) => !firstChars(limits).includes(c) && c.trim() !== '');

const firstChars = (limits: TextLimits): string => limits.charset?.first ?? '';

/** A value holding every character the pattern allows (from an allowed first one), cut to maxLength. */
export const everyAllowedCharacter = (limits: TextLimits): string => {
  const charset = limits.charset;
  if (charset === undefined) throw new Error(`${limits.schema} has no pattern`);
  return `${charset.first.charAt(charset.first.length - 1)}${charset.rest}`.slice(0, limits.maxLength);
};

/** A Description-like value with ASCII punctuation and BMP characters of several scripts (no astral planes). */
export const DESCRIPTION_ALL_KINDS =
  'Desc: ASCII !"#$%&\'()*+,-./;<=>?@[\\]^_`{|}~ Ünïcødé 中文 日本語 한국어 Ελληνικά العربية ☃ € — end';

/** Case-insensitively, so that no valid value depends on how a target compares prefixes. */
const startsWithAny = (value: string, prefixes: readonly string[]): boolean => {
  if (prefixes.length === 0) return false;
  // Only the head can match: lower-casing whole 256-character values per prefix showed in generation's profile.
  const head = value.slice(0, Math.max(...prefixes.map((p) => p.length))).toLowerCase();
  return prefixes.some((p) => head.startsWith(p.toLowerCase()));
};
const containsAny = (value: string, infixes: readonly string[]): boolean => {
  if (infixes.length === 0) return false;
  const lower = value.toLowerCase();
  return infixes.some((i) => lower.includes(i.toLowerCase()));
};
/** Whether a value keeps clear of the schema's `not` patterns (compared case-insensitively). */
export const avoidsForbidden = (limits: TextLimits, value: string): boolean =>
  !startsWithAny(value, limits.forbiddenPrefixes) && !containsAny(value, limits.forbiddenInfixes);

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
export const characterOf = (text: string): fc.Arbitrary<string> =>
  fc.integer({ min: 0, max: text.length - 1 }).map((i) => text.charAt(i));

const bmpCharacter = (): fc.Arbitrary<string> => characterOf(visibleBmp());
const PRINTABLE_ASCII = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
const printableAscii = (): fc.Arbitrary<string> => characterOf(PRINTABLE_ASCII);
const noOuterSpace = (value: string): boolean => value === value.trim();

/** Free text: mostly ASCII, with BMP characters of any script, no surrounding whitespace. */
export const freeTextArbitrary = memoised((minLength: number, maxLength: number): fc.Arbitrary<string> => {
  const unit = fc.oneof({ weight: 3, arbitrary: printableAscii() }, { weight: 1, arbitrary: bmpCharacter() });
  // size 'large': without it fast-check stays near 10 characters whatever maxLength says.
  return fc.string({ unit, minLength, maxLength, size: 'large' }).filter(noOuterSpace);
});

/** Values of the pattern's characters: one allowed first character, then allowed ones. */
const patternArbitrary = memoised((first: string, rest: string, minLength: number, maxLength: number) =>
  fc
    .tuple(
      characterOf(first),
      fc.string({
        unit: characterOf(rest),
        minLength: Math.max(0, minLength - 1),
        maxLength: maxLength - 1,
        size: 'large',
      }),
    )
    .map(([head, tail]) => head + tail),
);

/**
 * A valid value of a text parameter, `minLength` to `maxLength` characters (default: the schema's): the
 * pattern's characters when it has one, else free text; never a forbidden prefix or infix.
 */
export const textArbitrary = memoisedOn(buildTextArbitrary);

function buildTextArbitrary(
  limits: TextLimits,
  minLength: number = limits.minLength,
  maxLength: number = limits.maxLength,
): fc.Arbitrary<string> {
  const drawn =
    limits.charset === undefined
      ? freeTextArbitrary(minLength, maxLength)
      : patternArbitrary(limits.charset.first, limits.charset.rest, minLength, maxLength);
  return canHoldForbidden(limits) ? drawn.filter((value) => avoidsForbidden(limits, value)) : drawn;
}

/** Whether a value of the pattern's characters could hold a forbidden word (a Name cannot hold `http://`). */
function canHoldForbidden(limits: TextLimits): boolean {
  const words = [...limits.forbiddenPrefixes, ...limits.forbiddenInfixes];
  const allowed = limits.charset === undefined ? undefined : limits.charset.first + limits.charset.rest;
  return words.some((word) => allowed === undefined || [...word].every((c) => allowed.includes(c)));
}

/** ASCII UUIDs, as the SDKs make them (within any token limit of 36 characters or more). */
export const clientTokenArbitrary = (): fc.Arbitrary<string> => fc.uuid();

/** `length` characters cycling through `alphabet`, for fixed boundary values. */
export const repeatTo = (length: number, alphabet: string): string => {
  let out = '';
  while (out.length < length) out += alphabet;
  return out.slice(0, length);
};
