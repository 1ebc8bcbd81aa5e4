import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  commonErrorCodes,
  commonParameters,
  documentedErrorRows,
  errorBodySchema,
  isDocumentedStatusForCode,
  type JsonSchema,
  OPERATION_NAMES,
  operationParameterSchemas,
  operationParameters,
  projectRoot,
  requestSchema,
  specFile,
  successBodySchema,
  successXmlRootName,
  xmlArrayPaths,
} from '../../lib/spec/openapi.js';
import { loadOpenApiDocument } from '../../lib/spec/openapi-document.js';
import { toPlainJsonSchema } from '../../lib/spec/openapi-json-schema.js';
import { needs } from '../helpers/prerequisite.js';
import { REFERENCES } from './fixtures/references.js';

// ajv-formats is CommonJS whose default export NodeNext types as the module object: require() is exact.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;
// Strict mode on purpose: an unknown keyword or format in a shipped schema must fail here, not in a check.
// strictRequired stays off: `not: {required: [DiskId, ExcludeDiskId]}` names properties defined a level up.
const ajv = addFormats(new Ajv2020({ strict: true, strictRequired: false, allErrors: true }));
const validator = (schema: JsonSchema) => {
  const validate = ajv.compile(schema);
  return (value: unknown): boolean => validate(value) === true;
};

const root = projectRoot();
// The page lives beside the repository (../shared); the assertion that reads it skips, saying why, when it
// is absent, and fails instead under CI=true.
const pageFile = join(root, '..', 'shared', 'reference', 'CreateSnapshotGroup.api-doc.txt');
const pageRows = (): string[] => {
  const lines = readFileSync(pageFile, 'utf8').split('\n');
  const start = lines.findIndex((line) => line.startsWith('HTTP status codeError code'));
  const end = lines.findIndex((line) => line.startsWith('For a list of error codes'));
  return lines.slice(start + 1, end).filter((line) => line.trim() !== '');
};
const countBy = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((acc, s) => Object.assign(acc, { [s]: (acc[s] ?? 0) + 1 }), {});

describe('OpenAPI files', () => {
  it.each(OPERATION_NAMES)('%s passes swagger-parser validation', async (operation) => {
    const api = await SwaggerParser.validate(specFile(operation));
    expect(api.info.title).toContain(operation);
  });

  it('swagger-parser is live: a broken copy is rejected', async () => {
    const broken = structuredClone(loadOpenApiDocument('DeleteSnapshotGroup')) as {
      components: { parameters: { RegionId: { in: string } } };
    };
    broken.components.parameters.RegionId.in = 'body';
    // `as never`: the parser's document type lives in a transitive package (openapi-types) we do not import.
    await expect(SwaggerParser.validate(broken as never)).rejects.toThrow(
      /must be equal to one of the allowed/,
    );
  });

  it.each(OPERATION_NAMES)('every component schema of %s compiles with ajv in strict mode', (operation) => {
    const document = loadOpenApiDocument(operation);
    const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
    for (const name of Object.keys(schemas)) {
      const plain = toPlainJsonSchema(document, { $ref: `#/components/schemas/${name}` }, name);
      expect(() => ajv.compile(plain), name).not.toThrow();
    }
  });

  it('keeps the common components identical in the three files (Action aside)', () => {
    const common = (operation: (typeof OPERATION_NAMES)[number]) => {
      const document = parse(readFileSync(specFile(operation), 'utf8')) as {
        components: {
          parameters: Record<string, { 'x-common'?: string }>;
          schemas: Record<string, unknown>;
          securitySchemes: unknown;
        };
        'x-common-error-codes': unknown;
      } & Record<string, unknown>;
      const parameters = Object.entries(document.components.parameters).filter(([, p]) => p['x-common']);
      const { Action: _action, ...schemas } = document.components.schemas;
      const names = [
        'Version',
        'Format',
        'Timestamp',
        'RequestId',
        'ErrorBody',
        'CommonRpcParameters',
        'OwnerId',
      ];
      return {
        parameters,
        schemas: names.map((name) => schemas[name]),
        codes: document['x-common-error-codes'],
        security: document.components.securitySchemes,
      };
    };
    const [create, ...others] = OPERATION_NAMES.map(common);
    expect(create?.parameters).toHaveLength(16);
    for (const other of others) {
      expect(other.parameters).toEqual(create?.parameters);
      expect(other.schemas).toEqual(create?.schemas);
      expect(other.codes).toEqual(create?.codes);
      expect(other.security).toEqual(create?.security);
    }
  });

  it('generated types are not stale (scripts/generate-types.mjs --check)', () => {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'generate-types.mjs'), '--check'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('up to date');
  });
});

