import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ActionEnv } from './actions/result.js';
import { type Handled, handle } from './dispatch.js';
import { readBody } from './http/read-body.js';
import { type EmulatorOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { type ApiError, apiError, invalidParameter } from './protocol/errors.js';
import { newRequestId } from './protocol/ids.js';
import { type RenderedBody, renderBody } from './protocol/render.js';
import { EmulatorState } from './state/state.js';

export interface RunningEmulator {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  host: string;
  port: number;
  /** The live state: groups, quotas, tokens (for tests and diagnostics). */
  state: EmulatorState;
  close(): Promise<void>;
}

interface Rendered extends RenderedBody {
  status: number;
  requestId: string;
}

const renderHandled = (opts: ResolvedOptions, handled: Handled): Rendered => {
  const { seams } = opts;
  const requestId = seams.newRequestId();
  const { result, format } = handled;
  if (result.kind === 'success') {
    const body = seams.render({
      kind: 'success',
      format,
      requestId,
      action: handled.action ?? '',
      fields: result.fields,
    });
    return { ...body, status: 200, requestId };
  }
  const body = seams.render({ kind: 'error', format, requestId, error: result.error, hostId: opts.hostId });
  return { ...body, status: seams.statusFor(result.error.code), requestId };
};

/** Rendered without any seam: the answer of last resort must not depend on replaceable code. */
const safeError = (opts: ResolvedOptions, error: ApiError, status: number): Rendered => {
  const requestId = newRequestId();
  return {
    ...renderBody({ kind: 'error', format: 'JSON', requestId, error, hostId: opts.hostId }),
    status,
    requestId,
  };
};

const send = (res: ServerResponse, rendered: Rendered): void => {
  res.writeHead(rendered.status, {
    'content-type': rendered.contentType,
    'content-length': Buffer.byteLength(rendered.body),
    'x-acs-request-id': rendered.requestId,
  });
  res.end(rendered.body);
};

const serve = async (opts: ResolvedOptions, env: ActionEnv, req: IncomingMessage, res: ServerResponse) => {
  try {
    const body = await readBody(req, opts.maxBodyBytes);
    if (body.kind === 'aborted') return;
    const handled = await handle(env, {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: body.kind === 'ok' ? body.bytes : 'too-large',
    });
    send(res, renderHandled(opts, handled));
  } catch {
    // A bug (or a mutant's seam) threw: answer 500 rather than leaving the client hanging.
    if (!res.headersSent && !res.destroyed) send(res, safeError(opts, apiError('InternalError'), 500));
    else res.destroy();
  }
};

/** Requests node's parser refuses (bad syntax, headers too large, too slow) still get an error body. */
const answerClientError = (opts: ResolvedOptions, err: NodeJS.ErrnoException, socket: Socket): void => {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const timedOut = err.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const rendered = timedOut
    ? safeError(opts, apiError('RequestTimeout'), 408)
    : safeError(
        opts,
        invalidParameter(
          'request',
          err.code === 'HPE_HEADER_OVERFLOW'
            ? 'the request line and headers are too large'
            : 'not well-formed HTTP',
        ),
        400,
      );
  socket.end(
    `HTTP/1.1 ${rendered.status} ${STATUS_CODES[rendered.status]}\r\n` +
      `content-type: ${rendered.contentType}\r\ncontent-length: ${Buffer.byteLength(rendered.body)}\r\n` +
      `x-acs-request-id: ${rendered.requestId}\r\nconnection: close\r\n\r\n${rendered.body}`,
  );
};

/** Starts the reference emulator on node:http, seeded with `options.world`. */
export const startEmulator = async (options: EmulatorOptions): Promise<RunningEmulator> => {
  const opts = resolveOptions(options);
  const state = new EmulatorState(opts.world);
  const env: ActionEnv = {
    state,
    seams: opts.seams,
    limits: opts.limits,
    clock: opts.clock,
    snapshotDurationMs: opts.snapshotDurationMs,
    idempotentProcessingMs: opts.idempotentProcessingMs,
  };
  const server = createServer(
    {
      maxHeaderSize: opts.maxHeaderBytes,
      requestTimeout: opts.requestTimeoutMs,
      headersTimeout: opts.headersTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default): keep it in proportion.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(opts.headersTimeoutMs / 4))),
    },
    (req, res) => void serve(opts, env, req, res),
  );
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) =>
    answerClientError(opts, err, socket),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostInUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostInUrl}:${port}`,
    host: opts.host,
    port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
};
