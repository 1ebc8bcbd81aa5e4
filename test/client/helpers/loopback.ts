import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface Loopback {
  url: string;
  port: number;
  captured: Captured[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, captured: Captured) => void;

export const JSON_SUCCESS =
  '{"RequestId":"8F8F8F8F-0000-4000-8000-000000000001","SnapshotGroupId":"ssg-captured0001"}';

export const answerJsonSuccess: Handler = (_req, res) => {
  res.setHeader('content-type', 'application/json;charset=utf-8');
  res.end(JSON_SUCCESS);
};

/** An HTTP server on 127.0.0.1, random port, recording every request before `handler` answers it. */
export async function startLoopback(handler: Handler = answerJsonSuccess): Promise<Loopback> {
  const captured: Captured[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      captured.push(entry);
      handler(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    captured,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
