import { createRequire } from 'node:module';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { CheckContext } from './context.js';
import {
  errorBodySchema,
  OPERATION_NAMES,
  type OperationName,
  successBodySchema,
  successXmlRootName,
} from './documented.js';
import { type SentPair, sentPairs } from './exchanges.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { rejected, succeeded } from './response.js';

// ajv-formats is CommonJS whose default export NodeNext types as the module object: require() is exact.
const addFormats = createRequire(import.meta.url)('ajv-formats') as (ajv: Ajv2020) => Ajv2020;

const validators = new Map<string, ValidateFunction>();
let ajv: Ajv2020 | undefined;

/** Compiled once per schema, on first use: compiling costs far more than validating. */
function compiled(key: string, schema: () => unknown): ValidateFunction {
  let validate = validators.get(key);
  if (validate === undefined) {
    ajv ??= addFormats(new Ajv2020({ allErrors: true, strict: false }));
    validate = ajv.compile(schema() as object);
    validators.set(key, validate);
  }
  return validate;
}

const isOperation = (action: string): action is OperationName =>
  (OPERATION_NAMES as readonly string[]).includes(action);

const explain = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .map(
      (error) =>
        `${error.instancePath === '' ? '/' : error.instancePath} ${error.message ?? error.keyword}${
          error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : ''
        }`,
    )
    .join('; ');

type Kind = 'success' | 'error';

function bodyProblems(pair: SentPair, kind: Kind): Array<{ message: string; actual: string }> {
  const response = pair.exchange.response;
  if (response === undefined) return [];
  const parsed = response.parsed;
  if (parsed.format === 'empty') return [{ message: 'the body is empty', actual: '(empty body)' }];
  if (parsed.format === 'unparseable')
    return [{ message: 'the body is neither JSON nor XML', actual: parsed.reason }];
  const action = pair.request.action;
  // A success of an action the spec does not describe (a tampered Action accepted) has no schema to meet.
  if (kind === 'success' && !isOperation(action)) return [];
  const problems: Array<{ message: string; actual: string }> = [];
  const root = kind === 'success' && isOperation(action) ? successXmlRootName(action) : 'Error';
  if (parsed.format === 'xml' && parsed.root !== root) {
    problems.push({ message: `the XML root element is not <${root}>`, actual: `<${parsed.root}>` });
  }
  const validate =
    kind === 'success' && isOperation(action)
      ? compiled(action, () => successBodySchema(action))
      : compiled('error', errorBodySchema);
  if (!validate(parsed.value))
    problems.push({
      message: 'the body does not match the documented schema',
      actual: explain(validate.errors),
    });
  return problems;
}

function bodyCheck(name: string, kind: Kind, ctx: CheckContext): Finding[] {
  const applies = kind === 'success' ? succeeded : rejected;
  return sentPairs(ctx)
    .filter((pair) => applies(pair.exchange))
    .flatMap((pair) =>
      bodyProblems(pair, kind).map(({ message, actual }) =>
        findingFor(name, ctx, {
          rule: kind === 'success' ? CROSS_CUTTING_RULES.successBody : CROSS_CUTTING_RULES.errorBody,
          message: `${pair.label}: ${message}`,
          expected:
            kind === 'success'
              ? `the documented ${pair.request.action} response body`
              : 'RequestId, HostId, Code, Message (and Recommend when present), as documented',
          actual,
        }),
      ),
    );
}

/** A success carries the documented body: RequestId and SnapshotGroupId in their formats. */
export const successBodyMatchesSchema = (ctx: CheckContext): Finding[] =>
  bodyCheck('successBodyMatchesSchema', 'success', ctx);

/** An error carries RequestId, HostId, Code and Message (and a well-formed Recommend when present). */
export const errorBodyMatchesSchema = (ctx: CheckContext): Finding[] =>
  bodyCheck('errorBodyMatchesSchema', 'error', ctx);
