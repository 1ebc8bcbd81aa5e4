import { describe, expect, it } from 'vitest';
import type { Tamper } from '../../lib/cases.js';
import { buildHttpRequest, UNKNOWN_ACCESS_KEY_ID } from '../../lib/client/wire.js';
import {
  ALL_VARIANTS,
  awkwardParams,
  caseRequest,
  context,
  TEST_CREDENTIALS,
  variantName,
} from './helpers/fixtures.js';
import { param, receiveSent, verifyReceived } from './helpers/receive.js';

const secret = TEST_CREDENTIALS.accessKeySecret;

describe.each(ALL_VARIANTS.map((v) => [variantName(v), v] as const))('round trip %s', (_name, variant) => {
  const sent = buildHttpRequest(caseRequest(variant), context());
  const received = receiveSent(sent);
  const all = [...received.query, ...received.form];

  it('verifies with the right secret and not with another', () => {
    expect(verifyReceived(received, secret)).toBe(true);
    expect(verifyReceived(received, `${secret}0`)).toBe(false);
  });

  it('puts parameters where the variant says', () => {
    expect(sent.method).toBe(variant.method);
    const business =
      variant.signature === 'v2'
        ? all
        : variant.method === 'POST' && variant.body === 'form'
          ? received.form
          : received.query;
    for (const [name, value] of awkwardParams) expect(param(business, name), name).toBe(value);
    const inForm = variant.method === 'POST' && variant.body === 'form';
    expect(received.form.length > 0).toBe(inForm);
    expect(sent.body === '').toBe(!inForm);
    if (variant.signature === 'v2') {
      expect(param(all, 'Action')).toBe('CreateSnapshotGroup');
      expect(param(all, 'Format')).toBe(variant.format);
      expect(param(all, 'Timestamp')).toBe('2024-05-01T10:20:30Z');
      expect(param(all, 'SignatureNonce')).toBe('0123456789abcdef0123456789abcdef');
    } else {
      expect(received.headers['x-acs-action']).toBe('CreateSnapshotGroup');
      expect(received.headers['x-acs-date']).toBe('2024-05-01T10:20:30Z');
      expect(param(received.query, 'Format')).toBe(variant.format === 'XML' ? 'XML' : undefined);
      if (inForm) expect(received.headers.authorization).toContain('content-type');
    }
  });

  it('rejects a changed signature character, a parameter added after signing, another method', () => {
    const corrupted = receiveSent(
      buildHttpRequest(caseRequest(variant, { tamper: { kind: 'signature-char' } }), context()),
    );
    expect(verifyReceived(corrupted, secret)).toBe(false);
    const added = buildHttpRequest(
      caseRequest(variant, { tamper: { kind: 'add-after-signing', name: 'Extra', value: 'x' } }),
      context(),
    );
    const addedReceived = receiveSent(added);
    expect(param([...addedReceived.query, ...addedReceived.form], 'Extra')).toBe('x');
    expect(verifyReceived(addedReceived, secret)).toBe(false);
    expect(verifyReceived({ ...received, method: variant.method === 'GET' ? 'POST' : 'GET' }, secret)).toBe(
      false,
    );
    const wrongSecret = receiveSent(
      buildHttpRequest(caseRequest(variant, { tamper: { kind: 'wrong-secret' } }), context()),
    );
    expect(verifyReceived(wrongSecret, secret)).toBe(false);
  });
});

