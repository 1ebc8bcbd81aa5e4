/**
 * The keywords of the OpenAPI request schema, and which of them one request exercises: on the violating
 * side (ajv names the keyword it broke) or at the edge of the satisfying side (a length, a value or a list
 * exactly at its bound). What conformance.json reports as schema-keyword coverage.
 */
import { operationParameters, requestSchema } from './openapi.js';
import type { JsonSchema } from './openapi-json-schema.js';

/** Keywords that constrain a value (not annotations, not structure). */
const CONSTRAINTS = new Set([
  'type',
  'minLength',
  'maxLength',
  'pattern',
  'not',
  'minimum',
  'maximum',
  'maxItems',
  'minItems',
  'required',
  'enum',
  'anyOf',
]);
/** Bounds whose satisfying side has an edge: the bound itself. */
const BOUNDS = new Set(['minLength', 'maxLength', 'minimum', 'maximum', 'maxItems', 'minItems']);

export interface SchemaKeyword {
  /** JSON pointer, as ajv's schemaPath without the `#`: `/properties/Name/maxLength`. */
  location: string;
  keyword: string;
  /** The path of the value it constrains in the request object (`Name`, `Tag.*.Key`), for reading one. */
  valuePath: string[];
  bound?: number;
}

/** Every constraining keyword of the request schema, skipping the signature's common parameters. */
function schemaKeywords(schema: JsonSchema, skip: ReadonlySet<string> = new Set()): SchemaKeyword[] {
  const out: SchemaKeyword[] = [];
  const walk = (node: JsonSchema, location: string, valuePath: string[]): void => {
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === 'properties') {
        for (const [name, child] of Object.entries(value as Record<string, JsonSchema>))
          if (!skip.has(name)) walk(child, `${location}/properties/${name}`, [...valuePath, name]);
      } else if (keyword === 'items') walk(value as JsonSchema, `${location}/items`, [...valuePath, '*']);
      else if (keyword === 'allOf')
        (value as JsonSchema[]).forEach((child, i) => {
          walk(child, `${location}/allOf/${i}`, valuePath);
        });
      else if (CONSTRAINTS.has(keyword)) {
        const entry: SchemaKeyword = { location: `${location}/${keyword}`, keyword, valuePath };
        if (BOUNDS.has(keyword) && typeof value === 'number') entry.bound = value;
        out.push(entry);
      }
    }
  };
  walk(schema, '', []);
  return out;
}

/** The values at a path (`Tag.*.Key` gives every tag's key). */
function valuesAt(object: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [object];
  for (const segment of path) {
    const next: unknown[] = [];
    for (const value of current) {
      if (segment === '*') {
        if (Array.isArray(value)) next.push(...value);
      } else if (typeof value === 'object' && value !== null && segment in value) {
        next.push((value as Record<string, unknown>)[segment]);
      }
    }
    current = next;
  }
  return current;
}

const measure = (keyword: string, value: unknown): number | undefined => {
  if ((keyword === 'minLength' || keyword === 'maxLength') && typeof value === 'string')
    return [...value].length;
  if ((keyword === 'minimum' || keyword === 'maximum') && typeof value === 'number') return value;
  if ((keyword === 'maxItems' || keyword === 'minItems') && Array.isArray(value)) return value.length;
  return undefined;
};

/** Bounds the request sits exactly on, without breaking them (a Name of exactly maxLength characters). */
export function edgesTouched(
  keywords: readonly SchemaKeyword[],
  request: unknown,
  violated: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const k of keywords) {
    if (k.bound === undefined || violated.has(k.location)) continue;
    if (valuesAt(request, k.valuePath).some((value) => measure(k.keyword, value) === k.bound))
      out.push(k.location);
  }
  return out;
}

/** Keywords ajv reports as broken, most specific first kept (a `not` is reported, not its branches). */
export function violatedLocations(errors: ReadonlyArray<{ schemaPath: string }>): string[] {
  const paths = [...new Set(errors.map((e) => e.schemaPath.replace(/^#/, '')))];
  return paths.filter((p) => !paths.some((other) => other !== p && p.startsWith(`${other}/`)));
}

let keywords: SchemaKeyword[] | undefined;

/**
 * The keywords of CreateSnapshotGroup's own parameters (the signature's common ones are the protocol
 * rules' business), read once from the OpenAPI request schema.
 */
export function requestKeywords(): readonly SchemaKeyword[] {
  if (keywords === undefined) {
    const own = new Set(operationParameters('CreateSnapshotGroup').map((p) => p.name));
    const schema = requestSchema('CreateSnapshotGroup');
    const common = Object.keys((schema.properties ?? {}) as object).filter((name) => !own.has(name));
    keywords = schemaKeywords(schema, new Set(common));
  }
  return keywords;
}
