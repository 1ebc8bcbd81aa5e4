import { describe, expect, it } from 'vitest';
import type { TransportVariant, WireParams } from '../../lib/cases.js';
import { useEmulator } from './harness.js';
import { call } from './send.js';
import { REGION } from './world-fixture.js';

const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
const R: [string, string] = ['RegionId', REGION];

describe('valid requests and the shapes of answers', () => {
  const h = useEmulator();

  it('valid.success-body: JSON and XML success bodies with their content types', async () => {
    const json = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail']] });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(Object.keys(json.body).sort()).toEqual(['RequestId', 'SnapshotGroupId']);
    expect(json.body.SnapshotGroupId).toMatch(/^ssg-[a-z0-9]{20}$/);
    expect(json.body.RequestId).toMatch(UUID_UPPER);
    expect(json.headers['x-acs-request-id']).toBe(json.body.RequestId);

    const xml = await call(h.emulator.url, h.world, {
      params: [R, ['DiskId.1', 'd-avail']],
      transport: { signature: 'v2', format: 'XML' },
    });
    expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="UTF-8"?><CreateSnapshotGroupResponse>')).toBe(
      true,
    );
    expect(xml.body.SnapshotGroupId).toMatch(/^ssg-/);
  });

  it('valid.error-body: JSON and XML error bodies carry RequestId, HostId, Code, Message, Recommend', async () => {
    for (const format of ['JSON', 'XML'] as const) {
      const answer = await call(h.emulator.url, h.world, {
        params: [R, ['DiskId.1', 'd-nope']],
        transport: { signature: 'v2', format },
      });
      expect(answer.status).toBe(404);
      expect(answer.root).toBe(format === 'XML' ? 'Error' : undefined);
      expect(answer.body).toEqual({
        RequestId: expect.stringMatching(UUID_UPPER),
        HostId: 'ecs.aliyuncs.com',
        Code: 'InvalidDiskId.NotFound',
        Message: 'The specified DiskId does not exist.',
        Recommend: `https://api.alibabacloud.com/troubleshoot?q=InvalidDiskId.NotFound&product=Ecs&requestId=${answer.body.RequestId}`,
      });
    }
  });

  it('valid.request-id-unique: 50 answers, 50 RequestIds', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call(h.emulator.url, h.world, { params: [R, ['DiskId.1', i % 2 ? 'd-avail' : 'd-nope']] }),
      ),
    );
    expect(new Set(answers.map((a) => a.body.RequestId)).size).toBe(50);
  });

  const bigDisks: WireParams = Array.from({ length: 8 }, (_, i) => [`DiskId.${i + 1}`, `d-big${i + 1}`]);
  const smallDisks: WireParams = Array.from({ length: 16 }, (_, i) => [`DiskId.${i + 1}`, `d-s${i + 1}`]);
  const twentyTags: WireParams = Array.from({ length: 20 }, (_, i) => [`Tag.${i + 1}.Key`, `key${i}`]);
  it.each<[string, WireParams]>([
    ['Name of 2', [R, ['DiskId.1', 'd-avail'], ['Name', 'ab']]],
    ['Name of 128', [R, ['DiskId.1', 'd-avail'], ['Name', `a${'b.:_-9'.repeat(21)}c`]]],
    ['Description of 2', [R, ['DiskId.1', 'd-avail'], ['Description', 'ab']]],
    ['Description of 256', [R, ['DiskId.1', 'd-avail'], ['Description', 'd'.repeat(256)]]],
    ['empty Name and Description (absent)', [R, ['DiskId.1', 'd-avail'], ['Name', ''], ['Description', '']]],
    ['16 disks', [R, ...smallDisks]],
    ['exactly 32 TiB', [R, ...bigDisks]],
    ['20 tags', [R, ['DiskId.1', 'd-avail'], ...twentyTags]],
    [
      'key and value of 128',
      [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'k'.repeat(128)], ['Tag.1.Value', 'v'.repeat(128)]],
    ],
    ['empty tag value', [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'k'], ['Tag.1.Value', '']]],
    [
      'a tag value starting with aliyun',
      [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'k'], ['Tag.1.Value', 'aliyunx']],
    ],
    [
      'retention 1',
      [R, ['DiskId.1', 'd-avail'], ['InstantAccess', 'true'], ['InstantAccessRetentionDays', '1']],
    ],
    [
      'retention 65535',
      [R, ['DiskId.1', 'd-avail'], ['InstantAccess', 'true'], ['InstantAccessRetentionDays', '65535']],
    ],
    [
      'InstantAccess=false in a region without it',
      [
        ['RegionId', 'cn-noia'],
        ['DiskId.1', 'd-x'],
        ['InstantAccess', 'false'],
      ],
    ],
    ['an encrypted disk with an enabled key', [R, ['DiskId.1', 'd-kms-ok']]],
    ['a Stopped instance', [R, ['InstanceId', 'i-stopped']]],
  ])('valid.boundaries-accepted: %s', async (label, params) => {
    const answer = await call(h.emulator.url, h.world, { params });
    if (label.startsWith('InstantAccess=false')) {
      // cn-noia has no disks: reaching InvalidDiskId.NotFound shows the region check let it through.
      expect(answer.body.Code).toBe('InvalidDiskId.NotFound');
      return;
    }
    expect(answer.status, answer.text).toBe(200);
  });

  // The emulator reads the forbidden words as the page writes them (case-sensitively), one of the two
  // readings the catalogue allows (ambiguity forbidden-word-case): their case variants are accepted.
  it.each<[string, WireParams]>([
    ['Description starting with HTTP://', [['Description', 'HTTP://example.com']]],
    ['Description starting with Https://', [['Description', 'Https://example.com']]],
    [
      'tag keys ACS:, Aliyun, HTTP://, Https://',
      [
        ['Tag.1.Key', 'ACS:x'],
        ['Tag.2.Key', 'Aliyunx'],
        ['Tag.3.Key', 'Xy HTTP://z'],
        ['Tag.4.Key', 'Xy Https://z'],
      ],
    ],
    [
      'tag values ACS:, Http://',
      [
        ['Tag.1.Key', 'k'],
        ['Tag.1.Value', 'ACS:x'],
        ['Tag.2.Key', 'k2'],
        ['Tag.2.Value', 'Xy Http://z'],
      ],
    ],
  ])('valid.forbidden-word-other-case: %s', async (_, params) => {
    const answer = await call(h.emulator.url, h.world, { params: [R, ['DiskId.1', 'd-avail'], ...params] });
    expect(answer.status, answer.text).toBe(200);
  });

  const variants: TransportVariant[] = (['v2', 'v3'] as const).flatMap((signature) =>
    (['POST', 'GET'] as const).flatMap((method) =>
      (method === 'POST' ? (['form', 'query'] as const) : (['query'] as const)).flatMap((body) =>
        (['JSON', 'XML'] as const).map((format) => ({ signature, method, body, format })),
      ),
    ),
  );
  it.each(variants.map((v) => [`${v.signature} ${v.method} ${v.body} ${v.format}`, v] as const))(
    'valid.transport-variants: %s',
    async (_, transport) => {
      const answer = await call(h.emulator.url, h.world, {
        params: [R, ['DiskId.1', 'd-avail'], ['Tag.1.Key', 'a b+c/d'], ['Name', 'x:y']],
        transport,
      });
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers['content-type']).toBe(
        transport.format === 'XML' ? 'text/xml;charset=utf-8' : 'application/json;charset=utf-8',
      );
      expect(answer.body.SnapshotGroupId).toMatch(/^ssg-/);
    },
  );
});
