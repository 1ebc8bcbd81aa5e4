import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentRequest } from '../../lib/client/exchange.js';
import { Transport, type TransportConstraints } from '../../lib/client/transport.js';
import { JSON_SUCCESS, type Loopback, startLoopback } from './helpers/loopback.js';

const FAST: TransportConstraints = { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 50 } };
const get = (base: string, path = '/'): SentRequest => ({
  method: 'GET',
  url: `${base}${path}`,
  headers: {},
  body: '',
});

/** Routes by path: each test its own behaviour on one loopback server. */
let server: Loopback;
const hits = new Map<string, number>();
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = await startLoopback((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    sockets.add(req.socket);
    if (path === '/slow') return; // never answers: headers timeout
    if (path === '/big') {
      res.end('x'.repeat(10_000));
    } else if (path === '/big-chunked') {
      // No content-length: the cap must hold on a stream of unknown length, and leave the pool usable.
      for (let i = 0; i < 50; i++) res.write('y'.repeat(1000));
      res.end();
    } else if (path === '/early-hints') {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.writeHead(400, { 'content-type': 'application/json', 'X-Acs-Request-Id': 'R-1' });
      res.end('{"Code":"InvalidParameter"}');
    } else if (path === '/redirect') {
      res.writeHead(302, { location: '/elsewhere' }).end();
    } else if (path === '/busy' && hit === 1) {
      res
        .writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' })
        .end('{"Code":"ServiceUnavailable"}');
    } else if (path === '/throttled' && hit <= 2) {
      res.writeHead(400, { 'content-type': 'text/xml' }).end('<Error><Code>Throttling.User</Code></Error>');
    } else if (path === '/cut') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      setTimeout(() => req.socket.destroy(), 10);
    } else if (path === '/bad-request') {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"Code":"InvalidParameter"}');
    } else {
      res.setHeader('content-type', 'application/json');
      res.end(JSON_SUCCESS);
    }
  });
});
afterAll(() => server.close());

describe('Transport', () => {
  it('parses a response and reuses one keep-alive connection', async () => {
    const transport = new Transport(FAST);
    sockets.clear();
    for (let i = 0; i < 5; i++) {
      const exchange = await transport.send(() => get(server.url, '/ok'));
      expect(exchange.response?.status).toBe(200);
      expect(exchange.response?.parsed.format).toBe('json');
      expect(exchange.retries).toEqual([]);
    }
    // The pool may open a second connection while the first finishes its body; never one per request.
    expect(sockets.size).toBeLessThanOrEqual(2);
    await transport.close();
  });

  // undici checks timeouts on a coarse timer (about a second), hence the generous test timeout.
  it('times out waiting for headers with a stable code naming the target', async () => {
    const transport = new Transport({ headersTimeoutMs: 150, retry: { maxRetries: 1, baseDelayMs: 1 } });
    const exchange = await transport.send(() => get(server.url, '/slow'));
    expect(exchange.failure?.code).toBe('E_TARGET_TIMEOUT');
    expect(exchange.failure?.message).toContain(server.url);
    expect(exchange.retries).toHaveLength(1);
    expect(exchange.retries[0]?.reason).toMatch(/E_TARGET_TIMEOUT/);
    await transport.close();
  });

  it('never re-sends a request that may have been processed unless it is repeatable', async () => {
    const transport = new Transport({ headersTimeoutMs: 150, retry: { maxRetries: 2, baseDelayMs: 1 } });
    const before = hits.get('/slow') ?? 0;
    const exchange = await transport.send(() => get(server.url, '/slow'), { repeatable: false });
    expect(exchange.failure?.code).toBe('E_TARGET_TIMEOUT');
    expect(exchange.retries).toEqual([]);
    expect(hits.get('/slow')).toBe(before + 1);
    await transport.close();
  });

  it('cuts a body at the size cap and marks it truncated', async () => {
    const transport = new Transport({ maxResponseBytes: 1000 });
    const exchange = await transport.send(() => get(server.url, '/big'));
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.rawBody).toHaveLength(1000);
    await transport.close();
  });

  it('cuts a chunked body of unknown length at the cap, and the next request still goes through', async () => {
    const transport = new Transport({ maxResponseBytes: 1500 });
    const exchange = await transport.send(() => get(server.url, '/big-chunked'));
    expect(exchange.response?.truncated).toBe(true);
    expect(exchange.response?.rawBody).toBe('y'.repeat(1500));
    const next = await transport.send(() => get(server.url, '/ok'));
    expect(next.response?.status).toBe(200);
    expect(next.response?.truncated).toBe(false);
    await transport.close();
  });

  it('keeps the final answer after a 1xx informational one, header names in lower case', async () => {
    const transport = new Transport(FAST);
    const exchange = await transport.send(() => get(server.url, '/early-hints'));
    expect(exchange.response?.status).toBe(400);
    expect(exchange.response?.headers['x-acs-request-id']).toBe('R-1');
    expect(exchange.response?.parsed).toEqual({ format: 'json', value: { Code: 'InvalidParameter' } });
    await transport.close();
  });

  it('does not follow redirects', async () => {
    const transport = new Transport(FAST);
    hits.delete('/elsewhere');
    const exchange = await transport.send(() => get(server.url, '/redirect'));
    expect(exchange.response?.status).toBe(302);
    expect(exchange.response?.headers.location).toBe('/elsewhere');
    expect(hits.get('/elsewhere')).toBeUndefined();
    await transport.close();
  });

  it('retries a 503, honouring Retry-After within the cap, and records it', async () => {
    const transport = new Transport(FAST);
    const attempts: number[] = [];
    const exchange = await transport.send((attempt) => {
      attempts.push(attempt);
      return get(server.url, '/busy');
    });
    expect(exchange.response?.status).toBe(200);
    expect(attempts).toEqual([0, 1]);
    expect(exchange.retries).toEqual([
      { attempt: 1, reason: 'HTTP 503 ServiceUnavailable, Retry-After 1', delayMs: 50 },
    ]);
    await transport.close();
  });

  it('retries throttling error codes, not other errors', async () => {
    const transport = new Transport(FAST);
    const throttled = await transport.send(() => get(server.url, '/throttled'));
    expect(throttled.retries.map((r) => r.reason)).toEqual([
      'HTTP 400 Throttling.User',
      'HTTP 400 Throttling.User',
    ]);
    expect(throttled.response?.status).toBe(200);
    const bad = await transport.send(() => get(server.url, '/bad-request'));
    expect(bad.response?.status).toBe(400);
    expect(bad.retries).toEqual([]);
    await transport.close();
  });

  it('sends whatever method and body a tamper asks for', async () => {
    const transport = new Transport(FAST);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const body = 'Action=CreateSnapshotGroup';
      const exchange = await transport.send(() => ({ ...get(server.url, '/methods'), method, body }));
      expect(exchange.response?.status, method).toBe(200);
      expect(server.captured.at(-1)).toMatchObject({ method, body });
    }
    await transport.close();
  });

  it('reports a connection lost mid-body', async () => {
    const transport = new Transport({ retry: { maxRetries: 0 } });
    const exchange = await transport.send(() => get(server.url, '/cut'));
    expect(exchange.failure?.code).toBe('E_TARGET_BODY');
    await transport.close();
  });
});

