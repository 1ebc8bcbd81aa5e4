import type { ServerResponse } from 'node:http';
import { request } from 'undici';
import { type LoopbackServer, type Recorded, startLoopback } from './loopback.js';

/** Hop-by-hop headers a proxy must not pass on. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

/** What the upstream answered to one forwarded request. */
export interface ProxiedAnswer {
  request: Recorded;
  status: number;
  headers: Record<string, string>;
  body: string;
}

function flat(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * Sends a recorded request on to `upstream` unchanged, the Host header included (an ACS3 signature
 * covers `host`, so it must still name the proxy for the upstream to verify it).
 */
export async function sendUpstream(upstream: string, recorded: Recorded): Promise<ProxiedAnswer> {
  const answer = await request(`${upstream}${recorded.url}`, {
    method: recorded.method as 'GET' | 'POST',
    headers: flat(recorded.headers),
    body: recorded.body === '' ? null : recorded.body,
  });
  const body = await answer.body.text();
  return { request: recorded, status: answer.statusCode, headers: flat(answer.headers), body };
}

/** Forwards and copies the answer back (after `holdMs`); an upstream failure drops the connection. */
export async function forward(
  upstream: string,
  recorded: Recorded,
  res: ServerResponse,
  onAnswer?: (answer: ProxiedAnswer) => void,
  holdMs = 0,
): Promise<void> {
  try {
    const answer = await sendUpstream(upstream, recorded);
    onAnswer?.(answer);
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    if (res.destroyed) return;
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  } catch {
    res.socket?.destroy();
  }
}

export interface ProxyConstraints {
  /** Hold each request this long before forwarding it (a slow network). */
  delayMs?: number;
  /** Called with each answer before it is passed back. */
  onAnswer?: (answer: ProxiedAnswer) => void;
  /** Forward the request at once, but hold its answer this long (the target is done, the client waits). */
  holdAnswerMs?: (recorded: Recorded) => number;
  /** Forward the request, then drop the connection instead of answering: the answer is lost. */
  loseAnswer?: (recorded: Recorded) => boolean;
}

/** A recording proxy in front of `upstream`: every request is kept in `requests`, then forwarded. */
export function startProxy(upstream: string, c: ProxyConstraints = {}): Promise<LoopbackServer> {
  return startLoopback(async (_req, res, recorded) => {
    if (c.delayMs) await new Promise((resolve) => setTimeout(resolve, c.delayMs));
    if (c.loseAnswer?.(recorded)) {
      const answer = await sendUpstream(upstream, recorded).catch(() => undefined);
      if (answer) c.onAnswer?.(answer);
      res.socket?.destroy();
      return;
    }
    await forward(upstream, recorded, res, c.onAnswer, c.holdAnswerMs?.(recorded));
  });
}
