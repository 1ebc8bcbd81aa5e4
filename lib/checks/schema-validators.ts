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
const validators = new Map<string, ValidateFunction>();

function ajvFor(mode: Mode): Ajv2020 {
  let ajv = instances[mode];
  if (ajv === undefined) {
    ajv = addFormats(new Ajv2020({ allErrors: true, strict: false, coerceTypes: mode === 'coercing' }));
    instances[mode] = ajv;
  }
  return ajv;
}

/** Compiled once per schema and mode, on first use: compiling costs far more than validating. */
function compiled(mode: Mode, key: string, schema: () => unknown): ValidateFunction {
  const id = `${mode}:${key}`;
  let validate = validators.get(id);
  if (validate === undefined) {
    validate = ajvFor(mode).compile(schema() as object);
    validators.set(id, validate);
  }
  return validate;
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
  const validate = compiled(xml ? 'coercing' : 'strict', key, schema);
  return validate(xml ? structuredClone(parsed.value) : parsed.value) ? undefined : explain(validate.errors);
}