describe('the page error table (x-error-codes)', () => {
  const rows = documentedErrorRows();

  it('holds 54 rows in page order, with the page spelling kept', () => {
    expect(rows).toHaveLength(54);
    expect(rows.map((row) => row.row)).toEqual(rows.map((_, index) => index + 1));
    const statuses = rows.map((row) => row.status);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(rows.filter((row) => row.code === 'MissingParamter.InstanceId')).toHaveLength(1);
    expect(rows.filter((row) => row.code === 'InternalError')).toHaveLength(2);
    expect(rows.filter((row) => row.code === 'DiskCategory.OperationNotSupported')).toHaveLength(2);
    expect(rows.find((row) => row.code === 'QuotaExceed.Tags')).toMatchObject({ status: 403, message: '%s' });
    expect(rows.find((row) => row.code === 'InvalidDisk.ShareVolume')).toMatchObject({ message: '%s' });
    expect(rows.filter((row) => row.description === '-').length).toBeGreaterThan(10);
  });

  it('matches the page row by row, statuses counted from the page', (context) => {
    needs(context, { present: existsSync(pageFile), reason: REFERENCES.reason });
    const lines = pageRows();
    expect(countBy(rows.map((row) => row.status))).toEqual(
      countBy(lines.map((line) => Number(line.slice(0, 3)))),
    );
    // The page flattens each row to status+code+message+description with nothing between the cells.
    expect(rows.map((r) => `${r.status}${r.code}${r.message}${r.description}`)).toEqual(lines);
  });

  it('lists the ECS common and gateway codes, one entry per (code, status, source)', () => {
    const codes = commonErrorCodes();
    const statusesOf = (code: string) => codes.filter((c) => c.code === code).map((c) => c.status);
    expect(statusesOf('InvalidAccessKeyId.NotFound').sort()).toEqual([400, 400, 404]);
    expect(statusesOf('UnsupportedHTTPMethod').sort()).toEqual([400, 403, 403]);
    expect(statusesOf('OperationConflict')).toEqual([409]);
    expect(new Set(codes.map((c) => c.source))).toEqual(new Set(['ecs-common', 'gateway']));
  });

  it('answers isDocumentedStatusForCode from the page, then the common list', () => {
    expect(isDocumentedStatusForCode('InvalidDescription.Malformed', 404)).toBe(true);
    expect(isDocumentedStatusForCode('InvalidDescription.Malformed', 400)).toBe(false);
    expect(isDocumentedStatusForCode('QuotaExceed.Tags', 403)).toBe(true);
    expect(isDocumentedStatusForCode('QuotaExceed.Tags.TooMany', 403)).toBe(true);
    expect(isDocumentedStatusForCode('QuotaExceed.Tag', 403)).toBe(false);
    expect(isDocumentedStatusForCode('InvalidDisk.ShareVolume.Attached', 403)).toBe(true);
    expect(isDocumentedStatusForCode('InvalidDiskIds.NotInSameZoneX', 400)).toBe(false);
    expect(isDocumentedStatusForCode('MissingParameter', 400)).toBe(true);
    expect(isDocumentedStatusForCode('MissingParameter', 400, 'page')).toBe(false);
    expect(isDocumentedStatusForCode('NoSuchCode', 400)).toBe(false);
  });
});

