import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { packagePath } from './load-paths.js';
import { known, type Problem } from './load-problems.js';

export type SchemaName = 'rules' | 'profile' | 'world';

// ajv-formats is CommonJS whose default export NodeNext types as the module object: require() is exact.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

let ajv: Ajv2020 | undefined;
const validators = new Map<SchemaName, ValidateFunction>();
const schemas = new Map<SchemaName, Record<string, unknown>>();

/** The JSON Schema of one spec file kind, as shipped in spec/. */
export function schemaOf(name: SchemaName): Record<string, unknown> {
  let schema = schemas.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(packagePath('spec', `${name}.schema.json`), 'utf8')) as Record<
      string,
      unknown
    >;
    schemas.set(name, schema);
  }
  return schema;
}

function validatorFor(name: SchemaName): ValidateFunction {
  const cached = validators.get(name);
  if (cached !== undefined) return cached;
  if (ajv === undefined) {
    ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      allowUnionTypes: true,
      discriminator: true,
      verbose: true,
    });
    addFormats(ajv);
    // profile.schema.json refers to rules.schema.json's $defs.
    ajv.addSchema(schemaOf('rules'));
  }
  const validate =
    name === 'rules' ? ajv.getSchema(String(schemaOf('rules').$id)) : ajv.compile(schemaOf(name));
  if (validate === undefined) throw new Error(`schema ${name} did not compile`);
  validators.set(name, validate);
  return validate;
}

/** Schema problems of `data`, one per path. */
export function schemaProblems(name: SchemaName, data: unknown): Problem[] {
  const validate = validatorFor(name);
  if (validate(data)) return [];
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of validate.errors ?? []) {
    const path = pathOf(error);
    byPath.set(path, [...(byPath.get(path) ?? []), error]);
  }
  const groups = [...byPath].map(([path, errors]) => ({
    path,
    errors,
    alternatives: errors.some(isCombinator),
  }));
  return (
    groups
      // Failed alternatives (anyOf / oneOf / if) also report at the parent: keep the child, which says more.
      .filter((g) => !(g.alternatives && groups.some((o) => o.path.startsWith(`${g.path}/`))))
      .map(({ path, errors, alternatives }) => {
        const specific = errors.filter((e) => !isCombinator(e));
        const messages = [...new Set((specific.length > 0 ? specific : errors).map(describe))];
        // The branches of one anyOf at one path: "must be string or must be null".
        return { path, message: messages.join(alternatives ? ' or ' : '; ') };
      })
  );
}

const isCombinator = (e: ErrorObject): boolean => ['anyOf', 'oneOf', 'if'].includes(e.keyword);

function pathOf(error: ErrorObject): string {
  const params = error.params as { additionalProperty?: string; tag?: string };
  if (error.keyword === 'additionalProperties')
    return `${error.instancePath}/${String(params.additionalProperty)}`;
  if (error.keyword === 'discriminator') return `${error.instancePath}/${String(params.tag)}`;
  return error.instancePath;
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return `must be one of: ${known((params.allowedValues as unknown[]).map(String), 20)}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'required':
      return `missing required property '${String(params.missingProperty)}'`;
    case 'additionalProperties': {
      const allowed = Object.keys(
        (error.parentSchema as { properties?: object } | undefined)?.properties ?? {},
      );
      return `unknown property (allowed: ${known(allowed, 30)})`;
    }
    case 'discriminator': {
      const branches = (
        error.parentSchema as { oneOf?: Array<{ properties?: Record<string, { const?: unknown }> }> }
      ).oneOf;
      const tags = (branches ?? []).map((b) => String(b.properties?.[String(params.tag)]?.const));
      return `must be one of: ${known(tags)}`;
    }
    case 'pattern':
      return `${JSON.stringify(error.data)} does not match ${String(params.pattern)}`;
    default:
      return error.message ?? error.keyword;
  }
}
