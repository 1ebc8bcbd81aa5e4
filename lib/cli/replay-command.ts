import { resolve } from 'node:path';
import {
  createClient,
  credentialsForAccount,
  parseReplayArgs,
  redactRequest,
  redactText,
} from '../client/index.js';
import { loadSpec } from '../spec/load.js';
import { type Io, println } from './io.js';
import { defaultWorldFile } from './prepare.js';
import { signingKeys } from './signing-keys.js';

/**
 * `replay ...`: re-signs one request (fresh nonce and timestamp, current credentials) and sends it once.
 * Prints the request with secrets redacted and the response as received; exit 3 when nothing came back.
 */
export async function replayCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseReplayArgs(args);
  const worldFile = parsed.world === undefined ? defaultWorldFile() : resolve(io.cwd, parsed.world);
  const { world } = await loadSpec({ world: worldFile });
  const keys = await signingKeys({
    target: parsed.target,
    env: io.env,
    ...(parsed.credentials && { mode: parsed.credentials }),
  });
  if (keys.warning) println(io.stderr, keys.warning);
  const { env } = keys;
  const client = createClient({
    target: parsed.target,
    credentials: (account) => credentialsForAccount(world, account, env),
  });
  try {
    const exchange = await client.send(parsed.request);
    const sent = redactRequest(exchange.request);
    println(io.stdout, `> ${sent.method} ${sent.url}`);
    if (sent.body !== '') println(io.stdout, `> ${sent.body}`);
    if (exchange.response === undefined) {
      println(
        io.stderr,
        `error: no response from ${parsed.target}: ${exchange.failure?.message ?? 'unknown failure'}`,
      );
      return 3;
    }
    println(io.stdout, `< HTTP ${exchange.response.status}`);
    for (const [name, value] of Object.entries(exchange.response.headers))
      println(io.stdout, `< ${name}: ${value}`);
    println(io.stdout, redactText(exchange.response.rawBody));
    return 0;
  } finally {
    await client.close();
  }
}
