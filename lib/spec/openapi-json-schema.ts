/**
 * Turns an OpenAPI 3.1 schema object into a self-contained JSON Schema (draft 2020-12) that ajv compiles in
 * strict mode: every local $ref inlined, OpenAPI-only keywords (`xml`, `example`, `discriminator`,
 * `externalDocs`) and `x-*` extensions dropped. Formats used: `int64` (ajv-formats knows it).
 */
import { ToolError } from '../errors.js';
import { asObject, type JsonObject, resolvePointer } from './openapi-document.js';

export type JsonSchema = JsonObject;

const DROPPED = new Set(['xml', 'example', 'discriminator', 'externalDocs']);
/** Keywords whose value maps names to subschemas (the names are data, not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SCHEMA_VALUED = new Set([
  'items',
  'not',
  'additionalProperties',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);

export function toPlainJsonSchema(document: JsonObject, schema: unknown, where: string): JsonSchema {
  return convert(document, schema, where, []);
}

function convert(document: JsonObject, node: unknown, where: string, refStack: string[]): JsonSchema {
  if (typeof node === 'boolean') {
    // A boolean schema is legal JSON Schema, but the shipped files never use one: say so rather than guess.
    throw new ToolError('E_SPEC', `${where}: boolean schemas are not supported here`);
  }
  const schema = asObject(node, where);
  if (typeof schema.$ref === 'string') return inlineRef(document, schema, schema.$ref, where, refStack);
  const out: JsonSchema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
    const path = `${where}/${keyword}`;
    if (SCHEMA_MAPS.has(keyword)) {
      out[keyword] = Object.fromEntries(
        Object.entries(asObject(value, path)).map(([name, sub]) => [
          name,
          convert(document, sub, `${path}/${name}`, refStack),
        ]),
      );
    } else if (SCHEMA_VALUED.has(keyword) && typeof value !== 'boolean') {
      out[keyword] = convert(document, value, path, refStack);
    } else if (SCHEMA_LISTS.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((sub, index) => convert(document, sub, `${path}/${index}`, refStack));
    } else {
      out[keyword] = value;
    }
  }
  return out;
}

function inlineRef(
  document: JsonObject,
  schema: JsonObject,
  ref: string,
  where: string,
  refStack: string[],
): JsonSchema {
  if (refStack.includes(ref)) {
    throw new ToolError('E_SPEC', `${where}: recursive $ref ${ref} cannot be inlined`);
  }
  const target = convert(document, resolvePointer(document, ref), ref, [...refStack, ref]);
  const { $ref: _ignored, ...siblings } = schema;
  if (Object.keys(siblings).length === 0) return target;
  // In 2020-12 a $ref with siblings means both apply: keep that meaning rather than merge blindly.
  return { ...convert(document, siblings, where, refStack), allOf: [target] };
}
