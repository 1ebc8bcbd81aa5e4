import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';

/** A request as a loopback server received it. */
export interface Recorded {
  method: string;
  /** Path and query, as received. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** CreateSnapshotGroup, DescribeSnapshotGroups, ...: from the x-acs-action header or the Action param. */
  action: string;
  /** performance.now() when the whole request had arrived. */
  receivedAt: number;
}

export interface LoopbackServer {
  /** `http://127.0.0.1:port`, no trailing slash. */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  requests: Recorded[];
  /** TCP connections ever accepted (a server that never answers still sees these). */
  connections: number;
  close(): Promise<void>;
}

export type LoopbackHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  recorded: Recorded,
) => void | Promise<void>;

/** The action a request names, wherever its signature family puts it. */
export function actionOf(url: string, headers: IncomingHttpHeaders, body: string): string {
  const header = headers['x-acs-action'];
  if (typeof header === 'string') return header;
  const query = new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');
  return query.get('Action') ?? new URLSearchParams(body).get('Action') ?? '';
}

/** Parameters that change on every attempt of one request (signature, nonce, time). */
const VOLATILE = new Set(['Signature', 'SignatureNonce', 'Timestamp']);

/** The same for every attempt (retry) of one request: its action and business parameters. */
export function requestKey(recorded: Pick<Recorded, 'url' | 'body' | 'action'>): string {
  const query = recorded.url.includes('?') ? recorded.url.slice(recorded.url.indexOf('?') + 1) : '';
  const params = [...new URLSearchParams(query), ...new URLSearchParams(recorded.body)]
    .filter(([name]) => !VOLATILE.has(name))
    .map(([name, value]) => `${name}=${value}`)
    .sort();
  return `${recorded.action} ${params.join('&')}`;
}

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A loopback HTTP server on 127.0.0.1, port 0, that records every request (body read first) before
 * handing it to `handler`. close() destroys every socket, including those a handler left hanging.
 */
export async function startLoopback(handler: LoopbackHandler): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    readAll(req)
      .then((body) => {
        const url = req.url ?? '/';
        const recorded: Recorded = {
          method: req.method ?? '',
          url,
          headers: req.headers,
          body,
          action: actionOf(url, req.headers, body),
          receivedAt: performance.now(),
        };
        self.requests.push(recorded);
        return handler(req, res, recorded);
      })
      .catch(() => res.socket?.destroy());
  });
  server.on('connection', (socket: Socket) => {
    self.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const self: LoopbackServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    connections: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  return self;
}

/** Writes raw bytes on the connection of `res` (bypassing node's HTTP framing), then ends it. */
export function writeRaw(res: ServerResponse, text: string, then: 'end' | 'destroy' = 'end'): void {
  const socket = res.socket;
  if (socket === null) return;
  socket.write(text, () => {
    if (then === 'end') socket.end();
    else socket.destroy();
  });
}

export const JSON_TYPE = 'application/json;charset=utf-8';

/** A well-formed ECS error body, so that only the misbehaviour under test is wrong. */
export function errorJson(code: string, message = `${code} (hostile target)`): string {
  return JSON.stringify({
    RequestId: '6E3BA1C4-2A0C-4C7E-9F0B-3D4C5B6A7E8F',
    HostId: 'ecs.aliyuncs.com',
    Code: code,
    Message: message,
  });
}

/** A loopback port nothing listens on: bound once, then released. */
export async function deadPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
