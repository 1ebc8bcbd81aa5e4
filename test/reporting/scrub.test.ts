import { describe, expect, it } from 'vitest';
import { registerSecret } from '../../lib/client/redact.js';
import { scrubData, scrubText } from '../../lib/reporting/scrub.js';

// Issue 19: each rule of the writers' scrubbing on its own, with values no secret registry knows, so that
// one rule cannot hide the absence of another (registered secrets used to mask what the header rule
// should have).
const UNREGISTERED = {
  token: 'STS.NeverRegisteredToken0001',
  bearer: 'bearer-never-registered-0002',
  signature: 'c2lnLW5ldmVyLXJlZ2lzdGVyZWQ',
};

describe('scrubData, one rule at a time', () => {
  it('header rule: secret headers are masked whole, in any letter case', () => {
    const clean = scrubData({
      request: {
        headers: {
          'x-acs-security-token': UNREGISTERED.token,
          'X-Acs-Bearer-Token': UNREGISTERED.bearer,
          'x-acs-signature-nonce': 'nonce-stays',
        },
      },
    });
    expect(clean.request.headers).toEqual({
      'x-acs-security-token': '***',
      'X-Acs-Bearer-Token': '***',
      'x-acs-signature-nonce': 'nonce-stays',
    });
  });

  it('header rule: the Signature inside an Authorization header', () => {
    const clean = scrubData({
      headers: {
        authorization: `ACS3-HMAC-SHA256 Credential=LTAIexample,SignedHeaders=host;x-acs-date,Signature=${UNREGISTERED.signature}`,
      },
    });
    expect(clean.headers.authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=LTAIexample,SignedHeaders=host;x-acs-date,Signature=***',
    );
  });

  it('key rule: a field named as a secret parameter is masked whatever its value', () => {
    expect(scrubData({ SecurityToken: UNREGISTERED.token, Signature: 42, Name: 'kept' })).toEqual({
      SecurityToken: '***',
      Signature: '***',
      Name: 'kept',
    });
  });

  it('text rule: secret parameters inside any string (query, form body, JSON, XML)', () => {
    const clean = scrubData({
      url: `http://127.0.0.1:1/?Action=CreateSnapshotGroup&Signature=${UNREGISTERED.signature}&SignatureNonce=n1`,
      body: `{"SecurityToken":"${UNREGISTERED.token}"}`,
      xml: `<SecurityToken>${UNREGISTERED.token}</SecurityToken>`,
    });
    expect(clean.url).toBe('http://127.0.0.1:1/?Action=CreateSnapshotGroup&Signature=***&SignatureNonce=n1');
    expect(clean.body).toBe('{"SecurityToken":"***"}');
    expect(clean.xml).toBe('<SecurityToken>***</SecurityToken>');
  });

  it('registered secrets: an exact value anywhere, even where no rule names it; scrubText applies only these', () => {
    registerSecret('Scrub+Test/Secret=9');
    expect(scrubData({ note: 'echoed Scrub+Test/Secret=9 back' }).note).toBe('echoed *** back');
    expect(scrubText('a Scrub+Test/Secret=9 b')).toBe('a *** b');
    // scrubText is the last pass over a written document: parameter masking is scrubData's.
    expect(scrubText(`Signature=${UNREGISTERED.signature}`)).toBe(`Signature=${UNREGISTERED.signature}`);
  });
});
