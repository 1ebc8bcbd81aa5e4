/**
 * The few regular-expression shapes the request schema uses, read back into data a generator can draw from:
 * a character class per position (`^[A-Za-z][A-Za-z0-9._:-]*$`), and literal words with optional characters
 * in a `not` (`^https?://` → `http://`, `https://`). Anything else is an E_SPEC naming the pattern, so a new
 * kind of pattern in the spec is noticed rather than silently ignored by the generators.
 */
import { ToolError } from '../errors.js';

/**
 * The characters of a class body (`A-Za-z0-9._:-`, `\x00-\x7F`), each once, in the order written: values
 * drawn from it shrink toward its first character (a letter, for the Name).
 */
export function expandClass(body: string, where: string): string {
  const units: number[] = [];
  for (let i = 0; i < body.length; ) {
    const [first, next] = classUnit(body, i, where);
    if (body[next] === '-' && next + 1 < body.length) {
      const [last, after] = classUnit(body, next + 1, where);
      if (last < first) throw new ToolError('E_SPEC', `${where}: range out of order in [${body}]`);
      for (let code = first; code <= last; code++) units.push(code);
      i = after;
    } else {
      units.push(first);
      i = next;
    }
  }
  return String.fromCharCode(...new Set(units));
}

function classUnit(body: string, at: number, where: string): [number, number] {
  const c = body[at] as string;
  if (c !== '\\') return [c.charCodeAt(0), at + 1];
  const escaped = body[at + 1];
  if (escaped === 'x') {
    const hex = body.slice(at + 2, at + 4);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new ToolError('E_SPEC', `${where}: bad \\x escape in [${body}]`);
    return [Number.parseInt(hex, 16), at + 4];
  }
  if (escaped === undefined || /[A-Za-z0-9]/.test(escaped))
    throw new ToolError('E_SPEC', `${where}: unsupported escape \\${escaped ?? ''} in [${body}]`);
  return [escaped.charCodeAt(0), at + 2];
}

export interface Charset {
  /** Characters the first position may hold. */
  first: string;
  /** Characters every later position may hold. */
  rest: string;
}

/** `^[first][rest]*$` or `^[rest]*$`. */
export function charsetOf(pattern: string, where: string): Charset {
  const two = /^\^\[((?:\\.|[^\]\\])+)\]\[((?:\\.|[^\]\\])+)\]\*\$$/.exec(pattern);
  if (two) return { first: expandClass(two[1] as string, where), rest: expandClass(two[2] as string, where) };
  const one = /^\^\[((?:\\.|[^\]\\])+)\]\*\$$/.exec(pattern);
  if (one) {
    const rest = expandClass(one[1] as string, where);
    return { first: rest, rest };
  }
  throw new ToolError(
    'E_SPEC',
    `${where}: pattern ${pattern} is not of the form ^[first][rest]*$ or ^[chars]*$`,
  );
}

export interface LiteralPattern {
  anchored: boolean;
  /** Every string the pattern's literal reads as (one per choice of its optional characters). */
  words: string[];
}

/** `^acs:`, `https?://`: literal characters, each optionally followed by `?`, optionally anchored with `^`. */
export function literalWordsOf(pattern: string, where: string): LiteralPattern {
  const anchored = pattern.startsWith('^');
  let words = [''];
  for (let i = anchored ? 1 : 0; i < pattern.length; i++) {
    let c = pattern[i] as string;
    if (c === '\\') {
      i += 1;
      c = pattern[i] ?? '';
      if (c === '' || /[A-Za-z0-9]/.test(c))
        throw new ToolError('E_SPEC', `${where}: unsupported escape in pattern ${pattern}`);
    } else if ('[](){}|*+.$^?'.includes(c)) {
      throw new ToolError('E_SPEC', `${where}: pattern ${pattern} is not a literal word (at '${c}')`);
    }
    const optional = pattern[i + 1] === '?';
    words = optional ? words.flatMap((w) => [w, w + c]) : words.map((w) => w + c);
    if (optional) i += 1;
  }
  if (words.some((w) => w === ''))
    throw new ToolError('E_SPEC', `${where}: pattern ${pattern} can match nothing`);
  return { anchored, words };
}
