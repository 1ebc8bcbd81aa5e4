import { describe, expect, it } from 'vitest';
import { errorCodeMatchesRule, httpStatusMatchesCode } from '../../lib/checks/index.js';
import { created, ctx, error, json, makeCase, NAME_EXPECTED, request } from './fixtures.js';

describe('errorCodeMatchesRule', () => {
  const nameCase = makeCase({ expected: NAME_EXPECTED });

  it('accepts the expected code and each documented alternative', () => {
    expect(errorCodeMatchesRule(ctx(nameCase, error(400, 'InvalidParameter.Name')))).toEqual([]);
    expect(errorCodeMatchesRule(ctx(nameCase, error(400, 'InvalidSnapshotName.Malformed')))).toEqual([]);
  });

  it('reports another code, naming expected and actual', () => {
    const [finding, ...rest] = errorCodeMatchesRule(ctx(nameCase, error(400, 'InvalidParameter')));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      check: 'errorCodeMatchesRule',
      rule: 'name.max-length',
      caseId: nameCase.id,
      expected: 'InvalidParameter.Name (400) or InvalidSnapshotName.Malformed (400)',
      actual: '400 InvalidParameter',
    });
  });

  it('reports an error body without Code', () => {
    const findings = errorCodeMatchesRule(ctx(nameCase, json(400, { RequestId: 'x' })));
    expect(findings.map((f) => f.message)).toEqual(['the error response carries no Code']);
  });

  it('matches a code with a dynamic part as a prefix only where the rule says so', () => {
    const tags = makeCase({
      rule: 'tag.max-count',
      expected: { kind: 'error', code: 'QuotaExceed.Tags', codeMatch: 'prefix', status: 403 },
    });
    expect(errorCodeMatchesRule(ctx(tags, error(403, 'QuotaExceed.Tags20')))).toEqual([]);
    const exact = makeCase({ expected: { kind: 'error', code: 'QuotaExceed.Tags', status: 403 } });
    expect(errorCodeMatchesRule(ctx(exact, error(403, 'QuotaExceed.Tags20')))).toHaveLength(1);
  });

  it('accepts any documented 4xx code where the page names none, and nothing else', () => {
    const vague = makeCase({ rule: 'disk-ids.index-range', expected: { kind: 'documented-4xx' } });
    expect(errorCodeMatchesRule(ctx(vague, error(400, 'InvalidParameter')))).toEqual([]);
    expect(errorCodeMatchesRule(ctx(vague, error(404, 'InvalidDiskId.NotFound')))).toEqual([]);
    expect(errorCodeMatchesRule(ctx(vague, error(400, 'MadeUp.Code')))).toHaveLength(1);
    // InternalError is documented, but only with 500.
    expect(errorCodeMatchesRule(ctx(vague, error(400, 'InternalError')))).toHaveLength(1);
  });

  it('does not apply to successes, valid cases or concurrent cases', () => {
    expect(errorCodeMatchesRule(ctx(nameCase, created()))).toEqual([]);
    const valid = makeCase({ kind: 'valid', expected: { kind: 'success' } });
    expect(errorCodeMatchesRule(ctx(valid, error(400, 'Whatever')))).toEqual([]);
    const concurrent = makeCase({ expected: NAME_EXPECTED, concurrent: true, prelude: [request()] });
    expect(errorCodeMatchesRule(ctx(concurrent, error(400, 'Whatever'), { prelude: [created()] }))).toEqual(
      [],
    );
  });
});

describe('httpStatusMatchesCode', () => {
  const descriptionCase = makeCase({
    rule: 'description.max-length',
    expected: {
      kind: 'one-of',
      alternatives: [
        { code: 'InvalidParameter.Description', status: 400 },
        { code: 'InvalidDescription.Malformed', status: 404 },
      ],
    },
  });

  it("takes the rule's status for the expected code", () => {
    expect(httpStatusMatchesCode(ctx(descriptionCase, error(404, 'InvalidDescription.Malformed')))).toEqual(
      [],
    );
    const [finding] = httpStatusMatchesCode(ctx(descriptionCase, error(400, 'InvalidDescription.Malformed')));
    expect(finding).toMatchObject({
      check: 'httpStatusMatchesCode',
      expected: '404',
      actual: '400 InvalidDescription.Malformed',
    });
  });

  it("takes the page's status for another documented code, under valid.error-body", () => {
    expect(httpStatusMatchesCode(ctx(descriptionCase, error(404, 'InvalidDiskId.NotFound')))).toEqual([]);
    const [finding] = httpStatusMatchesCode(ctx(descriptionCase, error(400, 'InvalidDiskId.NotFound')));
    expect(finding).toMatchObject({ expected: '404', rule: 'valid.error-body' });
    const vague = makeCase({ rule: 'disk-ids.index-range', expected: { kind: 'documented-4xx' } });
    expect(httpStatusMatchesCode(ctx(vague, error(400, 'InvalidDiskId.NotFound')))[0]?.rule).toBe(
      'disk-ids.index-range',
    );
  });

  it('says nothing about an undocumented code (errorCodeMatchesRule reports it)', () => {
    expect(httpStatusMatchesCode(ctx(descriptionCase, error(418, 'Teapot')))).toEqual([]);
  });

  it('checks prelude responses against the page', () => {
    const c = makeCase({ expected: NAME_EXPECTED, prelude: [request()] });
    const findings = httpStatusMatchesCode(
      ctx(c, error(400, 'InvalidParameter.Name'), { prelude: [error(500, 'InvalidRegionId.NotFound')] }),
    );
    expect(findings.map((f) => f.message)).toEqual([
      'prelude request 1: HTTP 500 is not the status documented for InvalidRegionId.NotFound',
    ]);
  });
});
