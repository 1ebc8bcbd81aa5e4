import type { WireParams } from '../../cases.js';

function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape is kept as received: the signature check will then fail, as it should.
    return spaced;
  }
}

/**
 * Decodes a received query string or form body into wire parameters, in order, duplicates kept:
 * the server side's first step before re-encoding strictly to check a signature (SDKs leave
 * `!*'()~` unencoded). `+` is a space, as in form encoding; conformant clients send `%2B` for `+`.
 */
export function decodeParams(text: string): WireParams {
  const query = text.startsWith('?') ? text.slice(1) : text;
  if (query === '') return [];
  return query.split('&').map((pair) => {
    const eq = pair.indexOf('=');
    return eq < 0
      ? [decodeComponent(pair), '']
      : [decodeComponent(pair.slice(0, eq)), decodeComponent(pair.slice(eq + 1))];
  });
}
