import { describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../emulator/protocol/timestamp.js';
import type { CaseRequest, TimestampNearMiss } from '../../lib/cases.js';
import { buildHttpRequest, formatTimestamp, nearMissTimestamp } from '../../lib/client/wire.js';
import { casesFor } from './helpers.js';

const NOW = new Date('2024-03-19T08:04:16.250Z');
const FORMATS: Record<TimestampNearMiss, string> = {
  millis: '2024-03-19T08:04:16.250Z',
  space: '2024-03-19 08:04:16Z',
  offset: '2024-03-19T08:04:16+00:00',
  'lower-z': '2024-03-19T08:04:16z',
  'no-zone': '2024-03-19T08:04:16',
};

describe('Timestamp near misses (protocol.timestamp-format)', () => {
  it.each(Object.entries(FORMATS))(
    '%s renders the time in a format only a lenient parser reads',
    (format, want) => {
      const value = nearMissTimestamp(NOW, format as TimestampNearMiss);
      expect(value).toBe(want);
      // Only the format is wrong: a lenient parser reads the same second...
      expect(Math.abs(Date.parse(`${value}${format === 'no-zone' ? 'Z' : ''}`) - NOW.getTime())).toBeLessThan(
        1000,
      );
      // ...and the documented format (as the reference emulator reads it) does not.
      expect(parseTimestamp(value)).toBeUndefined();
      expect(parseTimestamp(formatTimestamp(NOW))).toBe(Date.parse('2024-03-19T08:04:16Z'));
    },
  );

  it('are rendered when the request is built, from its clock, in Timestamp (v2) and x-acs-date (v3)', () => {
    const request = (signature: 'v2' | 'v3'): CaseRequest => ({
      action: 'CreateSnapshotGroup',
      params: [['RegionId', 'cn-hangzhou']],
      transport: { signature, method: 'GET', body: 'query', format: 'JSON' },
      account: 'main',
      tamper: { kind: 'timestamp-format', format: 'space' },
    });
    const context = {
      target: new URL('http://127.0.0.1:1/'),
      credentials: { accessKeyId: 'testid', accessKeySecret: 'testsecret' },
      now: NOW,
      nonce: 'n-1',
      apiVersion: '2014-05-26' as const,
    };
    const v2 = new URL(buildHttpRequest(request('v2'), context).url);
    expect(v2.searchParams.get('Timestamp')).toBe('2024-03-19 08:04:16Z');
    const later = new Date(NOW.getTime() + 60_000);
    expect(buildHttpRequest(request('v3'), { ...context, now: later }).headers['x-acs-date']).toBe(
      '2024-03-19 08:05:16Z',
    );
  });

  it('are among the deterministic cases of the rule, whatever the seed', () => {
    for (const seed of [1, 2]) {
      const formats = casesFor(seed)
        .cases.filter((c) => c.rule === 'protocol.timestamp-format')
        .flatMap((c) => (c.request.tamper?.kind === 'timestamp-format' ? [c.request.tamper.format] : []));
      expect(new Set(formats)).toEqual(new Set(Object.keys(FORMATS)));
    }
  });
});
