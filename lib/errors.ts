/**
 * Problems with the tool, its configuration or the spec (DESIGN.md principle 6). A finding about the
 * target is data, never one of these.
 */
export type ToolErrorCode =
  | 'E_USAGE' // bad command-line usage or option value (exit 2)
  | 'E_CONFIG' // a config, world, catalogue or profile file is invalid (exit 2)
  | 'E_SPEC' // the shipped spec is inconsistent (exit 2)
  | 'E_TARGET_URL' // the target URL is not a usable http(s) URL (exit 2)
  | 'E_TARGET_UNREACHABLE' // connection refused, DNS failure (exit 3)
  | 'E_TARGET_TLS' // TLS handshake or certificate failure (exit 3)
  | 'E_TARGET_TIMEOUT' // connect, headers or body timeout (exit 3)
  | 'E_TARGET_UNSTABLE' // too many consecutive transport failures (exit 3)
  | 'E_INTERRUPTED' // SIGINT / SIGTERM (exit 3)
  | 'E_INTERNAL'; // a bug in the tool (exit 3)

export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(
    readonly code: ToolErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const exitCodeFor = (code: ToolErrorCode): 2 | 3 =>
  code === 'E_USAGE' || code === 'E_CONFIG' || code === 'E_SPEC' || code === 'E_TARGET_URL' ? 2 : 3;
