import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import { acs3Sign, hexSha256 } from '../../lib/client/sign/acs3.js';
import { percentEncode, rpcSignature } from '../../lib/client/sign/rpc.js';
import { useEmulator } from './harness.js';
import { call, parseAnswer } from './send.js';
import { keysOf, REGION } from './world-fixture.js';

const R: [string, string] = ['RegionId', REGION];
const stamp = (date = new Date()) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const encode = (params: WireParams) =>
  params.map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`).join('&');

describe('protocol', () => {
  const h = useEmulator();
  const main = () => keysOf(h.world, 'main');

  /** An RPC-signed GET built by hand, so that any common parameter can be left out or changed. */
  const rpcGet = async (extra: WireParams, options: { omitFormat?: boolean; path?: string } = {}) => {
    const params: WireParams = [
      ['Action', 'CreateSnapshotGroup'],
      ['Version', '2014-05-26'],
      ['AccessKeyId', main().accessKeyId],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureVersion', '1.0'],
      ['SignatureNonce', randomUUID()],
      ['Timestamp', stamp()],
      ...extra,
    ];
    params.push(['Signature', rpcSignature(main().accessKeySecret, 'GET', params)]);
    const res = await request(`${h.emulator.url}${options.path ?? '/'}?${encode(params)}`);
    const headers = Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)]));
    return parseAnswer(res.statusCode, headers, await res.body.text());
  };

  it('protocol.nonce-unique: a nonce is accepted once, for either signature', async () => {
    for (const signature of ['v2', 'v3'] as const) {
      const nonce = randomUUID();
      const spec = { params: [R, ['DiskId.1', 'd-avail']] as WireParams, nonce, transport: { signature } };
      expect((await call(h.emulator.url, h.world, spec)).status).toBe(200);
      const reused = await call(h.emulator.url, h.world, spec);
      expect([reused.body.Code, reused.status]).toEqual(['SignatureNonceUsed', 400]);
    }
  });

  it('a request with a bad signature does not burn its nonce', async () => {
    const nonce = randomUUID();
    const params: WireParams = [R, ['DiskId.1', 'd-avail']];
    const forged = await call(h.emulator.url, h.world, { params, nonce, tamper: { kind: 'wrong-secret' } });
    expect(forged.body.Code).toBe('SignatureDoesNotMatch');
    expect((await call(h.emulator.url, h.world, { params, nonce })).status).toBe(200);
  });

  it('XML is the default of RPC calls without Format; Format is case-insensitive', async () => {
    const xml = await rpcGet([R, ['DiskId.1', 'd-avail']]);
    expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(xml.root).toBe('CreateSnapshotGroupResponse');
    const json = await rpcGet([R, ['DiskId.1', 'd-avail'], ['Format', 'json']]);
    expect(json.headers['content-type']).toBe('application/json;charset=utf-8');
    const xmlError = await rpcGet([R, ['DiskId.1', 'd-nope']]);
    expect([xmlError.root, xmlError.body.Code]).toEqual(['Error', 'InvalidDiskId.NotFound']);
  });

  it('SecurityToken (STS) is accepted with either signature', async () => {
    const rpc = await rpcGet([
      R,
      ['DiskId.1', 'd-avail'],
      ['SecurityToken', 'sts-token'],
      ['Format', 'JSON'],
    ]);
    expect(rpc.status, rpc.text).toBe(200);

    const query: WireParams = [R, ['DiskId.1', 'd-avail']];
    const headers: Record<string, string> = {
      host: `127.0.0.1:${h.emulator.port}`,
      'x-acs-action': 'CreateSnapshotGroup',
      'x-acs-version': '2014-05-26',
      'x-acs-date': stamp(),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': hexSha256(''),
      'x-acs-accesskey-id': main().accessKeyId,
      'x-acs-security-token': 'sts-token',
    };
    const signed = acs3Sign({
      method: 'POST',
      path: '/',
      query,
      headers,
      body: '',
      ...main(),
      secret: main().accessKeySecret,
    });
    const res = await request(`${h.emulator.url}/?${encode(query)}`, {
      method: 'POST',
      headers: { ...headers, authorization: signed.authorization },
    });
    expect(res.statusCode, await res.body.text()).toBe(200);
  });

  it('a V3 body that does not hash to x-acs-content-sha256 is refused', async () => {
    const headers: Record<string, string> = {
      host: `127.0.0.1:${h.emulator.port}`,
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': 'CreateSnapshotGroup',
      'x-acs-version': '2014-05-26',
      'x-acs-date': stamp(),
      'x-acs-signature-nonce': randomUUID(),
      'x-acs-content-sha256': hexSha256('RegionId=cn-hangzhou&DiskId.1=d-avail'),
    };
    const signed = acs3Sign({
      method: 'POST',
      path: '/',
      query: [],
      headers,
      body: 'RegionId=cn-hangzhou&DiskId.1=d-avail',
      ...main(),
      secret: main().accessKeySecret,
    });
    const res = await request(`${h.emulator.url}/`, {
      method: 'POST',
      headers: { ...headers, authorization: signed.authorization },
      body: 'RegionId=cn-hangzhou&DiskId.1=d-avail2',
    });
    const answer = parseAnswer(
      res.statusCode,
      { 'content-type': String(res.headers['content-type']) },
      await res.body.text(),
    );
    expect([answer.body.Code, answer.status]).toEqual(['SignatureDoesNotMatch', 400]);
  });

  it('paths other than / are not an API', async () => {
    const answer = await rpcGet([R, ['DiskId.1', 'd-avail'], ['Format', 'JSON']], { path: '/v1' });
    expect([answer.body.Code, answer.status]).toEqual(['InvalidApi.NotFound', 404]);
  });

  it('common parameters given twice are refused', async () => {
    const answer = await rpcGet([R, ['DiskId.1', 'd-avail'], ['Format', 'JSON'], ['Format', 'XML']]);
    expect([answer.body.Code, answer.status]).toEqual(['InvalidParameter', 400]);
  });

  it('RPC calls may name the action in x-acs-action only', async () => {
    const params: WireParams = [
      ['Version', '2014-05-26'],
      ['Format', 'JSON'],
      ['AccessKeyId', main().accessKeyId],
      ['SignatureMethod', 'HMAC-SHA1'],
      ['SignatureNonce', randomUUID()],
      ['Timestamp', stamp()],
      R,
      ['DiskId.1', 'd-avail'],
    ];
    params.push(['Signature', rpcSignature(main().accessKeySecret, 'POST', params)]);
    const res = await request(`${h.emulator.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-acs-action': 'CreateSnapshotGroup' },
      body: encode(params),
    });
    expect(res.statusCode, await res.body.text()).toBe(200);
  });
});