describe('request parameter schemas', () => {
  const schemas = operationParameterSchemas('CreateSnapshotGroup');
  const check = (name: string) => {
    const schema = schemas[name];
    if (!schema) throw new Error(`no schema for ${name}`);
    return validator(schema);
  };
  const tagList = check('Tag');
  const tag = (Key: string, Value?: string) => tagList([Value === undefined ? { Key } : { Key, Value }]);

  it('Name: the page example passes, boundaries and forbidden forms fail', () => {
    const name = check('Name');
    for (const ok of ['testName', 'ab', `a${'b'.repeat(127)}`, 'a.b_c-d:e9']) expect(name(ok), ok).toBe(true);
    for (const bad of ['a', `a${'b'.repeat(128)}`, '1abc', '_ab', 'ab c', 'http://x', 'ÀBC', 'ab/c']) {
      expect(name(bad), bad).toBe(false);
    }
  });

  it('Description: the page example passes, boundaries and URL prefixes fail', () => {
    const description = check('Description');
    for (const ok of ['This is description.', 'ab', 'x'.repeat(256), 'see http://x']) {
      expect(description(ok), ok).toBe(true);
    }
    for (const bad of ['x', 'x'.repeat(257), 'http://x', 'https://example.com']) {
      expect(description(bad), bad).toBe(false);
    }
  });

  it('Tag: the page example passes, key and value rules hold, 20 tags at most', () => {
    expect(tag('TestKey', 'TestValue')).toBe(true);
    expect(tag('k'.repeat(128), 'v'.repeat(128))).toBe(true);
    expect(tag('k', '')).toBe(true);
    for (const key of ['', 'acs:k', 'aliyunKey', 'a http://b', 'https://b', 'k'.repeat(129)]) {
      expect(tag(key, 'v'), key).toBe(false);
    }
    for (const value of ['acs:v', 'x https://y', 'v'.repeat(129)]) expect(tag('k', value), value).toBe(false);
    expect(tagList([{ Value: 'orphan' }])).toBe(false);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    expect(tagList(many(20))).toBe(true);
    expect(tagList(many(21))).toBe(false);
  });

  it('numbers, lists and the client token keep their documented limits', () => {
    const days = check('InstantAccessRetentionDays');
    expect([1, 65535].map(days)).toEqual([true, true]);
    expect([0, 65536, 1.5, '1'].map(days)).toEqual([false, false, false, false]);
    const disks = check('DiskId');
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `d-${i}`);
    expect([disks(ids(16)), disks(ids(17))]).toEqual([true, false]);
    const token = check('ClientToken');
    expect([token('t'.repeat(64)), token('t'.repeat(65)), token('tökén')]).toEqual([true, false, false]);
  });

  it('describes every operation parameter of protocol.md section 1, lists with their wire form', () => {
    const parameters = operationParameters('CreateSnapshotGroup');
    expect(parameters.map((p) => p.name).sort()).toEqual(
      [
        'RegionId',
        'InstanceId',
        'InstantAccess',
        'InstantAccessRetentionDays',
        'Name',
        'Description',
        'StorageLocationArn',
        'ExcludeDiskId',
        'DiskId',
        'Tag',
        'ResourceGroupId',
        'ClientToken',
        'OwnerId',
        'ResourceOwnerId',
        'ResourceOwnerAccount',
        'OwnerAccount',
      ].sort(),
    );
    expect(parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['RegionId']);
    expect(parameters.find((p) => p.name === 'DiskId')).toMatchObject({
      wireNames: ['DiskId.N'],
      serialization: 'repeatList',
      maxIndex: 16,
    });
    expect(parameters.find((p) => p.name === 'Tag')).toMatchObject({
      wireNames: ['Tag.N.Key', 'Tag.N.Value'],
      maxIndex: 20,
    });
    const common = commonParameters('CreateSnapshotGroup');
    expect(common.find((p) => p.name === 'Signature')?.common).toBe('rpc');
    expect(common.find((p) => p.name === 'x-acs-date')).toMatchObject({ in: 'header', common: 'acs3' });
    expect(validator(common.find((p) => p.name === 'Timestamp')?.schema ?? {})('2016-02-23T12:46:24Z')).toBe(
      true,
    );
  });

  it('the request schema needs a target and forbids DiskId with ExcludeDiskId', () => {
    const request = validator(requestSchema('CreateSnapshotGroup'));
    expect(request({ RegionId: 'cn-hangzhou', InstanceId: 'i-1' })).toBe(true);
    expect(request({ RegionId: 'cn-hangzhou', DiskId: ['d-1'] })).toBe(true);
    expect(request({ RegionId: 'cn-hangzhou' })).toBe(false);
    expect(request({ InstanceId: 'i-1' })).toBe(false);
    expect(request({ RegionId: 'r', InstanceId: 'i-1', DiskId: ['d-1'], ExcludeDiskId: ['d-2'] })).toBe(
      false,
    );
  });
});

