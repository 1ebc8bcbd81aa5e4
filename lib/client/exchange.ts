/** One request as it left the client, and what came back. Secrets are present here; redact before writing. */
export interface SentRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export type ParsedBody =
  | { format: 'json'; value: Record<string, unknown> }
  | { format: 'xml'; root: string; value: Record<string, unknown> }
  | { format: 'unparseable'; reason: string }
  | { format: 'empty' };

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string>;
  rawBody: string;
  /** True when the body was cut at the client's size cap. */
  truncated: boolean;
  parsed: ParsedBody;
}

export interface TransportFailure {
  code: 'E_TARGET_UNREACHABLE' | 'E_TARGET_TLS' | 'E_TARGET_TIMEOUT' | 'E_TARGET_BODY';
  message: string;
  /**
   * True when the request certainly never reached the target (connection refused, DNS, connect
   * timeout). Absent: it may have been processed (a create may have made a group).
   */
  neverSent?: true;
}

export interface RetryRecord {
  attempt: number;
  reason: string;
  delayMs: number;
}

export interface Exchange {
  request: SentRequest;
  response?: ReceivedResponse;
  failure?: TransportFailure;
  retries: RetryRecord[];
  timing: { startedAt: string; durationMs: number };
}
