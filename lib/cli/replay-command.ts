import { resolve } from 'node:path';
import { createClient, credentialsForAccount, parseReplayArgs, redactExchange } from '../client/index.js';
import { shownLines } from '../shown-text.js';
import { loadSpec } from '../spec/load.js';
import { type Io, println } from './io.js';
import { defaultWorldFile } from './prepare.js';
import { deleteReplayedGroup } from './replay-leftover.js';
import { signingKeys } from './signing-keys.js';

/**
 * `replay ...`: re-signs one request (fresh nonce and timestamp, current credentials) and sends it once.
 * Prints the request and the response through the reports' redaction (redactExchange: known secrets,
 * and this replay's own signatures wherever a target echoes them), control characters escaped. A group
 * the request created is deleted again, or with `--keep` named with its delete command. Exit 3 when
 * nothing came back or a group could not be deleted.
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
  const say = (text: string) => println(io.stdout, shownLines(text));
  try {
    const exchange = await client.send(parsed.request);
    const shown = redactExchange(exchange);
    say(`> ${shown.request.method} ${shown.request.url}`);
    if (shown.request.body !== '') say(`> ${shown.request.body}`);
    if (shown.response === undefined) {
      const reason = shown.failure?.message ?? 'unknown failure';
      println(io.stderr, shownLines(`error: no response from ${parsed.target}: ${reason}`));
      return 3;
    }
    say(`< HTTP ${shown.response.status}`);
    for (const [name, value] of Object.entries(shown.response.headers)) say(`< ${name}: ${value}`);
    say(shown.response.rawBody);
    return await deleteReplayedGroup({ client, target: parsed.target, parsed, exchange, io });
  } finally {
    await client.close();
  }
}
