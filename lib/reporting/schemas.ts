import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ToolError } from '../errors.js';
import type { RunReport } from '../runner/result.js';
import type { AcceptanceFile } from './baseline-types.js';
import { readSpecJson } from './spec-file.js';

// ajv-formats is CommonJS whose default export NodeNext types as the module object: require() is exact.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

export interface SchemaProblem {
  /** JSON pointer into the document, "/" for the root. */
  path: string;
  what: string;
}

let compiled:
  | { report: ValidateFunction<RunReport>; acceptance: ValidateFunction<AcceptanceFile> }
  | undefined;

/** Compiled once per process: ajv compilation costs far more than validation. */
function validators(): NonNullable<typeof compiled> {
  if (compiled) return compiled;
  const ajv = addFormats(new Ajv2020({ allErrors: true, strict: true }));
  compiled = {
    report: ajv.compile<RunReport>(readSpecJson('report.schema.json') as object),
    acceptance: ajv.compile<AcceptanceFile>(readSpecJson('baseline.schema.json') as object),
  };
  return compiled;
}

function problems(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  return (errors ?? []).map((error) => ({
    path: error.instancePath === '' ? '/' : error.instancePath,
    what:
      error.keyword === 'additionalProperties'
        ? `unknown field "${String(error.params.additionalProperty)}"`
        : (error.message ?? error.keyword),
  }));
}

export function reportProblems(value: unknown): SchemaProblem[] {
  const validate = validators().report;
  return validate(value) ? [] : problems(validate.errors);
}

export function acceptanceProblems(value: unknown): SchemaProblem[] {
  const validate = validators().acceptance;
  return validate(value) ? [] : problems(validate.errors);
}

export function formatProblems(list: SchemaProblem[], limit = 5): string {
  const shown = list.slice(0, limit).map((p) => `${p.path}: ${p.what}`);
  if (list.length > limit) shown.push(`… and ${list.length - limit} more`);
  return shown.join('; ');
}

/** For the writers: a report that breaks its own schema is a bug in the tool, not a fact about the target. */
export function validateReport(report: RunReport): void {
  const found = reportProblems(report);
  if (found.length > 0) {
    throw new ToolError(
      'E_INTERNAL',
      `the run report does not match spec/report.schema.json: ${formatProblems(found)}`,
    );
  }
}
