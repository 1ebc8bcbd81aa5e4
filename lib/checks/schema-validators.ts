import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ParsedBody } from '../client/exchange.js';

// ajv-formats is CommonJS whose default export NodeNext types as the module object: require() is exact.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

/**
 * XML carries no types: the parser keeps every value a string ("true", "7"), while the documented
 * schemas type some fields boolean or integer. An XML body is therefore validated with coercion, so
 * `<InstantAccess>true</InstantAccess>` passes and `<InstantAccess>yes</InstantAccess>` still fails.
 * JSON bodies carry their own types and are validated strictly: `"InstantAccess": "true"` is a defect.
 */
type Mode = 'strict' | 'coercing';

const instances: Partial<Record<Mode, Ajv2020>> = {};

function ajvFor(mode: Mode): Ajv2020 {
  let ajv = instances[mode];
  if (ajv === undefined) {
    ajv = addFormats(new Ajv2020({ allErrors: true, strict: false, coerceTypes: mode === 'coercing' }));
    instances[mode] = ajv;
  }
  return ajv;
}

interface Compiled {
  validate: ValidateFunction;
  /** Whether coercion can change a body: only where the schema types a value other than a string. */
  coerces: boolean;
}
const validators = new Map<string, Compiled>();

/** Compiled once per schema and mode, on first use: compiling costs far more than validating. */
function compiled(mode: Mode, key: string, schema: () => unknown): Compiled {
  const id = `${mode}:${key}`;
  let found = validators.get(id);
  if (found === undefined) {
    const source = schema() as object;
    found = { validate: ajvFor(mode).compile(source), coerces: typesNonString(source) };
    validators.set(id, found);
  }
  return found;
}

/** True when some `type` in the schema names a scalar other than string (boolean, integer, number, null). */
function typesNonString(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.some(typesNonString);
  if (schema === null || typeof schema !== 'object') return false;
  return Object.entries(schema).some(([key, value]) =>
    key === 'type'
      ? [value].flat().some((type) => ['boolean', 'integer', 'number', 'null'].includes(type as string))
      : typesNonString(value),
  );
}

const explain = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .map(
      (error) =>
        `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? error.keyword}${
          error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''
        }`,
    )
    .join('; ');

/**
 * Why a parsed JSON or XML body does not match a schema (undefined when it does). `key` names the
 * schema for the compile cache. The body is never modified: coercion works on a copy.
 */
export function schemaMismatch(
  parsed: Extract<ParsedBody, { format: 'json' | 'xml' }>,
  key: string,
  schema: () => unknown,
): string | undefined {
  const xml = parsed.format === 'xml';
  const { validate, coerces } = compiled(xml ? 'coercing' : 'strict', key, schema);
  const body = xml && coerces ? structuredClone(parsed.value) : parsed.value;
  return validate(body) ? undefined : explain(validate.errors);
}

/** A strict validator (compiled once per key), for callers that read ajv's errors themselves. */
export const strictValidator = (key: string, schema: () => unknown): ValidateFunction =>
  compiled('strict', key, schema).validate;
