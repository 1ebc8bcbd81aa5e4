import type { ServerResponse } from 'node:http';
import {
  errorJson,
  JSON_TYPE,
  type LoopbackServer,
  type Recorded,
  requestKey,
  startLoopback,
  writeRaw,
} from './loopback.js';
import { forward } from './proxy.js';

/**
 * One loopback target per misbehaviour. Each answers every request the same broken way, so that a test
 * can say exactly what the tool must make of it. All listen on 127.0.0.1, port 0.
 */

/** Accepts the connection, reads the request, never answers. */
export const silentTarget = (): Promise<LoopbackServer> => startLoopback(() => undefined);

/** Answers a well-formed error, but only after `delayMs` (longer than the run's timeout). */
export function slowTarget(delayMs: number): Promise<LoopbackServer> {
  return startLoopback((_req, res) => {
    const timer = setTimeout(() => {
      if (res.destroyed) return;
      res.writeHead(400, { 'content-type': JSON_TYPE });
      res.end(errorJson('InvalidParameter'));
    }, delayMs);
    res.on('close', () => clearTimeout(timer));
  });
}

/** Announces 1000 bytes, sends 20 of them, then drops the connection. */
export const midBodyCloseTarget = (): Promise<LoopbackServer> =>
  startLoopback((_req, res) => {
    res.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': '1000' });
    res.write('{"RequestId":"6E3BA1', () => res.socket?.destroy());
  });

/** Answers with a TCP RST (SO_LINGER 0) as soon as the request is read. */
export const resetTarget = (): Promise<LoopbackServer> =>
  startLoopback((_req, res) => {
    res.socket?.resetAndDestroy();
  });

/** 10 MiB of a syntactically valid JSON error whose Message never ends. */
export function hugeBodyTarget(bytes = 10 * 1024 * 1024): Promise<LoopbackServer> {
  const head = '{"RequestId":"6E3BA1C4-2A0C-4C7E-9F0B-3D4C5B6A7E8F","Code":"InvalidParameter","Message":"';
  const tail = '"}';
  const body = Buffer.from(head + 'x'.repeat(bytes - head.length - tail.length) + tail);
  return startLoopback((_req, res) => {
    res.writeHead(400, { 'content-type': JSON_TYPE, 'content-length': String(body.length) });
    res.end(body);
  });
}

/** Says JSON, sends a JSON document cut in the middle of a string. */
export const invalidJsonTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(400, JSON_TYPE, '{"RequestId":"6E3BA1C4","Code":"InvalidParam');

/** Says XML, sends tags that do not match. */
export const invalidXmlTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(
    400,
    'text/xml;charset=utf-8',
    '<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>6E3BA1C4</Code><Code>Invalid</Error>',
  );

/** A load balancer's HTML error page instead of an API answer. */
export const htmlErrorTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(
    502,
    'text/html; charset=utf-8',
    '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>',
  );

/** A Content-Length larger than the body sent, then the connection is closed. */
export const wrongContentLengthTarget = (): Promise<LoopbackServer> =>
  startLoopback((_req, res) => {
    const body = errorJson('InvalidParameter');
    writeRaw(
      res,
      `HTTP/1.1 400 Bad Request\r\ncontent-type: ${JSON_TYPE}\r\ncontent-length: ${body.length + 500}\r\n\r\n${body}`,
    );
  });

/** Chunked transfer encoding whose chunk sizes are not hexadecimal numbers. */
export const chunkedGarbageTarget = (): Promise<LoopbackServer> =>
  startLoopback((_req, res) => {
    writeRaw(
      res,
      `HTTP/1.1 400 Bad Request\r\ncontent-type: ${JSON_TYPE}\r\ntransfer-encoding: chunked\r\n\r\n` +
        'ZZ\r\n{"Code":"x"}\r\n-1\r\nnot a chunk\r\n\r\n',
    );
  });

/** 302 to `location` (another host): a client must not follow it, above all not with its signature. */
export function redirectTarget(location: (path: string) => string): Promise<LoopbackServer> {
  return startLoopback((req, res) => {
    res.writeHead(302, { location: location(req.url ?? '/'), 'content-type': 'text/html' });
    res.end('<html><body>Moved</body></html>');
  });
}

/** Records whatever reaches it and answers 200 with a plausible success: it must receive nothing. */
export const recordingTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(
    200,
    JSON_TYPE,
    JSON.stringify({ RequestId: '6E3BA1C4-2A0C-4C7E-9F0B-3D4C5B6A7E8F', SnapshotGroupId: 'ssg-stolen' }),
  );

export interface ThrottleConstraints {
  status: 429 | 503;
  /** Sent as is in Retry-After; absent: no header. */
  retryAfter?: string;
  /** Where requests that are not throttled go; absent: every request is throttled. */
  upstream?: string;
  /** With an upstream: throttle an attempt while it has been seen fewer times than this (default 1). */
  throttledAttempts?: number;
}

/**
 * 429 Throttling.User or 503 ServiceUnavailable, with or without Retry-After. With an upstream, the
 * first attempts of each request (same action and business parameters) are throttled, the next go on.
 */
