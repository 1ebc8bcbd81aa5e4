import { describe, expect, it } from 'vitest';
import {
  invalidRequestAccepted,
  noServerErrorWhereDocumented,
  preludeRequestsAccepted,
  throttledRequest,
  validRequestRejected,
} from '../../lib/checks/index.js';
import { created, ctx, error, json, makeCase, NAME_EXPECTED, request, transportFailure } from './fixtures.js';

const invalid = makeCase({ expected: NAME_EXPECTED, description: 'Name of 129 characters' });
const valid = makeCase({ rule: 'valid.boundaries-accepted', kind: 'valid', expected: { kind: 'success' } });

describe('invalidRequestAccepted', () => {
  it('reports a 2xx to a request that breaks the rule', () => {
    const [finding] = invalidRequestAccepted(ctx(invalid, created('ssg-x1')));
    expect(finding).toMatchObject({
      check: 'invalidRequestAccepted',
      message: 'the target accepted an invalid request: Name of 129 characters',
      actual: '200 SnapshotGroupId ssg-x1',
    });
  });

  it('is silent on a refusal, a valid case and a transport failure', () => {
    expect(invalidRequestAccepted(ctx(invalid, error(400, 'InvalidParameter.Name')))).toEqual([]);
    expect(invalidRequestAccepted(ctx(valid, created()))).toEqual([]);
    expect(invalidRequestAccepted(ctx(invalid, transportFailure()))).toEqual([]);
  });
});

describe('validRequestRejected', () => {
  it('reports a refusal of a valid request', () => {
    const [finding] = validRequestRejected(ctx(valid, error(403, 'IncorrectDiskStatus')));
    expect(finding).toMatchObject({
      check: 'validRequestRejected',
      expected: 'success (2xx)',
      actual: '403 IncorrectDiskStatus',
    });
  });

  it('is silent on a success, an invalid case and a transport failure', () => {
    expect(validRequestRejected(ctx(valid, created()))).toEqual([]);
    expect(validRequestRejected(ctx(invalid, error(400, 'X')))).toEqual([]);
    expect(validRequestRejected(ctx(valid, transportFailure()))).toEqual([]);
  });
});

describe('preludeRequestsAccepted', () => {
  const c = makeCase({
    rule: 'protocol.nonce-unique',
    kind: 'protocol',
    expected: { kind: 'error', code: 'SignatureNonceUsed', status: 400 },
    prelude: [request()],
  });

  it('reports a rejected prelude request', () => {
    const findings = preludeRequestsAccepted(
      ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [error(400, 'InvalidParameter')] }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'prelude request 1, a valid request sent first to set the case up, was rejected',
    ]);
  });

  it('is silent when the prelude was accepted', () => {
    expect(
      preludeRequestsAccepted(ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [created()] })),
    ).toEqual([]);
  });
});

describe('noServerErrorWhereDocumented', () => {
  it('reports a 5xx on the request or its prelude', () => {
    const c = makeCase({ expected: NAME_EXPECTED, prelude: [request()] });
    const findings = noServerErrorWhereDocumented(
      ctx(c, error(500, 'InternalError'), { prelude: [error(503, 'ServiceUnavailable')] }),
    );
    expect(findings.map((f) => f.actual)).toEqual(['503 ServiceUnavailable', '500 InternalError']);
  });

  it('is silent on 2xx and 4xx', () => {
    expect(noServerErrorWhereDocumented(ctx(invalid, error(400, 'InvalidParameter.Name')))).toEqual([]);
    expect(noServerErrorWhereDocumented(ctx(valid, created()))).toEqual([]);
  });
});

describe('throttledRequest', () => {
  it('names a throttled request (429 or a Throttling code), and nothing else', () => {
    expect(throttledRequest(ctx(invalid, error(400, 'Throttling.User')))).toContain(
      'the request was throttled',
    );
    expect(throttledRequest(ctx(invalid, json(429, {})))).toContain('429');
    expect(throttledRequest(ctx(invalid, error(400, 'InvalidParameter.Name')))).toBeUndefined();
    expect(throttledRequest(ctx(invalid, error(503, 'ServiceUnavailable')))).toBeUndefined();
  });
});
