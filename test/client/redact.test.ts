import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../lib/client/exchange.js';
import {
  knownSecrets,
  REDACTED,
  redactExchange,
  redactRequest,
  redactSecrets,
  redactText,
  registerSecret,
  requestSignatures,
} from '../../lib/client/redact.js';
import { curlLine } from '../../lib/client/replay.js';
import { buildHttpRequest } from '../../lib/client/wire.js';
import { ALL_VARIANTS, caseRequest, context, TEST_CREDENTIALS, variantName } from './helpers/fixtures.js';
import { param, receiveSent } from './helpers/receive.js';

const SECRET = 'Sec+ret/With=Odd&Chars 42';
const TOKEN = 'CAIS+sts/token==';
const credentials = { ...TEST_CREDENTIALS, accessKeySecret: SECRET, securityToken: TOKEN };

describe('redaction', () => {
  it('scrubs a secret in every spelling and longest first', () => {
    const text = `plain ${SECRET} encoded ${encodeURIComponent(SECRET)} form ${encodeURIComponent(SECRET).replace(/%20/g, '+')}`;
    const out = redactSecrets(text, [SECRET]);
    expect(out).toBe(`plain ${REDACTED} encoded ${REDACTED} form ${REDACTED}`);
  });

  it('keeps a registry of secrets seen in the process, ignoring tiny values', () => {
    registerSecret('registered-secret-1');
    registerSecret('ab');
    expect(knownSecrets()).toContain('registered-secret-1');
    expect(knownSecrets()).not.toContain('ab');
    expect(redactSecrets('x registered-secret-1 y', [])).toBe(`x ${REDACTED} y`);
  });

  it.each(ALL_VARIANTS.map((v) => [variantName(v), v] as const))(
    'leaves no signature, token or secret in %s',
    (_n, variant) => {
      const sent = buildHttpRequest(caseRequest(variant), context({ credentials }));
      const signature =
        param([...receiveSent(sent).query, ...receiveSent(sent).form], 'Signature') ??
        /Signature=([0-9a-f]+)/.exec(sent.headers.authorization ?? '')?.[1];
      expect(signature).toBeDefined();
      const safe = JSON.stringify(redactRequest(sent, [SECRET, TOKEN]));
      for (const secret of [
        signature ?? '',
        encodeURIComponent(signature ?? ''),
        SECRET,
        TOKEN,
        encodeURIComponent(TOKEN),
      ]) {
        expect(safe).not.toContain(secret);
      }
      expect(safe).toContain(REDACTED);
      expect(safe).toContain(TEST_CREDENTIALS.accessKeyId); // the key id is not a secret
      const curl = curlLine(sent);
      expect(curl).not.toContain(signature ?? '');
      expect(curl).toContain('not sendable as is');
    },
  );

  it('scrubs exchanges, including a target echoing a secret', () => {
    registerSecret(SECRET);
    const exchange: Exchange = {
      request: {
        method: 'GET',
        url: 'http://h/?Signature=abc%3D&AccessKeySecret=x',
        headers: { 'x-acs-security-token': TOKEN },
        body: '',
      },
      response: {
        status: 400,
        headers: { 'x-echo': SECRET },
        rawBody: `{"Message":"bad ${SECRET}","AccessKeySecret":"zzz"}<SecurityToken>yyy</SecurityToken>`,
        truncated: false,
        parsed: { format: 'json', value: { Message: `bad ${SECRET}`, AccessKeySecret: 'zzz' } },
      },
      retries: [],
      timing: { startedAt: '2024-01-01T00:00:00.000Z', durationMs: 1 },
    };
    const text = JSON.stringify(redactExchange(exchange));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('abc%3D');
    expect(text).not.toContain('zzz');
    expect(text).not.toContain('yyy');
  });

  it('masks a Signature wherever a target echoes it: after a comma, a space, in any case', () => {
    const hex = 'a'.repeat(64);
    const echoed =
      `headers=authorization: ACS3-HMAC-SHA256 Credential=LTAIx,SignedHeaders=host;x-acs-date,Signature=${hex}; ` +
      `host: h body=x=1&signature=abc%2B%3D url=/?SIGNATURE=zz "Signature=q1" <p>Signature=q2</p>`;
    const out = redactText(echoed, []);
    expect(out).not.toContain(hex);
    expect(out).toContain(`SignedHeaders=host;x-acs-date,Signature=${REDACTED}; host: h`);
    expect(out).toContain(`signature=${REDACTED} url=/?SIGNATURE=${REDACTED} "Signature=${REDACTED}"`);
    expect(out).toContain(`<p>Signature=${REDACTED}</p>`);
  });

  it('leaves parameters that only begin like a secret one alone', () => {
    const text = 'SignatureNonce=n1&SignatureMethod=HMAC-SHA1&x-acs-signature-nonce: n2&MySignature=kept';
    expect(redactText(text, [])).toBe(text);
  });

  it.each(ALL_VARIANTS.map((v) => [variantName(v), v] as const))(
    'finds the signature a %s request carried, to scrub it from the answer',
    (_n, variant) => {
      const sent = buildHttpRequest(caseRequest(variant), context({ credentials }));
      const signatures = requestSignatures(sent);
      const raw =
        param([...receiveSent(sent).query, ...receiveSent(sent).form], 'Signature') ??
        /Signature=([0-9a-f]+)/.exec(sent.headers.authorization ?? '')?.[1];
      expect(signatures).toContain(raw);
    },
  );

  it('scrubs the answer of the signatures its own request carried, however the target spells them', () => {
    const rpc = 'kRA2cnpJVacIhDMzXnoNZG9tDCI=';
    const acs3 = 'b'.repeat(64);
    const echo = `got ${rpc} and ${encodeURIComponent(rpc)} and sig ${acs3}`;
    const exchange: Exchange = {
      request: {
        method: 'POST',
        url: `http://h/?Action=CreateSnapshotGroup&Signature=${encodeURIComponent(rpc)}`,
        headers: { authorization: `ACS3-HMAC-SHA256 Credential=LTAIx,SignedHeaders=host,Signature=${acs3}` },
        body: '',
      },
      response: {
        status: 400,
        headers: { 'x-echo': rpc },
        rawBody: JSON.stringify({ Code: 'Echo', Message: echo }),
        truncated: false,
        parsed: { format: 'json', value: { Code: 'Echo', Message: echo } },
      },
      retries: [],
      timing: { startedAt: '2024-01-01T00:00:00.000Z', durationMs: 1 },
    };
    const text = JSON.stringify(redactExchange(exchange, []));
    expect(text).not.toContain(rpc);
    expect(text).not.toContain(encodeURIComponent(rpc));
    expect(text).not.toContain(acs3);
    expect(text).toContain('Echo');
  });
});