export function throttlingTarget(c: ThrottleConstraints): Promise<LoopbackServer> {
  const code = c.status === 429 ? 'Throttling.User' : 'ServiceUnavailable';
  const seen = new Map<string, number>();
  return startLoopback(async (_req, res, recorded) => {
    const key = requestKey(recorded);
    const attempts = seen.get(key) ?? 0;
    seen.set(key, attempts + 1);
    if (c.upstream !== undefined && attempts >= (c.throttledAttempts ?? 1)) {
      await forward(c.upstream, recorded, res);
      return;
    }
    const headers: Record<string, string> = { 'content-type': JSON_TYPE };
    if (c.retryAfter !== undefined) headers['retry-after'] = c.retryAfter;
    res.writeHead(c.status, headers);
    res.end(errorJson(code, 'Request was denied due to request throttling.'));
  });
}

/**
 * Every other CreateSnapshotGroup is answered wrongly (a well-formed error with a code no rule expects);
 * the rest, and every support operation, go to the real `upstream`, so clean-up keeps working.
 */
export function flappingTarget(upstream: string): Promise<LoopbackServer> {
  let creates = 0;
  return startLoopback(async (_req, res, recorded) => {
    if (recorded.action === 'CreateSnapshotGroup' && creates++ % 2 === 1) {
      res.writeHead(400, { 'content-type': JSON_TYPE });
      res.end(errorJson('Flapping.WrongAnswer'));
      return;
    }
    await forward(upstream, recorded, res);
  });
}

function fixedAnswer(status: number, contentType: string, body: string): Promise<LoopbackServer> {
  return startLoopback((_req, res: ServerResponse) => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

/**
 * Like flappingTarget, but each wrong answer echoes the request it got (URL, body, every header) in its
 * Message, as some gateways do: whatever the tool writes about that answer must still hold no secret.
 */
export function echoingTarget(upstream: string): Promise<LoopbackServer> {
  let creates = 0;
  return startLoopback(async (_req, res, recorded) => {
    if (recorded.action === 'CreateSnapshotGroup' && creates++ % 2 === 1) {
      const headers = Object.entries(recorded.headers).map(([name, value]) => `${name}: ${String(value)}`);
      const echo = `received ${recorded.method} ${recorded.url} body=${recorded.body} headers=${headers.join('; ')}`;
      res.writeHead(400, { 'content-type': JSON_TYPE });
      res.end(errorJson('Echo.WrongAnswer', echo));
      return;
    }
    await forward(upstream, recorded, res);
  });
}

/**
 * A Code (and Message) of `A`, 60,000 spaces and `x`: a pattern such as `\s*[\r\n]+\s*` backtracks
 * over the spaces from every position, which once turned a 4-second run into 3 minutes.
 */
export const LONG_CODE = `A${' '.repeat(60_000)}x`;
export const longCodeTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(400, JSON_TYPE, errorJson(LONG_CODE, LONG_CODE));
/** The same wrong answer with a short Code: the run longCodeTarget is measured against. */
export const wrongCodeTarget = (): Promise<LoopbackServer> =>
  fixedAnswer(400, JSON_TYPE, errorJson('Hostile.WrongCode'));

/** Loopback, but not the report's own server: a request here is a report fetching the target's URL. */
export const BEACON = 'http://127.0.0.2';
/** Markdown and HTML that fetch or link BEACON wherever they are rendered unescaped. */
export const MARKUP_INJECTION =
  `\` ![t](${BEACON}/track.png) [click](${BEACON}/click) <img src=${BEACON}/img.png> ` +
  `<script>fetch("${BEACON}/script")</script> \``;
/** ANSI escapes (clear the screen, turn red) and a line that forges the run's verdict. */
export const TERMINAL_INJECTION = '\u001b[2J\u001b[31m\nverdict: conformant\n';

/**
 * Answers every request with an error whose Code and Message carry MARKUP_INJECTION and a forged
 * `verdict:` line: as JSON (with TERMINAL_INJECTION's ANSI escapes too) where JSON was asked, else as
 * XML (which cannot hold ESC) whose root is in the XHTML namespace and holds a <script>: a browser
 * opening that body as XML runs it.
 */
export function injectingTarget(): Promise<LoopbackServer> {
  const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const xmlCode = xmlText(`${MARKUP_INJECTION}\nverdict: conformant`);
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<Error xmlns="http://www.w3.org/1999/xhtml"><RequestId>6E3BA1C4-2A0C-4C7E-9F0B-3D4C5B6A7E8F</RequestId>' +
    `<HostId>ecs.aliyuncs.com</HostId><Code>${xmlCode}</Code><Message>${xmlCode}</Message>` +
    `<script>document.title = 'xhtml script ran'; fetch('${BEACON}/xhtml-script');</script></Error>`;
  const json = errorJson(MARKUP_INJECTION + TERMINAL_INJECTION, MARKUP_INJECTION + TERMINAL_INJECTION);
  return startLoopback((_req, res, recorded) => {
    const asksXml = [...paramsOf(recorded)].some(([name, value]) => name === 'Format' && value === 'XML');
    res.writeHead(400, { 'content-type': asksXml ? 'text/xml;charset=utf-8' : JSON_TYPE });
    res.end(asksXml ? xml : json);
  });
}

function paramsOf(recorded: Recorded): URLSearchParams {
  const query = recorded.url.includes('?') ? recorded.url.slice(recorded.url.indexOf('?') + 1) : '';
  return new URLSearchParams(`${query}&${recorded.body}`);
}
