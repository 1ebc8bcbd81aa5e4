import type { CaseRequest } from '../cases.js';
import type { Exchange, ParsedBody } from '../client/exchange.js';
import { boundedText } from '../shown-text.js';

/** Reading one field of a parsed JSON or XML body: XML values are strings, JSON may hold numbers. */
export function bodyRecord(parsed: ParsedBody): Record<string, unknown> | undefined {
  return parsed.format === 'json' || parsed.format === 'xml' ? parsed.value : undefined;
}

export function textField(record: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = record?.[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export const isSuccessStatus = (status: number): boolean => status >= 200 && status < 300;

/** A response arrived with a 2xx status. */
export const succeeded = (exchange: Exchange): boolean =>
  exchange.response !== undefined && isSuccessStatus(exchange.response.status);

/** A response arrived with a non-2xx status. */
export const rejected = (exchange: Exchange): boolean =>
  exchange.response !== undefined && !isSuccessStatus(exchange.response.status);

export const field = (exchange: Exchange, name: string): string | undefined =>
  exchange.response === undefined ? undefined : textField(bodyRecord(exchange.response.parsed), name);

export const errorCodeOf = (exchange: Exchange): string | undefined => field(exchange, 'Code');
export const requestIdOf = (exchange: Exchange): string | undefined => field(exchange, 'RequestId');

/** The SnapshotGroupId of a successful create, when it returned one. */
export const groupIdOf = (exchange: Exchange): string | undefined =>
  succeeded(exchange) ? field(exchange, 'SnapshotGroupId') : undefined;

/** Last value of a wire parameter (duplicates are possible in wire-level cases). */
export function paramOf(request: CaseRequest, name: string): string | undefined {
  let found: string | undefined;
  for (const [key, value] of request.params) if (key === name) found = value;
  return found;
}

export const clientTokenOf = (request: CaseRequest): string | undefined => paramOf(request, 'ClientToken');

/** Same business parameters, whatever their order. */
export function sameParams(a: CaseRequest, b: CaseRequest): boolean {
  if (a.params.length !== b.params.length) return false;
  const key = (params: CaseRequest['params']) =>
    params
      .map(([name, value]) => JSON.stringify([name, value]))
      .sort()
      .join('\n');
  return key(a.params) === key(b.params);
}

/** `status Code` or the transport failure, for a finding's `actual`; the target's text bounded. */
export function describeOutcome(exchange: Exchange): string {
  if (exchange.response === undefined) {
    return exchange.failure ? `transport failure ${exchange.failure.code}` : 'no response';
  }
  const { status } = exchange.response;
  if (isSuccessStatus(status)) {
    const group = field(exchange, 'SnapshotGroupId');
    return group === undefined ? `${status}` : `${status} SnapshotGroupId ${boundedText(group)}`;
  }
  const code = errorCodeOf(exchange);
  return `${status} ${code === undefined ? '(no Code in the body)' : boundedText(code)}`;
}
