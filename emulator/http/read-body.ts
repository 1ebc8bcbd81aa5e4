import type { IncomingMessage } from 'node:http';

export type BodyRead = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Reads the body up to `maxBytes`. Past the limit it keeps draining (and discarding) so that the client,
 * still sending, can read the error instead of a reset; the server's requestTimeout bounds the drain.
 */
const EMPTY: BodyRead = { kind: 'ok', bytes: Buffer.alloc(0) };

/** No content-length (or 0) and no transfer-encoding: HTTP framing says there is no body to wait for. */
const hasNoBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] === undefined &&
  (req.headers['content-length'] === undefined || req.headers['content-length'] === '0');

export const readBody = (req: IncomingMessage, maxBytes: number): Promise<BodyRead> => {
  if (hasNoBody(req)) {
    req.resume();
    return Promise.resolve(EMPTY);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(
        tooLarge
          ? { kind: 'too-large' }
          : { kind: 'ok', bytes: chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks) },
      ),
    );
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
};