describe('tampers', () => {
  const v2 = ALL_VARIANTS.find((v) => v.signature === 'v2' && v.method === 'GET') ?? ALL_VARIANTS[0];
  const v3 = ALL_VARIANTS.find((v) => v.signature === 'v3' && v.method === 'POST' && v.body === 'query');
  if (v2 === undefined || v3 === undefined) throw new Error('variants missing');
  const build = (variant: typeof v2, tamper: Tamper) =>
    receiveSent(buildHttpRequest(caseRequest(variant, { tamper }), context()));

  it('changes a v3 signed header: rejected', () => {
    const r = receiveSent(buildHttpRequest(caseRequest(v3), context()));
    expect(
      verifyReceived({ ...r, headers: { ...r.headers, 'x-acs-date': '2024-05-01T10:20:31Z' } }, secret),
    ).toBe(false);
    expect(verifyReceived({ ...r, headers: { ...r.headers, 'x-acs-extra': 'added' } }, secret)).toBe(false);
    expect(verifyReceived({ ...r, headers: { ...r.headers, host: 'other.example' } }, secret)).toBe(false);
  });

  it('keeps the signature valid around single protocol faults', () => {
    const cases: Array<[Tamper, (r: ReturnType<typeof build>, all: Array<[string, string]>) => void]> = [
      [
        { kind: 'timestamp', value: '2001-01-01T00:00:00Z' },
        (r, all) => expect(param(all, 'Timestamp') ?? r.headers['x-acs-date']).toBe('2001-01-01T00:00:00Z'),
      ],
      [
        { kind: 'nonce', value: 'used-nonce' },
        (r, all) =>
          expect(param(all, 'SignatureNonce') ?? r.headers['x-acs-signature-nonce']).toBe('used-nonce'),
      ],
      [
        { kind: 'version', value: '2099-01-01' },
        (r, all) => expect(param(all, 'Version') ?? r.headers['x-acs-version']).toBe('2099-01-01'),
      ],
      [
        { kind: 'action', value: 'NoSuchAction' },
        (r, all) => expect(param(all, 'Action') ?? r.headers['x-acs-action']).toBe('NoSuchAction'),
      ],
      [{ kind: 'method', method: 'PUT' }, (r) => expect(r.method).toBe('PUT')],
      [
        { kind: 'omit', name: 'Timestamp' },
        (r, all) => expect(param(all, 'Timestamp') ?? r.headers['x-acs-date']).toBeUndefined(),
      ],
      [
        { kind: 'omit', name: 'SignatureNonce' },
        (r, all) =>
          expect(param(all, 'SignatureNonce') ?? r.headers['x-acs-signature-nonce']).toBeUndefined(),
      ],
      [
        { kind: 'omit', name: 'Version' },
        (r, all) => expect(param(all, 'Version') ?? r.headers['x-acs-version']).toBeUndefined(),
      ],
      [
        { kind: 'omit', name: 'Action' },
        (r, all) => expect(param(all, 'Action') ?? r.headers['x-acs-action']).toBeUndefined(),
      ],
    ];
    for (const variant of [v2, v3]) {
      for (const [tamper, check] of cases) {
        const r = build(variant, tamper);
        check(r, [...r.query, ...r.form]);
        expect(verifyReceived(r, secret), `${variant.signature} ${JSON.stringify(tamper)}`).toBe(true);
      }
    }
  });

  it('signs with an unknown key id, a changed signature method, or no signature at all', () => {
    expect(param(build(v2, { kind: 'unknown-access-key' }).query, 'AccessKeyId')).toBe(UNKNOWN_ACCESS_KEY_ID);
    expect(build(v3, { kind: 'unknown-access-key' }).headers.authorization).toContain(
      `Credential=${UNKNOWN_ACCESS_KEY_ID},`,
    );
    expect(param(build(v2, { kind: 'signature-method', value: 'HMAC-MD5' }).query, 'SignatureMethod')).toBe(
      'HMAC-MD5',
    );
    expect(build(v3, { kind: 'signature-method', value: 'ACS3-HMAC-MD5' }).headers.authorization).toMatch(
      /^ACS3-HMAC-MD5 /,
    );
    const unsigned2 = build(v2, { kind: 'omit', name: 'Signature' });
    expect(param(unsigned2.query, 'Signature')).toBeUndefined();
    expect(verifyReceived(unsigned2, secret)).toBe(false);
    expect(build(v3, { kind: 'omit', name: 'Signature' }).headers.authorization).toBeUndefined();
    expect(param(build(v2, { kind: 'omit', name: 'AccessKeyId' }).query, 'AccessKeyId')).toBeUndefined();
    expect(build(v3, { kind: 'omit', name: 'AccessKeyId' }).headers.authorization).toContain('Credential=,');
  });

  it('sends a security token the way each signature does', () => {
    const creds = { ...TEST_CREDENTIALS, securityToken: 'sts-token-value' };
    const r2 = receiveSent(buildHttpRequest(caseRequest(v2), context({ credentials: creds })));
    expect(param(r2.query, 'SecurityToken')).toBe('sts-token-value');
    expect(verifyReceived(r2, secret)).toBe(true);
    const r3 = receiveSent(buildHttpRequest(caseRequest(v3), context({ credentials: creds })));
    expect(r3.headers['x-acs-security-token']).toBe('sts-token-value');
    expect(r3.headers.authorization).toContain('x-acs-security-token');
    expect(verifyReceived(r3, secret)).toBe(true);
  });

  it('uses the target path and host, and strict encoding on the wire', () => {
    const sent = buildHttpRequest(caseRequest(v3), context({ target: new URL('http://127.0.0.1:8080') }));
    expect(sent.url.startsWith('http://127.0.0.1:8080/?')).toBe(true);
    expect(sent.headers.host).toBe('127.0.0.1:8080');
    expect(sent.url).not.toMatch(/[!*'()+ ]/);
  });
});
