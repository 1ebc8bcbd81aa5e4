import { generateCases } from '../../generators/index.js';
import type { CaseRequest } from '../cases.js';
import { buildHttpRequest, credentialsForAccount, redactRequest } from '../client/index.js';
import { type Io, println } from './io.js';
import type { PreparedRun } from './prepare.js';

const EMBEDDED_PLACEHOLDER = 'http://127.0.0.1:0/';

/**
 * `--dry-run`: every request the run would send, signed (with `env`'s keys: see signingKeys) then
 * redacted, and nothing sent.
 */
export function dryRun(prepared: PreparedRun, io: Io, env: Record<string, string | undefined>): number {
  const { settings, world } = prepared;
  const { cases, notCovered } = generateCases({
    catalogue: prepared.catalogue,
    profile: prepared.profile,
    world,
    seed: settings.seed,
    runs: settings.runs,
    transports: prepared.transports,
    ...(prepared.only && { only: prepared.only }),
  });
  const target = new URL(settings.target ?? EMBEDDED_PLACEHOLDER);
  const now = new Date();
  const render = (request: CaseRequest): string => {
    const sent = redactRequest(
      buildHttpRequest(request, {
        target,
        credentials: credentialsForAccount(world, request.account, env),
        now,
        nonce: 'dry-run',
        apiVersion: '2014-05-26',
      }),
    );
    return `${sent.method} ${sent.url}${sent.body === '' ? '' : `\n    body: ${sent.body}`}`;
  };
  println(
    io.stdout,
    `dry run: seed ${settings.seed}, ${cases.length} cases, target ${settings.target ?? 'embedded emulator'}`,
  );
  for (const c of cases) {
    println(io.stdout, `${c.id}  [${c.description}]`);
    for (const prelude of c.prelude ?? []) println(io.stdout, `  prelude ${render(prelude)}`);
    println(io.stdout, `  ${render(c.request)}`);
  }
  for (const entry of notCovered) println(io.stdout, `not covered: ${describeNotCovered(entry)}`);
  println(io.stdout, 'nothing was sent');
  return 0;
}

/** notCovered entries are the generators' own type; print their rule and reason whatever the shape. */
function describeNotCovered(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const { rule, reason } = entry as { rule?: unknown; reason?: unknown };
  return `${String(rule)}${reason === undefined ? '' : `: ${String(reason)}`}`;
}
