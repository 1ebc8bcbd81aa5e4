import { checkTimestamp, defaultSeams, type SignatureCheck } from '../../emulator/index.js';
import type { Mutant } from './types.js';

/** Authentication and HTTP-level rules a lenient gateway gets wrong. */
export const PROTOCOL_MUTANTS: Mutant[] = [
  {
    id: 'protocol.signature.not-checked',
    family: 'protocol',
    description: 'Any signature is accepted (the signature is never verified).',
    seams: { verifySignature: () => true },
  },
  {
    id: 'protocol.signature.v3-not-checked',
    family: 'protocol',
    description: 'RPC signatures are verified, ACS3-HMAC-SHA256 ones are not.',
    seams: {
      verifySignature: (check: SignatureCheck) =>
        check.kind === 'acs3' || defaultSeams.verifySignature(check),
    },
  },
  {
    id: 'protocol.signature.v2-not-checked',
    family: 'protocol',
    description: 'ACS3 signatures are verified, RPC (HMAC-SHA1) ones are not.',
    seams: {
      verifySignature: (check: SignatureCheck) => check.kind === 'rpc' || defaultSeams.verifySignature(check),
    },
  },
  {
    id: 'protocol.nonce.reuse-allowed',
    family: 'protocol',
    description: 'A SignatureNonce already used is accepted again.',
    seams: { checkNonce: () => true },
  },
  {
    id: 'protocol.timestamp.not-checked',
    family: 'protocol',
    description: 'The Timestamp is neither parsed nor compared with the clock.',
    seams: { checkTimestamp: () => 'ok' },
  },
  {
    id: 'protocol.timestamp.expiry-not-checked',
    family: 'protocol',
    description: 'A well-formed Timestamp is accepted however far from the clock (no 15-minute window).',
    seams: {
      checkTimestamp: (value, nowMs) => (checkTimestamp(value, nowMs) === 'malformed' ? 'malformed' : 'ok'),
    },
  },
  {
    id: 'protocol.timestamp.format-lenient',
    family: 'protocol',
    description: 'Any Timestamp Date.parse can read is accepted (no strict yyyy-MM-ddTHH:mm:ssZ).',
    seams: {
      checkTimestamp: (value, nowMs) => {
        const strict = checkTimestamp(value, nowMs);
        if (strict !== 'malformed') return strict;
        const ms = Date.parse(value);
        if (Number.isNaN(ms)) return 'malformed';
        return Math.abs(nowMs - ms) > 15 * 60_000 ? 'expired' : 'ok';
      },
    },
  },
  {
    id: 'protocol.http-method.get-unsupported',
    family: 'protocol',
    description: 'Only POST is served: GET answers UnsupportedHTTPMethod.',
    seams: { methodAllowed: (method) => method === 'POST' },
  },
  {
    id: 'protocol.http-method.any-allowed',
    family: 'protocol',
    description: 'Every HTTP method is served like POST (PUT and DELETE are not refused).',
    seams: { methodAllowed: () => true },
  },
];
