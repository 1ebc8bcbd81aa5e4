import type { Dispatcher } from 'undici';

/** What came back for one attempt, the body cut at the cap. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  truncated: boolean;
}

/** An attempt that failed; `phase` says whether the response had begun (then the request surely arrived). */
export class AttemptError extends Error {
  constructor(
    readonly error: unknown,
    readonly phase: 'request' | 'body',
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** The reason given to undici when a body passes the cap: what follows is not read. */
class CapReached extends Error {}

/**
 * Sends one request through undici's dispatcher and collects the answer, the body up to `cap` bytes
 * (past it, the rest is not read: the connection is dropped and the response marked truncated).
 * Rejects with an AttemptError. A handler of our own rather than `request()`: its body stream and the
 * promises around it cost about a sixth of each exchange (17.5 against 14.5 µs side by side), and only
 * the text is wanted.
 */
export function dispatchCapped(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
  cap: number,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let status = 0;
    let headers: Record<string, string> = {};
    let truncated = false;
    const done = () =>
      resolve({ status, headers, text: Buffer.concat(chunks, size).toString('utf8'), truncated });
    dispatcher.dispatch(options, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode, received) {
        // 1xx informational answers come first; the final status is the one kept.
        status = statusCode;
        headers = flattenHeaders(received);
      },
      onResponseData(controller, chunk) {
        if (truncated) return;
        if (size + chunk.length > cap) {
          chunks.push(chunk.subarray(0, cap - size));
          size = cap;
          truncated = true;
          controller.abort(new CapReached('response body cap reached'));
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      },
      onResponseEnd() {
        done();
      },
      onResponseError(_controller, error) {
        if (truncated) done();
        else reject(new AttemptError(error, status === 0 ? 'request' : 'body'));
      },
    });
  });
}

export function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
