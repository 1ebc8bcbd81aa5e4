import { describe, expect, it } from 'vitest';
import {
  idempotencyMismatchRejected,
  idempotentProcessingReported,
  idempotentReplayReturnsSameGroup,
  processingNotObserved,
} from '../../lib/checks/index.js';
import { created, ctx, error, makeCase, request, transportFailure } from './fixtures.js';

const params = (extra: Array<[string, string]> = []): Array<[string, string]> => [
  ['RegionId', 'cn-hangzhou'],
  ['DiskId.1', 'd-1'],
  ['ClientToken', 'token-1'],
  ...extra,
];

describe('idempotentReplayReturnsSameGroup', () => {
  const replay = makeCase({
    rule: 'idempotency.same-token-same-result',
    kind: 'idempotency',
    expected: { kind: 'success' },
    request: request(params()),
    prelude: [request([...params()].reverse())],
  });

  it('accepts the same group for the replay (parameter order does not matter)', () => {
    expect(
      idempotentReplayReturnsSameGroup(ctx(replay, created('ssg-a'), { prelude: [created('ssg-a')] })),
    ).toEqual([]);
  });

  it('reports a second group', () => {
    const [finding] = idempotentReplayReturnsSameGroup(
      ctx(replay, created('ssg-b'), { prelude: [created('ssg-a')] }),
    );
    expect(finding).toMatchObject({
      check: 'idempotentReplayReturnsSameGroup',
      rule: 'idempotency.same-token-same-result',
      expected: 'SnapshotGroupId ssg-a (as for prelude request 1)',
    });
  });

  it('does not apply without a ClientToken or with other parameters', () => {
    const noToken = makeCase({ ...replay, request: request(), prelude: [request()] });
    expect(
      idempotentReplayReturnsSameGroup(ctx(noToken, created('ssg-b'), { prelude: [created('ssg-a')] })),
    ).toEqual([]);
    const other = makeCase({ ...replay, prelude: [request(params([['Name', 'other']]))] });
    expect(
      idempotentReplayReturnsSameGroup(ctx(other, created('ssg-b'), { prelude: [created('ssg-a')] })),
    ).toEqual([]);
  });
});

describe('idempotencyMismatchRejected', () => {
  const mismatch = makeCase({
    rule: 'idempotency.parameter-mismatch',
    kind: 'idempotency',
    expected: { kind: 'error', code: 'IdempotentParameterMismatch', status: 403 },
    request: request(params([['Name', 'second']])),
    prelude: [request(params())],
  });

  it('accepts a refusal', () => {
    expect(
      idempotencyMismatchRejected(
        ctx(mismatch, error(403, 'IdempotentParameterMismatch'), { prelude: [created('ssg-a')] }),
      ),
    ).toEqual([]);
  });

  it("reports the first request's group returned for other parameters", () => {
    const [finding] = idempotencyMismatchRejected(
      ctx(mismatch, created('ssg-a'), { prelude: [created('ssg-a')] }),
    );
    expect(finding?.message).toContain('returned its group');
  });

  it('reports a second group', () => {
    const [finding] = idempotencyMismatchRejected(
      ctx(mismatch, created('ssg-b'), { prelude: [created('ssg-a')] }),
    );
    expect(finding?.message).toContain('created another group');
  });
});

describe('idempotentProcessingReported', () => {
  const processing = makeCase({
    rule: 'idempotency.processing',
    kind: 'idempotency',
    expected: { kind: 'error', code: 'IdempotentProcessing', status: 403 },
    request: request(params()),
    prelude: [request(params()), request(params())],
    concurrent: true,
  });

  it('accepts one success and IdempotentProcessing for the others, whichever order', () => {
    const prelude = [error(403, 'IdempotentProcessing'), created('ssg-a')];
    expect(
      idempotentProcessingReported(ctx(processing, error(403, 'IdempotentProcessing'), { prelude })),
    ).toEqual([]);
  });

  it('accepts replays of the finished first request next to a processing report', () => {
    const prelude = [created('ssg-a'), created('ssg-a')];
    expect(
      idempotentProcessingReported(ctx(processing, error(403, 'IdempotentProcessing'), { prelude })),
    ).toEqual([]);
  });

  it('reports two groups for one token', () => {
    const prelude = [created('ssg-a'), created('ssg-b')];
    const messages = idempotentProcessingReported(
      ctx(processing, error(403, 'IdempotentProcessing'), { prelude }),
    ).map((f) => f.message);
    expect(messages).toEqual(['3 concurrent requests with one ClientToken created 2 groups']);
  });

  it('reports another refusal code and the case where nothing was processed', () => {
    const prelude = [error(403, 'IdempotentProcessing'), error(403, 'IdempotentProcessing')];
    const findings = idempotentProcessingReported(
      ctx(processing, error(400, 'InvalidParameter'), { prelude }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'none of the concurrent requests with one ClientToken was processed',
      'the request was refused with another error than the documented one',
    ]);
  });

  it('notes (as no finding) that all requests getting one group never showed IdempotentProcessing', () => {
    const allSame = ctx(processing, created('ssg-a'), { prelude: [created('ssg-a'), created('ssg-a')] });
    expect(idempotentProcessingReported(allSame)).toEqual([]);
    expect(processingNotObserved(allSame)).toBe(
      'IdempotentProcessing itself was not observed: all 3 simultaneous requests with one ClientToken got the same group',
    );
    const reported = ctx(processing, error(403, 'IdempotentProcessing'), {
      prelude: [created('ssg-a'), created('ssg-a')],
    });
    expect(processingNotObserved(reported)).toBeUndefined();
    const sequential = makeCase({ ...processing, concurrent: false });
    expect(
      processingNotObserved(ctx(sequential, created('ssg-a'), { prelude: [created('ssg-a')] })),
    ).toBeUndefined();
  });

  it('does not apply to sequential cases, nor when nothing answered', () => {
    const sequential = makeCase({ ...processing, concurrent: false });
    expect(
      idempotentProcessingReported(ctx(sequential, created('ssg-a'), { prelude: [created('ssg-b')] })),
    ).toEqual([]);
    expect(
      idempotentProcessingReported(
        ctx(processing, transportFailure(), { prelude: [transportFailure(), transportFailure()] }),
      ),
    ).toEqual([]);
  });
});
