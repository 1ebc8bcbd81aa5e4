/** Rows for the protocol family. */
import type { TransportVariant } from '../../lib/cases.js';
import { disk, INCOMPLETE, INVALID, isoOffset, type RuleRow, row } from './rule-row.js';

const v2: Partial<TransportVariant> = { signature: 'v2' };

export const PROTOCOL_ROWS: RuleRow[] = [
  row('protocol.signature-valid', 'v3 char changed', disk('d-avail'), ['SignatureDoesNotMatch', 400], {
    tamper: { kind: 'signature-char' },
  }),
  row('protocol.signature-valid', 'v2 char changed', disk('d-avail'), ['SignatureDoesNotMatch', 400], {
    tamper: { kind: 'signature-char' },
    transport: v2,
  }),
  row('protocol.signature-valid', 'v3 wrong secret', disk('d-avail'), ['SignatureDoesNotMatch', 400], {
    tamper: { kind: 'wrong-secret' },
  }),
  row('protocol.signature-valid', 'v2 form param added', disk('d-avail'), ['SignatureDoesNotMatch', 400], {
    tamper: { kind: 'add-after-signing', name: 'Name', value: 'abc' },
    transport: { ...v2, body: 'form' },
  }),
  row('protocol.signature-valid', 'v3 form param added', disk('d-avail'), ['SignatureDoesNotMatch', 400], {
    tamper: { kind: 'add-after-signing', name: 'Name', value: 'abc' },
    transport: { body: 'form' },
  }),
  row('protocol.access-key-known', 'v3 unknown key', disk('d-avail'), ['InvalidAccessKeyId.NotFound', 404], {
    tamper: { kind: 'unknown-access-key' },
  }),
  row('protocol.access-key-known', 'v2 unknown key', disk('d-avail'), ['InvalidAccessKeyId.NotFound', 404], {
    tamper: { kind: 'unknown-access-key' },
    transport: v2,
  }),
  row('protocol.timestamp-fresh', '16 minutes old', disk('d-avail'), ['InvalidTimeStamp.Expired', 400], {
    tamper: { kind: 'timestamp', value: isoOffset(-16) },
  }),
  row('protocol.timestamp-fresh', 'v2 16 minutes ahead', disk('d-avail'), ['InvalidTimeStamp.Expired', 400], {
    tamper: { kind: 'timestamp', value: isoOffset(16) },
    transport: v2,
  }),
  row('protocol.timestamp-format', 'month 13', disk('d-avail'), ['InvalidTimeStamp.Format', 400], {
    tamper: { kind: 'timestamp', value: '2024-13-01T00:00:00Z' },
  }),
  row('protocol.timestamp-format', 'v2 not a date', disk('d-avail'), ['InvalidTimeStamp.Format', 400], {
    tamper: { kind: 'timestamp', value: 'yesterday' },
    transport: v2,
  }),
  ...(['Signature', 'AccessKeyId', 'SignatureNonce', 'Timestamp'] as const).flatMap((name) => [
    row('protocol.signature-present', `v2 without ${name}`, disk('d-avail'), INCOMPLETE, {
      tamper: { kind: 'omit', name },
      transport: v2,
    }),
    row('protocol.signature-present', `v3 without ${name}`, disk('d-avail'), INCOMPLETE, {
      tamper: { kind: 'omit', name },
    }),
  ]),
  row('protocol.signature-method', 'v2 HMAC-MD5', disk('d-avail'), ['InvalidSignatureMethod', 400], {
    tamper: { kind: 'signature-method', value: 'HMAC-MD5' },
    transport: v2,
  }),
  row('protocol.signature-method', 'v3 HMAC-MD5', disk('d-avail'), ['InvalidSignatureMethod', 400], {
    tamper: { kind: 'signature-method', value: 'HMAC-MD5' },
  }),
  row('protocol.action-present', 'v2 without Action', disk('d-avail'), ['MissingParameter', 400], {
    tamper: { kind: 'omit', name: 'Action' },
    transport: v2,
  }),
  row('protocol.action-present', 'v3 without Action', disk('d-avail'), ['MissingParameter', 400], {
    tamper: { kind: 'omit', name: 'Action' },
  }),
  row('protocol.action-known', 'unknown action', disk('d-avail'), ['InvalidAction.NotFound', 404], {
    tamper: { kind: 'action', value: 'CreateSnapshotGroups' },
  }),
  row('protocol.version-valid', 'v2 without Version', disk('d-avail'), ['MissingParameter', 400], {
    tamper: { kind: 'omit', name: 'Version' },
    transport: v2,
  }),
  row('protocol.version-valid', 'unknown Version', disk('d-avail'), INVALID, {
    tamper: { kind: 'version', value: '2016-01-01' },
  }),
  row('protocol.http-method', 'PUT', disk('d-avail'), ['UnsupportedHTTPMethod', 403], {
    tamper: { kind: 'method', method: 'PUT' },
  }),
  row('protocol.http-method', 'v2 DELETE', disk('d-avail'), ['UnsupportedHTTPMethod', 403], {
    tamper: { kind: 'method', method: 'DELETE' },
    transport: v2,
  }),
];