describe('response body schemas', () => {
  const requestId = '01ABBD93-1ABB-4D92-B496-1A3D20EC0697';

  it('CreateSnapshotGroup: the page sample shape passes, a bad RequestId or id fails', () => {
    const ok = validator(successBodySchema('CreateSnapshotGroup'));
    expect(ok({ SnapshotGroupId: 'ssg-j6ciyh3k52qp7ovm0000', RequestId: requestId })).toBe(true);
    expect(ok({ SnapshotGroupId: 'ssg-j6ciyh3k52qp7ovm****', RequestId: requestId })).toBe(false);
    expect(ok({ SnapshotGroupId: 'ssg-abc', RequestId: requestId.toLowerCase() })).toBe(false);
    expect(ok({ SnapshotGroupId: 'sg-abc', RequestId: requestId })).toBe(false);
    expect(ok({ RequestId: requestId })).toBe(false);
    expect(successXmlRootName('CreateSnapshotGroup')).toBe('CreateSnapshotGroupResponse');
  });

  it('the common error body needs RequestId, HostId, Code and Message', () => {
    const error = validator(errorBodySchema());
    const body = {
      RequestId: requestId,
      HostId: 'ecs.aliyuncs.com',
      Code: 'InvalidParameter.Name',
      Message: 'm',
    };
    expect(error(body)).toBe(true);
    expect(error({ ...body, Recommend: 'https://api.alibabacloud.com/troubleshoot?q=x' })).toBe(true);
    const { HostId: _host, ...withoutHost } = body;
    expect(error(withoutHost)).toBe(false);
  });

  it('DescribeSnapshotGroups and DeleteSnapshotGroup bodies follow protocol.md section 5', () => {
    const describeOk = validator(successBodySchema('DescribeSnapshotGroups'));
    const snapshot = { SnapshotId: 's-1a', SourceDiskId: 'd-1', SourceDiskType: 'system', Progress: '100%' };
    const group = {
      SnapshotGroupId: 'ssg-1a',
      Status: 'accomplished',
      Tags: { Tag: [{ Key: 'k', Value: 'v' }] },
      Snapshots: { Snapshot: [{ ...snapshot, Available: true, InstantAccess: false }] },
    };
    expect(
      describeOk({ RequestId: requestId, NextToken: '', SnapshotGroups: { SnapshotGroup: [group] } }),
    ).toBe(true);
    expect(
      describeOk({ RequestId: requestId, SnapshotGroups: { SnapshotGroup: [{ ...group, Status: 'x' }] } }),
    ).toBe(false);
    const deleteOk = validator(successBodySchema('DeleteSnapshotGroup'));
    const progress = {
      OperationStatus: 'Success',
      RelatedItemSet: { RelatedItem: [{ Name: 'SnapshotId', Value: 's-1' }] },
    };
    expect(deleteOk({ RequestId: requestId, OperationProgressSet: { OperationProgress: [progress] } })).toBe(
      true,
    );
    expect(deleteOk({ OperationProgressSet: { OperationProgress: [progress] } })).toBe(false);
    expect(xmlArrayPaths('DescribeSnapshotGroups')).toEqual([
      'DescribeSnapshotGroupsResponse.SnapshotGroups.SnapshotGroup',
      'DescribeSnapshotGroupsResponse.SnapshotGroups.SnapshotGroup.Tags.Tag',
      'DescribeSnapshotGroupsResponse.SnapshotGroups.SnapshotGroup.Snapshots.Snapshot',
      'DescribeSnapshotGroupsResponse.SnapshotGroups.SnapshotGroup.Snapshots.Snapshot.Tags.Tag',
    ]);
  });
});
