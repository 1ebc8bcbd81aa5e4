import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './harness.js';
import { call, raw } from './send.js';
import { REGION } from './world-fixture.js';

const NAMES = [
  'Action',
  'Version',
  'Format',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureNonce',
  'Timestamp',
  'RegionId',
  'InstanceId',
  'DiskId.1',
  'DiskId.0',
  'DiskId.17',
  'ExcludeDiskId.1',
  'Tag.1.Key',
  'Tag.1.Value',
  'Name',
  'MaxResults',
  'NextToken',
];
const VALUES = [
  'CreateSnapshotGroup',
  'DescribeSnapshotGroups',
  'DeleteSnapshotGroup',
  '2014-05-26',
  'JSON',
  'XML',
  REGION,
  'd-avail',
  'i-run',
  'HMAC-SHA1',
  '2024-01-01T00:00:00Z',
  '',
];

/** Either strictly encoded, or raw text with whatever '%' and '+' it happens to hold. */
const component = (base: fc.Arbitrary<string>) =>
  fc
    .tuple(base, fc.boolean())
    .map(([text, strict]) =>
      strict
        ? encodeURIComponent(text)
        : text.replace(/[\s#&=?]/g, (c) => (c === '&' || c === '=' ? c : '%20')),
    );

const pair = fc
  .tuple(
    component(fc.oneof(fc.constantFrom(...NAMES), fc.string({ maxLength: 12 }))),
    component(
      fc.oneof(
        fc.constantFrom(...VALUES),
        fc.string({ maxLength: 30, unit: 'grapheme' }),
        fc.string({ maxLength: 8 }),
      ),
    ),
  )
  .map(([n, v]) => `${n}=${v}`);

const headerValue = fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const header = fc.oneof(
  fc.constantFrom(
    'content-type: application/x-www-form-urlencoded',
    'content-type: application/json',
    'content-type: text/plain',
  ),
  headerValue.map((v) => `authorization: ACS3-HMAC-SHA256 Credential=${v},SignedHeaders=host,Signature=${v}`),
  headerValue.map((v) => `authorization: ${v}`),
  fc
    .constantFrom(
      'x-acs-action',
      'x-acs-version',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-content-sha256',
    )
    .chain((name) => fc.oneof(fc.constantFrom(...VALUES), headerValue).map((v) => `${name}: ${v}`)),
);

const body = fc.oneof(
  fc.constant(Buffer.alloc(0)),
  fc.array(pair, { maxLength: 20 }).map((pairs) => Buffer.from(pairs.join('&'))),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => Buffer.from(bytes)),
);

const httpRequest = fc
  .record({
    method: fc.oneof(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'),
      fc.stringMatching(/^[A-Z]{1,8}$/),
    ),
    path: fc.constantFrom('/', '/x', '//', '/%2F', '/?'),
    query: fc.array(pair, { maxLength: 20 }),
    headers: fc.array(header, { maxLength: 6 }),
    body,
  })
  .map(({ method, path, query, headers, body: payload }) => {
    const target = query.length === 0 ? path : `${path}${path.includes('?') ? '&' : '?'}${query.join('&')}`;
    const head = [
      `${method} ${target} HTTP/1.1`,
      'host: 127.0.0.1',
      'connection: close',
      ...headers,
      `content-length: ${payload.length}`,
    ];
    return {
      label: `${method} ${target}`,
      bytes: Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`), payload]),
    };
  });

describe('fuzzed raw requests', () => {
  const h = useEmulator();

  it('never get a 5xx, and always get an answer', async () => {
    await fc.assert(
      fc.asyncProperty(httpRequest, async ({ bytes }) => {
        const answer = await raw(h.emulator.port, bytes);
        expect(answer.status).toBeGreaterThanOrEqual(200);
        expect(answer.status).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
    const after = await call(h.emulator.url, h.world, {
      params: [
        ['RegionId', REGION],
        ['DiskId.1', 'd-avail'],
      ],
    });
    expect(after.status).toBe(200);
  });
});
