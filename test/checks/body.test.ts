import { describe, expect, it } from 'vitest';
import {
  contentTypeMatchesFormat,
  errorBodyMatchesSchema,
  successBodyMatchesSchema,
} from '../../lib/checks/index.js';
import {
  created,
  ctx,
  error,
  exchangeOf,
  json,
  makeCase,
  NAME_EXPECTED,
  request,
  requestId,
  XML_VARIANT,
  xml,
} from './fixtures.js';

const valid = makeCase({ rule: 'valid.success-body', kind: 'valid', expected: { kind: 'success' } });
const invalid = makeCase({ expected: NAME_EXPECTED });
const xmlValid = makeCase({ ...valid, request: request(undefined, { transport: XML_VARIANT }) });
const xmlInvalid = makeCase({ ...invalid, request: request(undefined, { transport: XML_VARIANT }) });

describe('successBodyMatchesSchema', () => {
  it('accepts the documented body, JSON or XML', () => {
    expect(successBodyMatchesSchema(ctx(valid, created()))).toEqual([]);
    const body = xml(200, 'CreateSnapshotGroupResponse', {
      RequestId: requestId(),
      SnapshotGroupId: 'ssg-abc',
    });
    expect(successBodyMatchesSchema(ctx(xmlValid, body))).toEqual([]);
  });

  it('reports a lower-case RequestId, a missing SnapshotGroupId, a wrong XML root', () => {
    const lower = successBodyMatchesSchema(
      ctx(valid, json(200, { RequestId: requestId().toLowerCase(), SnapshotGroupId: 'ssg-abc' })),
    );
    expect(lower).toHaveLength(1);
    expect(lower[0]).toMatchObject({ check: 'successBodyMatchesSchema', rule: 'valid.success-body' });
    expect(lower[0]?.actual).toContain('/RequestId');
    const missing = successBodyMatchesSchema(ctx(valid, json(200, { RequestId: requestId() })));
    expect(missing[0]?.actual).toContain('SnapshotGroupId');
    const root = successBodyMatchesSchema(
      ctx(xmlValid, xml(200, 'Response', { RequestId: requestId(), SnapshotGroupId: 'ssg-a' })),
    );
    expect(root.map((f) => f.actual)).toEqual(['<Response>']);
  });

  it('validates a prelude response against the schema of its own action', () => {
    const describe = request([['RegionId', 'cn-hangzhou']], { action: 'DescribeSnapshotGroups' });
    const c = makeCase({ ...invalid, prelude: [describe] });
    const listed = json(200, { RequestId: requestId(), SnapshotGroups: { SnapshotGroup: [] } });
    expect(successBodyMatchesSchema(ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [listed] }))).toEqual(
      [],
    );
    const bare = json(200, { RequestId: 'not-a-uuid', SnapshotGroups: { SnapshotGroup: [] } });
    expect(
      successBodyMatchesSchema(ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [bare] })),
    ).toHaveLength(1);
  });

  it('validates XML with the documented types read from text: a listed group passes (issue 8 false alarm)', () => {
    const describe = request([['RegionId', 'cn-hangzhou']], {
      action: 'DescribeSnapshotGroups',
      transport: XML_VARIANT,
    });
    const c = makeCase({ ...invalid, prelude: [describe] });
    const listing = (available: string, days: string) =>
      exchangeOf(
        200,
        `<?xml version="1.0" encoding="UTF-8"?><DescribeSnapshotGroupsResponse><RequestId>${requestId()}</RequestId><SnapshotGroups><SnapshotGroup><SnapshotGroupId>ssg-abc</SnapshotGroupId><Status>accomplished</Status><Snapshots><Snapshot><SnapshotId>s-1a</SnapshotId><SourceDiskId>d-1</SourceDiskId><Progress>100%</Progress><Available>${available}</Available><InstantAccess>false</InstantAccess><InstantAccessRetentionDays>${days}</InstantAccessRetentionDays></Snapshot></Snapshots></SnapshotGroup></SnapshotGroups></DescribeSnapshotGroupsResponse>`,
        'text/xml;charset=utf-8',
      );
    const check = (prelude: ReturnType<typeof exchangeOf>) =>
      successBodyMatchesSchema(ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [prelude] }));
    const good = listing('true', '7');
    expect(check(good)).toEqual([]);
    // Coercion works on a copy: the parsed body the other checks read keeps its strings.
    const parsed = good.response?.parsed;
    const snapshot = parsed?.format === 'xml' ? JSON.stringify(parsed.value) : '';
    expect(snapshot).toContain('"Available":"true"');
    expect(snapshot).toContain('"InstantAccessRetentionDays":"7"');
    // Text that is no boolean or no integer still fails.
    expect(check(listing('yes', '7'))[0]?.actual).toContain('/Available');
    expect(check(listing('true', 'seven'))[0]?.actual).toContain('/InstantAccessRetentionDays');
  });

  it('validates JSON strictly: a boolean or integer sent as a string is a defect', () => {
    const describe = request([['RegionId', 'cn-hangzhou']], { action: 'DescribeSnapshotGroups' });
    const c = makeCase({ ...invalid, prelude: [describe] });
    const listing = (available: unknown, days: unknown) =>
      json(200, {
        RequestId: requestId(),
        SnapshotGroups: {
          SnapshotGroup: [
            {
              SnapshotGroupId: 'ssg-abc',
              Snapshots: {
                Snapshot: [{ SnapshotId: 's-1a', Available: available, InstantAccessRetentionDays: days }],
              },
            },
          ],
        },
      });
    const check = (prelude: ReturnType<typeof json>) =>
      successBodyMatchesSchema(ctx(c, error(400, 'SignatureNonceUsed'), { prelude: [prelude] }));
    expect(check(listing(true, 7))).toEqual([]);
    const findings = check(listing('true', '7'));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.actual).toContain('/Available');
    expect(findings[0]?.actual).toContain('/InstantAccessRetentionDays');
  });

  it('reports an empty or unparseable 2xx body', () => {
    expect(
      successBodyMatchesSchema(ctx(valid, exchangeOf(200, '', 'application/json')))[0]?.message,
    ).toContain('empty');
    expect(successBodyMatchesSchema(ctx(valid, exchangeOf(200, 'OK', 'text/plain')))[0]?.message).toContain(
      'neither JSON nor XML',
    );
  });
});

