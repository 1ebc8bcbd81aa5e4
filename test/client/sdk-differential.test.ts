import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { type CreateSnapshotGroupInput, serialise } from '../../lib/client/serialise.js';
import { acs3Sign, parseAcs3Authorization } from '../../lib/client/sign/acs3.js';
import { canonicalQueryString, rpcSignature } from '../../lib/client/sign/rpc.js';
import { buildHttpRequest } from '../../lib/client/wire.js';
import { awkwardInput, caseRequest, TEST_CREDENTIALS } from './helpers/fixtures.js';
import { type Loopback, startLoopback } from './helpers/loopback.js';
import { param, type Received, receive, verifyReceived } from './helpers/receive.js';
import { SDK_FLAVOURS, type SdkFlavour, sendWithSdk } from './helpers/sdk.js';

const INPUTS: Array<[string, CreateSnapshotGroupInput]> = [
  ["awkward: Unicode, !*'()~, spaces, 16 disks, 20 tags", awkwardInput],
  ['spaces only', { RegionId: 'cn-hangzhou', DiskId: ['d-1'], Name: 'a name with spaces' }],
  [
    'reserved characters only',
    { RegionId: 'cn-hangzhou', InstanceId: 'i-1', Name: "!*'()~", Description: "~)('*!" },
  ],
  [
    'Unicode only',
    { RegionId: 'cn-hangzhou', InstanceId: 'i-1', Name: 'スナップショット😀', Description: 'Ünïcødé' },
  ],
];

const COMMON = new Set([
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Signature',
  'SecurityToken',
]);

const sorted = (params: WireParams): string => canonicalQueryString(params);

let server: Loopback;
const captures = new Map<string, Received>();

beforeAll(async () => {
  server = await startLoopback();
  for (const flavour of SDK_FLAVOURS) {
    for (const [name, input] of INPUTS) {
      await sendWithSdk(flavour, server.port, TEST_CREDENTIALS, input);
      const c = server.captured.at(-1);
      if (c === undefined) throw new Error('nothing captured');
      captures.set(`${flavour}/${name}`, receive(c.method, c.url, c.headers, c.body));
    }
  }
});
afterAll(() => server.close());

describe.each(SDK_FLAVOURS)('what %s sends', (flavour: SdkFlavour) => {
  describe.each(INPUTS)('%s', (name, input) => {
    const get = (): Received => {
      const r = captures.get(`${flavour}/${name}`);
      if (r === undefined) throw new Error('capture missing');
      return r;
    };

    it('is accepted by our verifier, and not with another secret', () => {
      expect(verifyReceived(get(), TEST_CREDENTIALS.accessKeySecret)).toBe(true);
      expect(verifyReceived(get(), 'another-secret')).toBe(false);
    });

    it('carries the business parameters our serialiser writes', () => {
      const r = get();
      const business = [...r.query, ...r.form].filter(([n]) => !COMMON.has(n));
      expect(sorted(business)).toBe(sorted(serialise(input)));
    });

    it('has the signature our signer computes from the same nonce, timestamp and parameters', () => {
      const r = get();
      if (flavour === 'ecs-v3') {
        const auth = parseAcs3Authorization(r.headers.authorization ?? '');
        if (auth === null) throw new Error('no ACS3 authorization');
        const signedHeaders = Object.fromEntries(auth.signedHeaders.map((h) => [h, r.headers[h] ?? '']));
        const ours = acs3Sign({
          method: r.method,
          path: r.path,
          query: r.query,
          headers: signedHeaders,
          body: r.body,
          accessKeyId: TEST_CREDENTIALS.accessKeyId,
          secret: TEST_CREDENTIALS.accessKeySecret,
        });
        expect(ours.authorization).toBe(r.headers.authorization);
        return;
      }
      const all = [...r.query, ...r.form];
      const theirs = param(all, 'Signature');
      expect(rpcSignature(TEST_CREDENTIALS.accessKeySecret, r.method, all)).toBe(theirs);
      if (flavour === 'ecs-v2') return; // it writes Format=json in lower case; pop-core writes JSON as we do
      const variant = {
        signature: 'v2',
        method: r.method as 'GET' | 'POST',
        body: 'form',
        format: 'JSON',
      } as const;
      const sent = buildHttpRequest(caseRequest(variant, { params: serialise(input) }), {
        target: new URL(server.url),
        credentials: TEST_CREDENTIALS,
        now: new Date(param(all, 'Timestamp') ?? ''),
        nonce: param(all, 'SignatureNonce') ?? '',
        apiVersion: '2014-05-26',
      });
      expect(sent.url.includes('Signature=') ? sent.url : sent.body).toContain(
        `Signature=${encodeURIComponent(theirs ?? '')}`,
      );
    });
  });
});

describe("our V3 request against the SDK's", () => {
  it('signs the same canonical query with the same date and nonce', () => {
    const r = captures.get(`ecs-v3/${INPUTS[0]?.[0]}`);
    if (r === undefined) throw new Error('capture missing');
    const variant = { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' } as const;
    const sent = buildHttpRequest(caseRequest(variant, { params: serialise(awkwardInput) }), {
      target: new URL(server.url),
      credentials: TEST_CREDENTIALS,
      now: new Date(r.headers['x-acs-date'] ?? ''),
      nonce: r.headers['x-acs-signature-nonce'] ?? '',
      apiVersion: '2014-05-26',
    });
    const ours = receive(sent.method, sent.url.slice(server.url.length), sent.headers, sent.body);
    expect(sorted(ours.query)).toBe(sorted(r.query));
    for (const h of [
      'host',
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    ]) {
      expect(ours.headers[h], h).toBe(r.headers[h]);
    }
  });
});
