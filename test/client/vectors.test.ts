import { describe, expect, it } from 'vitest';
import type { WireParams } from '../../lib/cases.js';
import {
  acs3Sign,
  hexSha256,
  parseAcs3Authorization,
  verifyAcs3Signature,
} from '../../lib/client/sign/acs3.js';
import { decodeParams } from '../../lib/client/sign/decode.js';
import {
  percentEncode,
  rpcSignature,
  rpcStringToSign,
  verifyRpcSignature,
} from '../../lib/client/sign/rpc.js';

// Official vectors, protocol.md sections 2 and 3.
const describeRegions: WireParams = [
  ['AccessKeyId', 'testid'],
  ['Action', 'DescribeRegions'],
  ['Format', 'XML'],
  ['SignatureMethod', 'HMAC-SHA1'],
  ['SignatureNonce', '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf'],
  ['SignatureVersion', '1.0'],
  ['Timestamp', '2016-02-23T12:46:24Z'],
  ['Version', '2014-05-26'],
];

describe('RPC signature (HMAC-SHA1) official vectors', () => {
  it('builds the documented StringToSign', () => {
    expect(rpcStringToSign('GET', describeRegions)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });
  it('produces the documented signature, whatever the parameter order', () => {
    expect(rpcSignature('testsecret', 'GET', describeRegions)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(rpcSignature('testsecret', 'GET', [...describeRegions].reverse())).toBe(
      'OLeaidS1JvxuMvnyHOwuJ+uX5qY=',
    );
  });
  it('matches the SDK unit-test vectors', () => {
    expect(rpcSignature('accessKeySecret', '', [['test', 'ok']])).toBe('jHx/oHoHNrbVfhncHEvPdHXZwHU=');
    expect(
      rpcSignature('secret', 'GET', [
        ['query', 'test'],
        ['body', 'test'],
      ]),
    ).toBe('XlUyV4sXjOuX5FnjUz9IF9tm5rU=');
  });
  it('verifies the official request and ignores the Signature parameter when signing', () => {
    const params: WireParams = [...describeRegions, ['Signature', 'OLeaidS1JvxuMvnyHOwuJ+uX5qY=']];
    expect(verifyRpcSignature({ method: 'GET', params, secret: 'testsecret' })).toBe(true);
    expect(verifyRpcSignature({ method: 'POST', params, secret: 'testsecret' })).toBe(false);
    expect(verifyRpcSignature({ method: 'GET', params: describeRegions, secret: 'testsecret' })).toBe(false);
  });
  it('encodes strictly per RFC 3986', () => {
    expect(percentEncode("a b!*'()~-_.")).toBe('a%20b%21%2A%27%28%29~-_.');
    expect(percentEncode('é/+')).toBe('%C3%A9%2F%2B');
    expect(percentEncode('\uD800x')).toBe('%EF%BF%BDx');
  });
});

describe('decodeParams (the server side before re-encoding)', () => {
  it("decodes what the SDKs send, loose `!*'()~` included, keeping order and duplicates", () => {
    expect(decodeParams('?Name=a%20b!*%27()~%C3%A9&Tag.1.Key=k&Tag.1.Key=k2&Empty=&Bare')).toEqual([
      ['Name', "a b!*'()~é"],
      ['Tag.1.Key', 'k'],
      ['Tag.1.Key', 'k2'],
      ['Empty', ''],
      ['Bare', ''],
    ]);
    expect(decodeParams('a=1+2%2B3&bad=%E0%A4%A')).toEqual([
      ['a', '1 2+3'],
      ['bad', '%E0%A4%A'],
    ]);
    expect(decodeParams('')).toEqual([]);
  });
});

describe('ACS3-HMAC-SHA256 official vector', () => {
  const input = {
    method: 'POST',
    path: '/',
    query: [
      ['ImageId', 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd'],
      ['RegionId', 'cn-shanghai'],
    ] as WireParams,
    headers: {
      host: 'ecs.cn-shanghai.aliyuncs.com',
      'x-acs-action': 'RunInstances',
      'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'x-acs-date': '2023-10-26T10:22:32Z',
      'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
      'x-acs-version': '2014-05-26',
    },
    body: '',
  };
  const signed = acs3Sign({ ...input, accessKeyId: 'YourAccessKeyId', secret: 'YourAccessKeySecret' });

  it('hashes the canonical request and signs as documented', () => {
    expect(hexSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hexSha256(signed.canonicalRequest)).toBe(
      '7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259',
    );
    expect(signed.signature).toBe('06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0');
    expect(signed.signedHeaders).toEqual([
      'host',
      'x-acs-action',
      'x-acs-content-sha256',
      'x-acs-date',
      'x-acs-signature-nonce',
      'x-acs-version',
    ]);
  });
  it('writes an Authorization header that parses back', () => {
    expect(parseAcs3Authorization(signed.authorization)).toEqual({
      accessKeyId: 'YourAccessKeyId',
      signedHeaders: signed.signedHeaders,
      signature: signed.signature,
    });
    expect(parseAcs3Authorization('HMAC-SHA1 Credential=a')).toBeNull();
    expect(parseAcs3Authorization('ACS3-HMAC-SHA256 Credential=a,Signature=b')).toBeNull();
  });
  it('verifies the signed request', () => {
    const headers = { ...input.headers, authorization: signed.authorization };
    expect(verifyAcs3Signature({ ...input, headers, secret: 'YourAccessKeySecret' })).toBe(true);
    expect(verifyAcs3Signature({ ...input, headers, secret: 'other' })).toBe(false);
  });
});
