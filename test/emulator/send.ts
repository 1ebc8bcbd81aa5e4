import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
// An XML parser other than the client's: the emulator's answers are read independently of the code under test.
import { XMLParser } from 'fast-xml-parser';
import { request } from 'undici';
import type { CaseRequest, Tamper, TransportVariant, WireParams } from '../../lib/cases.js';
import { buildHttpRequest } from '../../lib/client/wire.js';
import type { World } from '../../lib/spec/world.js';
import { keysOf } from './world-fixture.js';

export interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The XML root, or undefined for JSON. */
  root?: string;
  body: Record<string, unknown>;
}

const xml = new XMLParser({ parseTagValue: false, ignoreDeclaration: true });

export const parseAnswer = (status: number, headers: Record<string, string>, text: string): Answer => {
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('text/xml')) {
    const parsed = xml.parse(text) as Record<string, Record<string, unknown>>;
    const root = Object.keys(parsed)[0] ?? '';
    return { status, headers, text, root, body: parsed[root] ?? {} };
  }
  return { status, headers, text, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
};

export interface CallSpec {
  action?: string;
  params: WireParams;
  account?: string;
  transport?: Partial<TransportVariant>;
  tamper?: Tamper;
  nonce?: string;
  now?: Date;
}

export const DEFAULT_TRANSPORT: TransportVariant = {
  signature: 'v3',
  method: 'POST',
  body: 'query',
  format: 'JSON',
};

/** Signs a call as the suite's client would and sends it. */
export const call = async (url: string, world: World, spec: CallSpec): Promise<Answer> => {
  const req: CaseRequest = {
    action: spec.action ?? 'CreateSnapshotGroup',
    params: spec.params,
    transport: { ...DEFAULT_TRANSPORT, ...spec.transport },
    account: spec.account ?? 'main',
    ...(spec.tamper && { tamper: spec.tamper }),
  };
  const sent = buildHttpRequest(req, {
    target: new URL(url),
    credentials: keysOf(world, req.account),
    now: spec.now ?? new Date(),
    nonce: spec.nonce ?? randomUUID(),
    apiVersion: '2014-05-26',
  });
  const res = await request(sent.url, {
    method: sent.method as 'GET',
    headers: sent.headers,
    ...(sent.body !== '' && { body: sent.body }),
  });
  const text = await res.body.text();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers))
    if (typeof value === 'string') headers[name] = value;
  return parseAnswer(res.statusCode, headers, text);
};

/** Sends bytes as they are and reads the whole answer (the request should say `connection: close`). */
export const raw = (
  port: number,
  bytes: string | Buffer,
  timeoutMs = 5000,
): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', (err) => (chunks.length > 0 ? finish() : reject(err)));
    socket.on('close', () => finish());
    socket.write(bytes);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    }
  });

export const codeOf = (answer: Answer): unknown => answer.body.Code;
