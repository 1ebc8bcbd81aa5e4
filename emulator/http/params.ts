import type { WireParams } from '../../lib/cases.js';
import { type ApiError, invalidParameter } from '../protocol/errors.js';

/** Far above what any operation here needs (3 x 128 list entries at the widest profile). */
export const MAX_PARAMETERS = 1000;

const decodeComponent = (raw: string): string | undefined => {
  // Form encoding: '+' is a space (SDKs always send a literal plus as %2B).
  const spaced = raw.includes('+') ? raw.replaceAll('+', ' ') : raw;
  if (!spaced.includes('%')) return spaced;
  try {
    // Strict: throws on a stray '%', a short escape, and bytes that are not UTF-8.
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
};

/**
 * Appends the `name=value` pairs of a query string or a form body to `into`, decoded. Duplicates and
 * odd names are kept: the signature covers them, and each operation decides what they mean.
 */
export const parseUrlEncoded = (text: string, into: WireParams): ApiError | undefined => {
  if (text === '') return undefined;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (into.length >= MAX_PARAMETERS) {
      return invalidParameter('*', `a request may carry at most ${MAX_PARAMETERS} parameters`);
    }
    const eq = pair.indexOf('=');
    const name = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeComponent(pair.slice(eq + 1));
    if (name === undefined || value === undefined) {
      return invalidParameter(eq < 0 ? pair : pair.slice(0, eq), 'malformed percent-encoding or not UTF-8');
    }
    into.push([name, value]);
  }
  return undefined;
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A form body as text; undefined when its bytes are not UTF-8. */
export const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
};

/** Decoded parameters by name, all sources merged, every value kept in arrival order. */
export class ParamBag {
  private readonly byName = new Map<string, string[]>();

  constructor(readonly list: WireParams) {
    for (const [name, value] of list) {
      const values = this.byName.get(name);
      if (values) values.push(value);
      else this.byName.set(name, [value]);
    }
  }

  /** The first value (callers that care reject repeated names first). */
  get(name: string): string | undefined {
    return this.byName.get(name)?.[0];
  }

  /**
   * The first value of an optional scalar, an empty one counting as absent (the catalogue's settlement
   * "empty-optional-strings", and how the gateway treats an empty required parameter too).
   */
  value(name: string): string | undefined {
    const first = this.get(name);
    return first === '' ? undefined : first;
  }

  count(name: string): number {
    return this.byName.get(name)?.length ?? 0;
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  /** The first name among `names` given more than once. */
  firstRepeated(names: readonly string[]): string | undefined {
    return names.find((name) => this.count(name) > 1);
  }
}
