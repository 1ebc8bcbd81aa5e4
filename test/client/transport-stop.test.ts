import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentRequest } from '../../lib/client/exchange.js';
import { type AttemptReport, Transport } from '../../lib/client/transport.js';
import { type Loopback, startLoopback } from './helpers/loopback.js';

// How long retries may go on, and how a stop ends them: what keeps a run against a hanging target short.
const get = (base: string, path = '/'): SentRequest => ({
  method: 'GET',
  url: `${base}${path}`,
  headers: {},
  body: '',
});

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback((req, res) => {
    if (req.url === '/slow') return; // never answers
    // An hour: a retry wait that a stop did not cut would outlast the test's timeout.
    const retryAfter = req.url === '/hour' ? '3600' : '30';
    res.writeHead(503, { 'retry-after': retryAfter, 'content-type': 'application/json' });
    res.end('{"Code":"ServiceUnavailable"}');
  });
});
afterAll(() => server.close());

const hitsOf = (path: string) => server.captured.filter((c) => c.url === path).length;

describe('Transport retries, bounded', () => {
  // undici checks timeouts on a coarse timer (about a second): each timeout here takes ~1 s.
  it('retries a timeout once at most, whatever maxRetries says, and reports every attempt', async () => {
    const attempts: AttemptReport[] = [];
    const transport = new Transport({
      headersTimeoutMs: 150,
      retry: { maxRetries: 3, baseDelayMs: 1 },
      onAttempt: (attempt) => attempts.push(attempt),
    });
    const before = hitsOf('/slow');
    const exchange = await transport.send(() => get(server.url, '/slow'));
    expect(exchange.failure?.code).toBe('E_TARGET_TIMEOUT');
    // A headers timeout: the request had left, it may have been processed.
    expect(exchange.failure?.neverSent).toBeUndefined();
    expect(exchange.retries).toHaveLength(1);
    expect(hitsOf('/slow')).toBe(before + 2);
    expect(attempts.map((a) => a.failure?.code)).toEqual(['E_TARGET_TIMEOUT', 'E_TARGET_TIMEOUT']);
    expect(attempts[0]?.origin).toBe(server.url);
    await transport.close();
  });

  it('keeps retrying throttling up to maxRetries, and reports answered attempts without a failure', async () => {
    const attempts: AttemptReport[] = [];
    const transport = new Transport({
      retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 5 },
      onAttempt: (attempt) => attempts.push(attempt),
    });
    const exchange = await transport.send(() => get(server.url, '/busy'));
    expect(exchange.response?.status).toBe(503);
    expect(exchange.retries).toHaveLength(2);
    expect(attempts).toEqual([{ origin: server.url }, { origin: server.url }, { origin: server.url }]);
    await transport.close();
  });

  it('marks a refused connection as never sent', async () => {
    const gone = await startLoopback();
    await gone.close();
    const transport = new Transport({ retry: { maxRetries: 0 } });
    const exchange = await transport.send(() => get(gone.url));
    expect(exchange.failure).toMatchObject({ code: 'E_TARGET_UNREACHABLE', neverSent: true });
    await transport.close();
  });
});

describe('Transport after a stop', () => {
  it('ends a retry wait at once and keeps the last answer, unretried', async () => {
    // Behaviour, not a stopwatch: the stop comes once the first answer is in (the hour-long wait has
    // begun), and the exchange settles after it with that answer; a wait the stop did not cut would run
    // past the test's timeout and fail it.
    const stop = new AbortController();
    const events: string[] = [];
    const transport = new Transport({
      signal: stop.signal,
      retry: { maxRetries: 3, maxDelayMs: 3_600_000 },
      onAttempt: () => {
        events.push('answered');
        setImmediate(() => {
          events.push('stopped');
          stop.abort();
        });
      },
    });
    const exchange = await transport.send(() => get(server.url, '/hour'));
    events.push('settled');
    expect(events).toEqual(['answered', 'stopped', 'settled']);
    expect(exchange.response?.status).toBe(503);
    expect(exchange.retries).toEqual([]);
    expect(hitsOf('/hour')).toBe(1);
    await transport.close();
  });

  it('starts no retry once stopped, but still sends new requests (clean-up must go out)', async () => {
    const stop = new AbortController();
    stop.abort();
    const transport = new Transport({ signal: stop.signal, retry: { maxRetries: 3, baseDelayMs: 1 } });
    const before = hitsOf('/after');
    const exchange = await transport.send(() => get(server.url, '/after'));
    expect(exchange.response?.status).toBe(503);
    expect(exchange.retries).toEqual([]);
    expect(hitsOf('/after')).toBe(before + 1);
    await transport.close();
  });
});
