import type { Case } from '../cases.js';
import { errorCodeOf, type Finding } from '../checks/index.js';
import {
  curlLine,
  type Exchange,
  redactHeaders,
  redactRequest,
  redactSecrets,
  redactText,
  replayCommand,
  requestSignatures,
} from '../client/index.js';
import type { CaseRecord } from './result.js';

/** Response bodies in samples are cut here: a sample shows the answer, it does not archive it. */
export const MAX_SAMPLE_BODY = 16 * 1024;

const cut = (text: string): string =>
  text.length <= MAX_SAMPLE_BODY
    ? text
    : `${text.slice(0, MAX_SAMPLE_BODY)}… (${text.length - MAX_SAMPLE_BODY} more characters)`;

/** A case as a report shows it: request redacted, response scrubbed, and how to reproduce it. */
export function caseRecord(
  c: Case,
  exchange: Exchange | undefined,
  findings: Finding[],
  where: { target: string; worldFile?: string },
): CaseRecord {
  const response = exchange?.response;
  const code = exchange === undefined ? undefined : errorCodeOf(exchange);
  const failure = exchange?.failure;
  // A target may echo what it received: its answer is scrubbed of this request's signatures too.
  const secrets = exchange ? requestSignatures(exchange.request) : [];
  return {
    id: c.id,
    kind: c.kind,
    description: c.description,
    transport: c.request.transport,
    expected: c.expected,
    actual: {
      ...(response !== undefined && { status: response.status }),
      ...(code !== undefined && { code }),
      ...(failure !== undefined && {
        transportError: redactSecrets(`${failure.code}: ${failure.message}`, secrets),
      }),
    },
    findings,
    request: exchange
      ? redactRequest(exchange.request)
      : { method: c.request.transport.method, url: where.target, headers: {}, body: '' },
    ...(response !== undefined && {
      response: {
        status: response.status,
        headers: redactHeaders(response.headers, secrets),
        body: cut(redactText(response.rawBody, secrets)),
      },
    }),
    reproduce: {
      command: redactSecrets(replayCommands(c, where)),
      curl: exchange ? curlLine(exchange.request) : '',
    },
  };
}

/**
 * The replay commands of a case: its prelude first (the first use of a ClientToken or a nonce that the
 * case's own request repeats), one after the other, or all at once for a case whose requests race.
 */
export function replayCommands(c: Case, where: { target: string; worldFile?: string }): string {
  const options = where.worldFile === undefined ? {} : { world: where.worldFile };
  // A prelude's create must stay for the requests after it (the same ClientToken): `--keep`; the case's own
  // request, last, deletes what it created (a same-token replay gets the prelude's group).
  const prelude = c.prelude ?? [];
  const commands = [...prelude, c.request].map((req, i) =>
    replayCommand(where.target, req, { ...options, keep: i < prelude.length }),
  );
  if (commands.length === 1) return commands[0] as string;
  // One command a line, continued with a backslash, so that the whole block pastes into a shell.
  return c.concurrent ? `${commands.join(' & \\\n  ')} & \\\n  wait` : commands.join(' && \\\n  ');
}

/**
 * caseRecord deferred until a report reads it, and built once. A large answer is recorded at once, so
 * that a kept sample never holds more than MAX_SAMPLE_BODY of body (a target may answer megabytes).
 */
export function caseSample(
  c: Case,
  exchange: Exchange | undefined,
  findings: Finding[],
  where: { target: string; worldFile?: string },
): () => CaseRecord {
  let record: CaseRecord | undefined;
  const build = () => {
    record ??= caseRecord(c, exchange, findings, where);
    return record;
  };
  if ((exchange?.response?.rawBody.length ?? 0) > MAX_SAMPLE_BODY) build();
  return build;
}