describe('errorBodyMatchesSchema', () => {
  it('accepts RequestId, HostId, Code, Message with or without Recommend, JSON or XML', () => {
    expect(errorBodyMatchesSchema(ctx(invalid, error(400, 'InvalidParameter.Name')))).toEqual([]);
    const noRecommend = json(400, {
      RequestId: requestId(),
      HostId: 'ecs.aliyuncs.com',
      Code: 'X',
      Message: 'm',
    });
    expect(errorBodyMatchesSchema(ctx(invalid, noRecommend))).toEqual([]);
    const body = xml(400, 'Error', {
      RequestId: requestId(),
      HostId: 'ecs.aliyuncs.com',
      Code: 'X',
      Message: 'm',
    });
    expect(errorBodyMatchesSchema(ctx(xmlInvalid, body))).toEqual([]);
  });

  it('reports a missing HostId and a non-string Recommend under valid.error-body', () => {
    const [missing] = errorBodyMatchesSchema(
      ctx(invalid, json(400, { RequestId: requestId(), Code: 'X', Message: 'm' })),
    );
    expect(missing).toMatchObject({ check: 'errorBodyMatchesSchema', rule: 'valid.error-body' });
    expect(missing?.actual).toContain('HostId');
    const recommend = json(400, {
      RequestId: requestId(),
      HostId: 'h',
      Code: 'X',
      Message: 'm',
      Recommend: 5,
    });
    expect(errorBodyMatchesSchema(ctx(invalid, recommend))[0]?.actual).toContain('/Recommend');
  });

  it('does not look at successes', () => {
    expect(errorBodyMatchesSchema(ctx(valid, created()))).toEqual([]);
  });
});

describe('contentTypeMatchesFormat', () => {
  it('accepts application/json for JSON, text/xml with any charset parameter for XML', () => {
    expect(contentTypeMatchesFormat(ctx(valid, created()))).toEqual([]);
    const body = { RequestId: requestId(), SnapshotGroupId: 'ssg-a' };
    for (const type of ['text/xml;charset=utf-8', 'text/xml', 'Text/XML; charset=UTF-8']) {
      expect(
        contentTypeMatchesFormat(ctx(xmlValid, xml(200, 'CreateSnapshotGroupResponse', body, type))),
        type,
      ).toEqual([]);
    }
  });

  it('reports application/xml: the official SDK parses an XML error only as text/xml', () => {
    const body = { RequestId: requestId(), SnapshotGroupId: 'ssg-a' };
    const success = contentTypeMatchesFormat(
      ctx(xmlValid, xml(200, 'CreateSnapshotGroupResponse', body, 'application/xml')),
    );
    expect(success).toHaveLength(1);
    expect(success[0]).toMatchObject({
      rule: 'valid.success-body',
      expected: 'text/xml',
      actual: 'application/xml',
    });
    const refusal = xml(
      400,
      'Error',
      { RequestId: requestId(), HostId: 'h', Code: 'X', Message: 'm' },
      'application/xml;charset=utf-8',
    );
    expect(contentTypeMatchesFormat(ctx(xmlInvalid, refusal)).map((f) => f.rule)).toEqual([
      'valid.error-body',
    ]);
    expect(
      contentTypeMatchesFormat(ctx(xmlValid, xml(200, 'CreateSnapshotGroupResponse', body, 'text/xmlish'))),
    ).toHaveLength(1);
  });

  it('reports JSON answered to an XML request: content type and body', () => {
    const findings = contentTypeMatchesFormat(ctx(xmlInvalid, error(400, 'InvalidParameter.Name')));
    expect(findings.map((f) => f.expected)).toEqual(['text/xml', 'an XML body']);
    expect(findings.every((f) => f.rule === 'valid.error-body')).toBe(true);
  });

  it('does not judge the format of the refusal of an unsupported HTTP method', () => {
    const put = makeCase({
      ...invalid,
      request: request(undefined, { tamper: { kind: 'method', method: 'PUT' } }),
    });
    expect(
      contentTypeMatchesFormat(
        ctx(put, xml(403, 'Error', { RequestId: requestId(), Code: 'UnsupportedHTTPMethod' })),
      ),
    ).toEqual([]);
  });

  it('reports a JSON body labelled text/plain', () => {
    const findings = contentTypeMatchesFormat(
      ctx(valid, json(200, { RequestId: 'x', SnapshotGroupId: 'ssg-a' }, 'text/plain')),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'valid.success-body', actual: 'text/plain' });
  });
});
