import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { call, parseAnswer, raw } from './send.js';
import { REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];

/** Every refusal is a 4xx with a well-formed error body. */
const expectDocumented4xx = (status: number, text: string, code?: string) => {
  expect(status, text).toBeGreaterThanOrEqual(400);
  expect(status, text).toBeLessThan(500);
  const body = text.slice(text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') + 4 : 0);
  expect(body).toMatch(/"Code":"|<Code>/);
  expect(body).toMatch(/RequestId/);
  if (code) expect(body).toContain(code);
};

describe('malformed input gets a documented 4xx, never a 5xx', () => {
  const h = useEmulator({ requestTimeoutMs: 600, headersTimeoutMs: 400 });
  const get = async (
    query: string,
    init: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
  ) => {
    const res = await request(`${h.emulator.url}/?${query}`, {
      method: (init.method ?? 'GET') as 'GET',
      ...(init.headers && { headers: init.headers }),
      ...(init.body !== undefined && { body: init.body }),
    });
    return { status: res.statusCode, text: await res.body.text(), type: String(res.headers['content-type']) };
  };

  it.each([
    ['a stray %', 'Action=Create%ZZ&Format=JSON', 'InvalidParameter'],
    ['a short escape', 'Action=Create%4', 'InvalidParameter'],
    ['an escape that is not UTF-8', 'Name=%FF%FE&Format=JSON', 'InvalidParameter'],
    ['an overlong UTF-8 escape', 'Name=%C0%AF', 'InvalidParameter'],
    ['an empty Action', 'Action=&Format=JSON', 'MissingParameter'],
    ['no parameters at all', '', 'MissingParameter'],
    ['an unknown action', 'Action=DeleteEverything', 'InvalidAction.NotFound'],
    ['a known action, no signature', 'Action=CreateSnapshotGroup&Version=2014-05-26', 'IncompleteSignature'],
  ])('%s', async (_, query, code) => {
    const answer = await get(query);
    expectDocumented4xx(answer.status, answer.text, code);
  });

  it('a form body that is not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('Action=CreateSnapshotGroup&Name='), Buffer.from([0xff, 0xfe])]);
    const answer = await get('', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('10,000 parameters in the query (over the header limit)', async () => {
    const query = Array.from({ length: 10_000 }, (_, i) => `p${i}=1`).join('&');
    const answer = await raw(
      h.emulator.port,
      `GET /?${query} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`,
    );
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('10,000 parameters in a form body', async () => {
    const body = Array.from({ length: 10_000 }, (_, i) => `p${i}=1`).join('&');
    const answer = await get('', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('a body of 1 MiB and one byte', async () => {
    const body = `Name=${'a'.repeat(1024 * 1024 - 4)}`;
    const answer = await get('Format=JSON', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('a body of exactly 1 MiB is read (and refused for what it says)', async () => {
    const body = `Action=CreateSnapshotGroup&Version=2014-05-26&Name=${'a'.repeat(1024 * 1024 - 51)}`;
    expect(Buffer.byteLength(body)).toBe(1024 * 1024);
    const answer = await get('Format=JSON', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectDocumented4xx(answer.status, answer.text, 'IncompleteSignature');
  });

  it('a JSON body is not a parameter source', async () => {
    const answer = await get('Format=JSON', {
      method: 'POST',
      body: '{"Action":"CreateSnapshotGroup"}',
      headers: { 'content-type': 'application/json' },
    });
    expectDocumented4xx(answer.status, answer.text, 'MissingParameter');
  });

  it.each([
    ['RegionId twice', [R, R, ['DiskId.1', 'd-avail']], 'InvalidParameter', 400],
    ['Name twice', [R, ['DiskId.1', 'd-avail'], ['Name', 'ab'], ['Name', 'cd']], 'InvalidParameter', 400],
    [
      'Tag.1.Key twice',
      [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'a'], ['Tag.1.Key', 'b']],
      'InvalidParameter',
      400,
    ],
    ['OwnerId not a number', [R, ['DiskId.1', 'd-avail'], ['OwnerId', 'me']], 'InvalidParameter', 400],
    ['InstantAccess=2', [R, ['DiskId.1', 'd-avail'], ['InstantAccess', '2']], 'InvalidParameter', 400],
    [
      'retention -1',
      [R, ['DiskId.1', 'd-avail'], ['InstantAccess', 'true'], ['InstantAccessRetentionDays', '-1']],
      'InvalidRetentionDays.Malformed',
      400,
    ],
    ['an empty DiskId.1', [R, ['DiskId.1', '']], 'InvalidDiskId.NotFound', 404],
    ['a huge index', [R, ['DiskId.99999999999999999999', 'd-avail']], 'InvalidParameter', 400],
    ['Tag.1 without a field', [R, ['DiskId.1', 'd-avail'], ['Tag.1', 'x']], undefined, 200],
    [
      'a control character in a tag value',
      [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'k'], ['Tag.1.Value', 'a\u0001b']],
      undefined,
      200,
    ],
  ] as Array<[string, WireParams, string | undefined, number]>)(
    'signed, with %s',
    async (_, params, code, status) => {
      for (const format of ['JSON', 'XML'] as const) {
        const answer = await call(h.emulator.url, h.world, {
          params,
          transport: { signature: 'v2', format },
        });
        expect([answer.body.Code, answer.status], answer.text).toEqual([code, status]);
      }
    },
  );

  it('DescribeSnapshotGroups with a MaxResults that is not a number', async () => {
    const answer = await call(h.emulator.url, h.world, {
      action: 'DescribeSnapshotGroups',
      params: [R, ['MaxResults', 'ten']],
    });
    expect([answer.body.Code, answer.status]).toEqual(['InvalidParameter', 400]);
  });

  it('HEAD and OPTIONS are unsupported methods', async () => {
    for (const method of ['HEAD', 'OPTIONS', 'PATCH']) {
      const answer = await get('Action=CreateSnapshotGroup', { method });
      expect(answer.status).toBe(403);
      if (method !== 'HEAD')
        expect(parseAnswer(answer.status, { 'content-type': answer.type }, answer.text).body.Code).toBe(
          'UnsupportedHTTPMethod',
        );
    }
  });

  it('bytes that are not HTTP', async () => {
    const answer = await raw(h.emulator.port, 'HELLO THERE\r\n\r\n');
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('a raw non-ASCII byte in the request line', async () => {
    const answer = await raw(
      h.emulator.port,
      Buffer.concat([Buffer.from('GET /?a='), Buffer.from([0xff]), Buffer.from(' HTTP/1.1\r\n\r\n')]),
    );
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('a header of 40 KiB', async () => {
    const answer = await raw(
      h.emulator.port,
      `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(40 * 1024)}\r\n\r\n`,
    );
    expectDocumented4xx(answer.status, answer.text, 'InvalidParameter');
  });

  it('a client that stalls in its body times out', async () => {
    // The emulator's own body timeout answers (408 RequestTimeout), not Node's or the socket's close:
    // that is the behaviour; how soon is the emulator's option, not a wall-clock bound here.
    const answer = await raw(
      h.emulator.port,
      'POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 100\r\n\r\nAction=Cre',
    );
    expect(answer.status).toBe(408);
    expect(answer.text).toContain('RequestTimeout');
  });

  it('a client that stalls in its headers times out', async () => {
    const answer = await raw(h.emulator.port, 'GET / HTTP/1.1\r\nhost: x\r\n');
    expect(answer.status).toBe(408);
  });

  it('still serves after all that', async () => {
    const answer = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail']] });
    expect(answer.status).toBe(200);
  });
});
