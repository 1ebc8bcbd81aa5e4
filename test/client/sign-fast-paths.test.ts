import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { EMPTY_SHA256, hexSha256 } from '../../lib/client/sign/acs3.js';
import {
  canonicalOfEncoded,
  canonicalQueryString,
  encodePairs,
  hmacKey,
  percentEncode,
  rpcSignature,
  rpcSignatureOfEncoded,
  rpcStringToSign,
} from '../../lib/client/sign/rpc.js';
import { encodeParams, joinEncoded } from '../../lib/client/wire-encode.js';

// The signing fast paths (encode once, build the string to sign directly, cached keys and empty-body
// hash) must give exactly what the plain definitions give, for any parameters.

/** The definition in protocol.md: percentEncode over the whole canonical query. */
const definedStringToSign = (method: string, params: WireParams): string =>
  `${method}&${percentEncode('/')}&${percentEncode(
    [...params]
      .filter(([name]) => name !== 'Signature')
      .map(([n, v]) => [percentEncode(n), percentEncode(v)] as const)
      .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([n, v]) => `${n}=${v}`)
      .join('&'),
  )}`;

// Names and values with everything that needs escaping: `%`, `=`, `&`, `+`, spaces, `!*'()~`, Unicode.
const text = fc.string({
  unit: fc.constantFrom('a', 'Z', '0', '.', '%', '=', '&', '+', ' ', '!', '~', '快', '/'),
});
const params = fc.array(fc.tuple(text, text), { maxLength: 12 });

describe('signing fast paths', () => {
  it('rpcStringToSign equals percentEncode of the sorted canonical query', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST'), params, (method, p) => {
        expect(rpcStringToSign(method, p)).toBe(definedStringToSign(method, p));
      }),
    );
  });

  it('signing pre-encoded pairs gives the same signature, a Signature parameter left out', () => {
    fc.assert(
      fc.property(params, (p) => {
        const withSignature: WireParams = [...p, ['Signature', 'ignored=']];
        const expected = createHmac('sha1', 'secret&')
          .update(definedStringToSign('POST', p))
          .digest('base64');
        expect(rpcSignature('secret', 'POST', withSignature)).toBe(expected);
        expect(rpcSignatureOfEncoded('secret', 'POST', encodePairs(withSignature))).toBe(expected);
      }),
    );
  });

  it('canonical and wire forms of encoded pairs match the WireParams forms, the input left unsorted', () => {
    fc.assert(
      fc.property(params, (p) => {
        const encoded = encodePairs(p);
        const before = encoded.map((pair) => `${pair.name}=${pair.value}`);
        expect(canonicalOfEncoded(encoded)).toBe(canonicalQueryString(p));
        expect(encoded.map((pair) => `${pair.name}=${pair.value}`)).toEqual(before);
        expect(joinEncoded(encoded)).toBe(
          p.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&'),
        );
        expect(encodeParams(p)).toBe(joinEncoded(encoded));
      }),
    );
  });

  it('the empty-body hash is the SHA-256 of nothing, for strings and bytes', () => {
    const real = createHash('sha256').update('').digest('hex');
    expect(EMPTY_SHA256).toBe(real);
    expect(hexSha256('')).toBe(real);
    expect(hexSha256(new Uint8Array(0))).toBe(real);
    expect(hexSha256('a')).toBe(createHash('sha256').update('a').digest('hex'));
  });

  it('a cached HMAC key signs as the string secret does, and is reused', () => {
    for (const secret of ['', 'secret', 'ünïcode-secret&']) {
      expect(createHmac('sha256', hmacKey(secret)).update('x').digest('hex')).toBe(
        createHmac('sha256', secret).update('x').digest('hex'),
      );
    }
    expect(hmacKey('same')).toBe(hmacKey('same'));
  });

  it('percentEncode gives the same answer on repeated calls (the memo returns what it stored)', () => {
    for (const value of ['a b', 'value 7', '快照', "!*'()~", 'x'.repeat(300)]) {
      const first = percentEncode(value);
      expect(percentEncode(value)).toBe(first);
      expect(first).toBe(
        encodeURIComponent(value).replace(
          /[!'()*]/g,
          (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
        ),
      );
    }
  });
});