describe('Transport against targets that are not there', () => {
  let closedUrl = '';
  let restarted: Server | undefined;
  beforeAll(async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    closedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  });
  afterAll(() => restarted?.close());

  it('fails fast on a refused port that never answered', async () => {
    const transport = new Transport(FAST);
    const exchange = await transport.send(() => get(closedUrl));
    expect(exchange.failure?.code).toBe('E_TARGET_UNREACHABLE');
    expect(exchange.failure?.message).toContain(closedUrl);
    expect(exchange.retries).toEqual([]);
    await transport.close();
  });

  it('retries a refused connection once the target had answered', async () => {
    const local = await startLoopback();
    const transport = new Transport(FAST);
    expect((await transport.send(() => get(local.url))).response?.status).toBe(200);
    await local.close();
    const exchange = await transport.send(() => get(local.url));
    expect(exchange.failure?.code).toBe('E_TARGET_UNREACHABLE');
    expect(exchange.retries).toHaveLength(2);
    await transport.close();
  });

  it('reports broken HTTP from the target as data, not a throw', async () => {
    const open = new Set<Socket>();
    const raw = createNetServer((socket) => {
      open.add(socket);
      socket.on('error', () => {});
      socket.end('NOT HTTP AT ALL\r\n\r\n');
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const transport = new Transport({ retry: { maxRetries: 0 } });
    const exchange = await transport.send(() => get(url));
    expect(exchange.failure?.code).toBe('E_TARGET_BODY');
    expect(exchange.failure?.message).toContain(url);
    await transport.close();
    for (const socket of open) socket.destroy();
    await new Promise<void>((resolve) => raw.close(() => resolve()));
  });

  it('reports a TLS failure (https to a plain HTTP server)', async () => {
    const transport = new Transport(FAST);
    const exchange = await transport.send(() => get(server.url.replace('http:', 'https:')));
    expect(exchange.failure?.code).toBe('E_TARGET_TLS');
    expect(exchange.retries).toEqual([]);
    await transport.close();
  });
});
