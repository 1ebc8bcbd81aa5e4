import type { Exchange } from '../client/exchange.js';
import type { CheckContext } from './context.js';
import {
  errorBodySchema,
  OPERATION_NAMES,
  type OperationName,
  successBodySchema,
  successXmlRootName,
} from './documented.js';
import { sentPairs } from './exchanges.js';
import type { Finding } from './finding.js';
import { CROSS_CUTTING_RULES, findingFor } from './make-finding.js';
import { rejected, succeeded } from './response.js';
import { schemaMismatch } from './schema-validators.js';

const isOperation = (action: string): action is OperationName =>
  (OPERATION_NAMES as readonly string[]).includes(action);

type Kind = 'success' | 'error';
type Problem = { message: string; actual: string };

/** What is wrong with the body of one answer to `action`, read as a success or as an error. */
export function bodyProblems(exchange: Exchange, action: string, kind: Kind): Problem[] {
  const response = exchange.response;
  if (response === undefined) return [];
  const parsed = response.parsed;
  if (parsed.format === 'empty') return [{ message: 'the body is empty', actual: '(empty body)' }];
  if (parsed.format === 'unparseable')
    return [{ message: 'the body is neither JSON nor XML', actual: parsed.reason }];
  // A success of an action the spec does not describe (a tampered Action accepted) has no schema to meet.
  if (kind === 'success' && !isOperation(action)) return [];
  const problems: Problem[] = [];
  const root = kind === 'success' && isOperation(action) ? successXmlRootName(action) : 'Error';
  if (parsed.format === 'xml' && parsed.root !== root) {
    problems.push({ message: `the XML root element is not <${root}>`, actual: `<${parsed.root}>` });
  }
  const mismatch =
    kind === 'success' && isOperation(action)
      ? schemaMismatch(parsed, action, () => successBodySchema(action))
      : schemaMismatch(parsed, 'error', errorBodySchema);
  if (mismatch !== undefined)
    problems.push({ message: 'the body does not match the documented schema', actual: mismatch });
  return problems;
}

function bodyCheck(name: string, kind: Kind, ctx: CheckContext): Finding[] {
  const applies = kind === 'success' ? succeeded : rejected;
  return sentPairs(ctx)
    .filter((pair) => applies(pair.exchange))
    .flatMap((pair) =>
      bodyProblems(pair.exchange, pair.request.action, kind).map(({ message, actual }) =>
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
