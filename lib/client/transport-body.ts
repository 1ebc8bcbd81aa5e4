import type { Readable } from 'node:stream';

/** Collects the body up to `cap` bytes; past it, cuts, destroys the stream and marks it truncated. */
export function readCapped(body: Readable, cap: number): Promise<{ text: string; truncated: boolean }> {
  // Listeners rather than for-await: the async iterator costs more than the rest of a small exchange.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (truncated: boolean) => resolve({ text: Buffer.concat(chunks).toString('utf8'), truncated });
    body.on('data', (chunk: Buffer) => {
      if (size + chunk.length > cap) {
        chunks.push(chunk.subarray(0, cap - size));
        size = cap;
        body.destroy();
        done(true);
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    body.on('end', () => done(false));
    body.on('error', reject);
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
