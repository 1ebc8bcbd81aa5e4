/**
 * What the engine reads from the OpenAPI files (spec/<Operation>.openapi.yaml): body and parameter schemas as
 * plain JSON Schema for ajv (draft 2020-12, `ajv/dist/2020.js` plus ajv-formats), the wire shape of list
 * parameters, and the documented error codes. Everything is parsed once and memoised; returned objects are
 * frozen because they are shared.
 */
import { ToolError } from '../errors.js';
import {
  asObject,
  asString,
  deref,
  type JsonObject,
  loadOpenApiDocument,
  type OperationName,
  resolvePointer,
} from './openapi-document.js';
import { type JsonSchema, toPlainJsonSchema } from './openapi-json-schema.js';
import { arrayPaths } from './openapi-xml.js';

export { OPERATION_NAMES, type OperationName, projectRoot, specFile } from './openapi-document.js';
export {
  type CommonErrorCode,
  codeMatches,
  commonErrorCodes,
  type DocumentationScope,
  documentedErrorRows,
  documentedStatusesForCode,
  type ErrorTableRow,
  isDocumentedStatusForCode,
} from './openapi-errors.js';
export type { JsonSchema } from './openapi-json-schema.js';

export interface OperationParameter {
  name: string;
  in: 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
  /** Wire names: `[name]` for a scalar, `['DiskId.N']` or `['Tag.N.Key', 'Tag.N.Value']` for a repeatList. */
  wireNames: string[];
  serialization?: 'repeatList';
  /** Largest N of a repeatList the page allows. */
  maxIndex?: number;
  /** Set on the common parameters: which signature form they belong to. */
  common?: 'rpc' | 'acs3';
}

const memo = new Map<string, unknown>();
function memoise<T>(key: string, compute: () => T): T {
  if (!memo.has(key)) memo.set(key, deepFreeze(compute()));
  return memo.get(key) as T;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function pathItem(operation: OperationName): { document: JsonObject; item: JsonObject } {
  const document = loadOpenApiDocument(operation);
  return { document, item: asObject(asObject(document.paths, 'paths')['/'], `${operation} paths./`) };
}

function successSchemaNode(operation: OperationName): { document: JsonObject; schema: unknown } {
  const { document, item } = pathItem(operation);
  const responses = asObject(asObject(item.post, `${operation} post`).responses, `${operation} responses`);
  const ok = deref(document, responses['200'], `${operation} responses.200`);
  const json = asObject(asObject(ok.content, `${operation} 200 content`)['application/json'], 'json');
  return { document, schema: json.schema };
}

/** JSON Schema of the 200 body (JSON form; the XML form has the same members under the root element). */
export function successBodySchema(operation: OperationName): JsonSchema {
  return memoise(`success:${operation}`, () => {
    const { document, schema } = successSchemaNode(operation);
    return toPlainJsonSchema(document, schema, `${operation} success body`);
  });
}

/** JSON Schema of the common error body (JSON form; XML root `Error`). */
export function errorBodySchema(): JsonSchema {
  return memoise('error', () => {
    const document = loadOpenApiDocument('CreateSnapshotGroup');
    return toPlainJsonSchema(document, { $ref: '#/components/schemas/ErrorBody' }, 'ErrorBody');
  });
}

/** The operation's own parameters as one object, lists unserialised (`components/schemas/<Op>Request`). */
export function requestSchema(operation: OperationName): JsonSchema {
  return memoise(`request:${operation}`, () => {
    const document = loadOpenApiDocument(operation);
    return toPlainJsonSchema(document, { $ref: `#/components/schemas/${operation}Request` }, operation);
  });
}

/** XML root element of the 200 body, e.g. `CreateSnapshotGroupResponse`. */
export function successXmlRootName(operation: OperationName): string {
  const { document, schema } = successSchemaNode(operation);
  const ref = asString(asObject(schema, `${operation} 200 schema`).$ref, `${operation} 200 schema $ref`);
  const xml = asObject(asObject(resolvePointer(document, ref), ref).xml, `${ref} xml`);
  return asString(xml.name, `${ref} xml.name`);
}

export const errorXmlRootName = (): string => 'Error';

/**
 * Element paths of the 200 body's lists, root included (`DescribeSnapshotGroupsResponse.SnapshotGroups.
 * SnapshotGroup`), so an XML parser can keep a list of one as a list.
 */
export function xmlArrayPaths(operation: OperationName): readonly string[] {
  return memoise(`xmlArrays:${operation}`, () =>
    arrayPaths(successBodySchema(operation), successXmlRootName(operation)),
  );
}

function allParameters(operation: OperationName): readonly OperationParameter[] {
  return memoise(`parameters:${operation}`, () => {
    const { document, item } = pathItem(operation);
    const list = Array.isArray(item.parameters) ? item.parameters : [];
    return list.map((node, index) =>
      readParameter(document, deref(document, node, `${operation} p${index}`)),
    );
  });
}

function readParameter(document: JsonObject, parameter: JsonObject): OperationParameter {
  const name = asString(parameter.name, 'parameter name');
  const where = `parameter ${name}`;
  const location = parameter.in;
  if (location !== 'query' && location !== 'header')
    throw new ToolError('E_SPEC', `${where}: in=${location}`);
  const wire = parameter['x-wire-name'];
  const result: OperationParameter = {
    name,
    in: location,
    required: parameter.required === true,
    schema: toPlainJsonSchema(document, parameter.schema, where),
    wireNames:
      wire === undefined
        ? [name]
        : Array.isArray(wire)
          ? wire.map((w) => asString(w, where))
          : [asString(wire, where)],
  };
  if (parameter['x-alibaba-serialization'] === 'repeatList') result.serialization = 'repeatList';
  if (typeof parameter['x-max-index'] === 'number') result.maxIndex = parameter['x-max-index'];
  const common = parameter['x-common'];
  if (common === 'rpc' || common === 'acs3') result.common = common;
  return result;
}

/** The operation's own parameters (page and SDK), in spec order; not the signature's common ones. */
export function operationParameters(operation: OperationName): readonly OperationParameter[] {
  return allParameters(operation).filter((parameter) => parameter.common === undefined);
}

/** The common parameters of both signature forms (RPC query parameters and ACS3 headers). */
export function commonParameters(operation: OperationName): readonly OperationParameter[] {
  return allParameters(operation).filter((parameter) => parameter.common !== undefined);
}

/** Parameter name → JSON Schema, for the operation's own parameters (what generators draw from). */
export function operationParameterSchemas(operation: OperationName): Readonly<Record<string, JsonSchema>> {
  return memoise(`parameterSchemas:${operation}`, () =>
    Object.fromEntries(operationParameters(operation).map((parameter) => [parameter.name, parameter.schema])),
  );
}
