import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Case, CaseRequest, TransportVariant } from '../cases.js';
import { type Exchange, redactExchange } from '../client/index.js';
import type { World } from '../spec/world.js';
import type { SideOutcome } from './case-runner.js';
import { compareCaseIds } from './tally.js';

/**
 * A cassette: what one target answered to one run's cases, kept as plain, diffable files so that a
 * team can keep the real service's answers in git as its parity baseline.
 *
 *   DIR/manifest.json       what was recorded: target, world (name and hash), seed, profile, tool version
 *   DIR/<rule id>.jsonl     one line per case of the rule, sorted by case id then transport
 *
 * Every exchange is redacted exactly as reports are (redactExchange); response headers are cut to the
 * content type (dates and request ids only make noise in a diff, and the comparison reads no other).
 */
export const CASSETTE_FORMAT = 'ecs-conformance cassette 1';
export const MANIFEST_FILE = 'manifest.json';

export interface CassetteManifest {
  format: typeof CASSETTE_FORMAT;
  tool: { name: 'ecs-conformance'; version: string };
  /** The target the answers came from (replay commands of the reference side go there). */
  target: string;
  world: { name: string; hash: string };
  seed: number;
  profile: string;
  runs: number;
}

/** One exchange as recorded. */
export interface RecordedExchange {
  request: { method: string; url: string; body: string };
  response?: { status: number; contentType?: string; body: string };
  failure?: { code: string; message: string };
}

/** One case's line. */
export interface CassetteEntry {
  case: string;
  transport: string;
  /** Digest of what the case sends (ClientTokens and nonces aside): a drawn case of another content never matches. */
  requests: string;
  exchanges: RecordedExchange[];
  /** A page-walking Describe's further pages. */
  pages?: RecordedExchange[];
  state?: { groupId: string; afterCreate?: RecordedExchange };
}

export const transportKey = (t: TransportVariant): string =>
  `${t.signature} ${t.method} ${t.body} ${t.format}`;

/** Values a run rewrites on every execution (freshenCase) are left out: the same case digests the same. */
const stable = (req: CaseRequest) => [
  req.action,
  req.account,
  req.params.filter(([name]) => name !== 'ClientToken'),
  req.tamper?.kind === 'nonce' ? 'nonce' : (req.tamper ?? null),
];

export function requestsDigest(c: Case): string {
  const text = JSON.stringify([...(c.prelude ?? []), c.request].map(stable));
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted: the same world hashes the same, whatever order its file used. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const worldHash = (world: World): string =>
  createHash('sha256').update(canonical(world)).digest('hex').slice(0, 16);

function recorded(exchange: Exchange): RecordedExchange {
  const shown = redactExchange(exchange);
  const contentType = shown.response?.headers['content-type'];
  return {
    request: { method: shown.request.method, url: shown.request.url, body: shown.request.body },
    ...(shown.response !== undefined && {
      response: {
        status: shown.response.status,
        ...(contentType !== undefined && { contentType }),
        body: shown.response.rawBody,
      },
    }),
    ...(shown.failure !== undefined && {
      failure: { code: shown.failure.code, message: shown.failure.message },
    }),
  };
}

export function cassetteEntry(c: Case, side: SideOutcome): CassetteEntry {
  const afterCreate = side.state?.afterCreate;
  return {
    case: c.id,
    transport: transportKey(c.request.transport),
    requests: requestsDigest(c),
    exchanges: [...side.prelude, side.exchange].map(recorded),
    ...(side.pages !== undefined && { pages: side.pages.map(recorded) }),
    ...(side.state !== undefined && {
      state: {
        groupId: side.state.groupId,
        ...(afterCreate !== undefined && { afterCreate: recorded(afterCreate) }),
      },
    }),
  };
}

/** Collects the candidate's answers during the run, and writes the cassette when the session closes. */
export class CassetteRecorder {
  readonly #byRule = new Map<string, Map<string, CassetteEntry>>();

  constructor(
    readonly dir: string,
    readonly manifest: CassetteManifest,
  ) {
    // Fails before anything is sent when the directory cannot be made.
    mkdirSync(dir, { recursive: true });
  }

  /** A case sent again (another idempotency round) keeps its last answers. */
  record(c: Case, side: SideOutcome): void {
    let entries = this.#byRule.get(c.rule);
    if (entries === undefined) {
      entries = new Map();
      this.#byRule.set(c.rule, entries);
    }
    const entry = cassetteEntry(c, side);
    entries.set(`${entry.case}\n${entry.transport}`, entry);
  }

  write(): void {
    writeFileSync(join(this.dir, MANIFEST_FILE), `${JSON.stringify(this.manifest, null, 2)}\n`);
    for (const [rule, entries] of this.#byRule) {
      const lines = [...entries.values()]
        .sort((a, b) => compareCaseIds(a.case, b.case) || (a.transport < b.transport ? -1 : 1))
        .map((entry) => JSON.stringify(entry));
      writeFileSync(join(this.dir, `${rule}.jsonl`), `${lines.join('\n')}\n`);
    }
  }
}
