/**
 * The limits of CreateSnapshotGroup's request, read from its OpenAPI description once: what the generators
 * draw valid values within and break faulty ones across. Nothing in generators/ writes a limit of the page
 * again; editing the spec (a future API version's 64-character Name) moves every case with it.
 */
import { ToolError } from '../errors.js';
import type { Limits, RequestTextLimits, TextLimits } from './catalogue.js';
import { asObject, type JsonObject, loadOpenApiDocument } from './openapi-document.js';
import { type JsonSchema, toPlainJsonSchema } from './openapi-json-schema.js';
import { charsetOf, literalWordsOf } from './schema-patterns.js';

export type { RequestTextLimits, TextLimits } from './catalogue.js';

export interface RequestLimits extends RequestTextLimits {
  /** The page's list and size limits; a profile may overlay them (see loadProfile). */
  limits: Limits;
}

const REQUEST_SCHEMA = { $ref: '#/components/schemas/CreateSnapshotGroupRequest' };

const integer = (value: unknown, where: string): number => {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new ToolError('E_SPEC', `CreateSnapshotGroup request schema ${where}: expected an integer`);
};

function at(schema: JsonSchema, pointer: string): JsonSchema {
  let node: unknown = schema;
  for (const segment of pointer.split('/').slice(1)) node = asObject(node, pointer)[segment];
  return asObject(node, `CreateSnapshotGroup request schema ${pointer}`);
}

function notPatterns(schema: JsonSchema, where: string): string[] {
  const not = schema.not as JsonObject | undefined;
  if (not === undefined) return [];
  const branches = Array.isArray(not.anyOf) ? (not.anyOf as JsonObject[]) : [not];
  return branches.map((branch) => {
    if (typeof branch.pattern !== 'string')
      throw new ToolError('E_SPEC', `${where}: a not without a pattern`);
    return branch.pattern;
  });
}

function textLimits(request: JsonSchema, pointer: string): TextLimits {
  const schema = at(request, pointer);
  const where = `CreateSnapshotGroup request schema ${pointer}`;
  const limits: TextLimits = {
    schema: pointer,
    minLength: schema.minLength === undefined ? 0 : integer(schema.minLength, `${pointer}/minLength`),
    maxLength: integer(schema.maxLength, `${pointer}/maxLength`),
    forbiddenPrefixes: [],
    forbiddenInfixes: [],
  };
  if (typeof schema.pattern === 'string') limits.charset = charsetOf(schema.pattern, `${where}/pattern`);
  for (const pattern of notPatterns(schema, `${where}/not`)) {
    const { anchored, words } = literalWordsOf(pattern, `${where}/not`);
    (anchored ? limits.forbiddenPrefixes : limits.forbiddenInfixes).push(...words);
  }
  return limits;
}

function parameter(document: JsonObject, name: string): JsonObject {
  const parameters = asObject(
    asObject(document.components, 'components').parameters,
    'components.parameters',
  );
  return asObject(parameters[name], `components.parameters.${name}`);
}

/** Reads the limits from an OpenAPI document of CreateSnapshotGroup (the shipped one, or an edited copy). */
export function requestLimitsOf(document: JsonObject): RequestLimits {
  const request = toPlainJsonSchema(document, REQUEST_SCHEMA, 'CreateSnapshotGroupRequest');
  const days = at(request, '/properties/InstantAccessRetentionDays');
  const disks = parameter(document, 'DiskId');
  return {
    name: textLimits(request, '/properties/Name'),
    description: textLimits(request, '/properties/Description'),
    tagKey: textLimits(request, '/properties/Tag/items/properties/Key'),
    tagValue: textLimits(request, '/properties/Tag/items/properties/Value'),
    clientToken: textLimits(request, '/properties/ClientToken'),
    retentionDays: {
      schema: '/properties/InstantAccessRetentionDays',
      minimum: integer(days.minimum, '/properties/InstantAccessRetentionDays/minimum'),
      maximum: integer(days.maximum, '/properties/InstantAccessRetentionDays/maximum'),
    },
    limits: {
      maxDisks: integer(at(request, '/properties/DiskId').maxItems, '/properties/DiskId/maxItems'),
      maxDiskIndex: integer(disks['x-max-index'], 'parameters.DiskId x-max-index'),
      maxTotalSizeGiB: integer(disks['x-max-total-size-gib'], 'parameters.DiskId x-max-total-size-gib'),
      maxTags: integer(at(request, '/properties/Tag').maxItems, '/properties/Tag/maxItems'),
    },
  };
}

let shipped: RequestLimits | undefined;

/** The shipped spec's limits, read once. */
export function requestLimits(): RequestLimits {
  shipped ??= requestLimitsOf(loadOpenApiDocument('CreateSnapshotGroup'));
  return shipped;
}
