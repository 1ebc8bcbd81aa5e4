// Fuzz of the reference emulator with raw HTTP requests written on a socket: any method, header, query
// string and body, percent-encoding junk and huge parameters, some signed with the client's wire builder
// so that they reach the action handlers. No request may get a 5xx, go unanswered, or crash the emulator.
// Usage: node dist/bench/fuzz.js [--runs 1000] [--seed N]
import { realpathSync } from 'node:fs';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { request } from 'undici';
import { type RunningEmulator, startEmulator } from '../emulator/index.js';
import { ALL_TRANSPORTS, generateCases } from '../generators/index.js';
import type { CaseRequest, Tamper, WireParams } from '../lib/cases.js';
import { buildHttpRequest, credentialsForAccount, randomNonce } from '../lib/client/index.js';
import { loadSpec } from '../lib/spec/load.js';
import type { World } from '../lib/spec/world.js';

export interface FuzzConstraints {
  /** Default 1000. */
  runs?: number;
  /** Default: drawn from the clock (printed, so that a failure can be replayed). */
  seed?: number;
  /** Longest wait for an answer's status line; default 5000. */
  answerTimeoutMs?: number;
}

export interface FuzzReport {
  runs: number;
  seed: number;
  /** fast-check's report of the (shrunk) failing request; undefined when every request was answered well. */
  failure?: string;
  /** Status lines seen, by status ("none" for no answer). */
  byStatus: Record<string, number>;
  crashes: string[];
  /** A signed DescribeSnapshotGroups after the fuzz: the emulator still serves (200). */
  aliveAfter: boolean;
  durationMs: number;
}

/** One request as bytes go on the wire. */
export interface RawRequest {
  method: string;
  /** Request target: path and query, unencoded junk allowed. */
  target: string;
  headers: Array<[string, string]>;
  body: string | Uint8Array;
  noHost?: boolean; // HTTP/1.1 requires Host: leaving it out is one more fault
}

const PARAM_NAMES = (
  'Action Version RegionId DiskId.1 DiskId.2 DiskId.17 DiskId.0 DiskId.x ExcludeDiskId.1 InstanceId Name ' +
  'Description Tag.1.Key Tag.1.Value Tag.21.Key Tag.0.Value InstantAccess InstantAccessRetentionDays ClientToken ' +
  'ResourceGroupId SnapshotGroupId SnapshotGroupId.1 MaxResults NextToken Status.1 Format AccessKeyId Signature ' +
  'SignatureMethod SignatureVersion SignatureNonce Timestamp SecurityToken OwnerId ResourceOwnerAccount'
).split(' ');
/** Parameters of the signature itself: edited after signing they only break the signature. */
const PROTOCOL_NAMES = new Set(
  'Action Version Format AccessKeyId Signature SignatureMethod SignatureVersion SignatureNonce Timestamp SecurityToken'.split(
    ' ',
  ),
);
const JUNK = [
  ...'% %Z %zz %FF %00 %C0%AF %E2%82 %ED%A0%80 %F0%9F%98%80 + = == & ; %25 %2 .. %0D%0A é [] {} " \''.split(
    ' ',
  ),
  '\u0000',
];
const IDS = (
  'cn-hangzhou cn-beijing d-bp1 i-bp1 ssg-x rg-acfm 2014-05-26 CreateSnapshotGroup DescribeSnapshotGroups ' +
  'DeleteSnapshotGroup JSON XML HMAC-SHA1 true false -1 0 1e400'
).split(' ');
const CONTENT_TYPES = (
  'application/x-www-form-urlencoded|application/x-www-form-urlencoded; charset=utf-16|' +
  'application/x-www-form-urlencoded;charset=iso-8859-1|application/json|text/xml|multipart/form-data; boundary=x||;;;|' +
  'text/plain; charset=utf-8'
).split('|');
const HEADER_NAMES = (
  'content-type accept x-acs-action x-acs-version x-acs-date x-acs-signature-nonce x-acs-content-sha256 authorization ' +
  'x-acs-security-token user-agent expect content-encoding x-forwarded-for cookie range accept-encoding x-acs-accesskey-id'
).split(' ');
const AUTHORIZATIONS = (
  'ACS3-HMAC-SHA256 |ACS3-HMAC-SHA256 Credential=,SignedHeaders=,Signature=|' +
  'ACS3-HMAC-SHA256 Credential=LTAI5tConformanceMain,SignedHeaders=host;x-acs-date,Signature=00|' +
  'Basic dXNlcjpwYXNz|HMAC-SHA1 Credential=x|ACS3-HMAC-SHA256 Credential=a,Credential=b,Signature=x,Signature=y'
).split('|');

/** encodeURIComponent, except that a lone surrogate (which it refuses) becomes an escape of one. */
const encodeLoosely = (value: string): string => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
};
const huge = fc.integer({ min: 1_000, max: 70_000 }).map((n) => 'a'.repeat(n));
/** A value as it would be written raw into a query or form body. */
const rawValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...IDS) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...JUNK), { maxLength: 6 }).map((p) => p.join('')) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(encodeLoosely) },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: huge },
);
const rawName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PARAM_NAMES) },
  { weight: 1, arbitrary: rawValue },
);
const rawPairs = fc
  .tuple(
    fc.array(fc.tuple(rawName, rawValue, fc.constantFrom('=', '', '==')), { maxLength: 12 }),
    fc.constantFrom('&', '&&', ';'),
  )
  .map(([pairs, separator]) => pairs.map(([n, v, eq]) => `${n}${eq}${v}`).join(separator));
const headerValue = fc
  .oneof(
    fc.constantFrom(...CONTENT_TYPES, ...AUTHORIZATIONS, '100-continue', 'gzip', 'bytes=0-1'),
    fc.string({ unit: 'grapheme-ascii', maxLength: 60 }),
    fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'h'.repeat(n)),
  )
  .map((v) => v.replace(/[\r\n]/g, ' '));
const headerName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HEADER_NAMES) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/) },
);
const body = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: rawPairs },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(1024 * 1024 + 10)) },
);

export const rawRequest: fc.Arbitrary<RawRequest> = fc.record(
  {
    method: fc.constantFrom(
      'GET',
      'POST',
      'PUT',
      'DELETE',
      'HEAD',
      'OPTIONS',
      'PATCH',
      'TRACE',
      'get',
      'FOO',
    ),
    target: fc
      .tuple(fc.constantFrom('/', '/?', '//', '/x/../?', '*', '/%ZZ?', 'http://127.0.0.1/?'), rawPairs)
      .map(([path, query]) => (path.endsWith('?') ? `${path}${query}` : path)),
    headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 10 }),
    body,
    noHost: fc.boolean(),
  },
  { requiredKeys: ['method', 'target', 'headers', 'body'] },
);

const TAMPERS: Tamper[] = [
  { kind: 'signature-char' },
  { kind: 'wrong-secret' },
  { kind: 'unknown-access-key' },
  { kind: 'timestamp', value: 'yesterday' },
  { kind: 'signature-method', value: 'HMAC-MD5' },
  { kind: 'omit', name: 'SignatureNonce' },
  { kind: 'version', value: '2099-01-01' },
  { kind: 'method', method: 'PUT' },
  { kind: 'add-after-signing', name: 'DiskId.1', value: 'd-late' },
];

/** Replaces the value of a parameter already there (the first one), or adds it. */
function edited(base: WireParams, edits: WireParams): WireParams {
  const out: WireParams = base.map(([name, value]) => [name, value]);
  for (const [name, value] of edits) {
    const at = out.findIndex(([existing]) => existing === name);
    if (at === -1) out.push([name, value]);
    else out[at] = [name, value];
  }
  return out;
}

/**
 * A request signed as the client signs one: a valid create of the generators (or a bare look-up), a
 * few parameters replaced or added with fuzzed values, sometimes a protocol tamper. Most get past
 * authentication and the shape checks, into the handlers' deeper validation.
 */
export function signedRequest(
  world: World,
  templates: readonly CaseRequest[],
): fc.Arbitrary<{ req: CaseRequest; extra: Array<[string, string]> }> {
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...IDS, ...world.disks.slice(0, 30).map((d) => d.id)) },
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.integer({ min: -2, max: 70_000 }).map(String) },
    { weight: 1, arbitrary: huge },
  );
  const name = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PARAM_NAMES.filter((n) => !PROTOCOL_NAMES.has(n))) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  const lookUp = (action: string): CaseRequest => ({
    ...(templates[0] as CaseRequest),
    action,
    params: [['RegionId', 'cn-hangzhou']],
  });
  const base = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...templates) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('DescribeSnapshotGroups', 'DeleteSnapshotGroup', 'Foo', '').map(lookUp),
    },
  );
  return fc.record({
    req: fc
      .record({
        base,
        edits: fc.array(fc.tuple(name, value), { maxLength: 4 }),
        transport: fc.constantFrom(...ALL_TRANSPORTS),
        tamper: fc.oneof(
          { weight: 5, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...TAMPERS) },
        ),
      })
      .map(({ base: b, edits, transport, tamper }) => ({
        action: b.action,
        account: b.account,
        params: edited(b.params, edits),
        transport,
        ...(tamper !== undefined && { tamper }),
      })),
    extra: fc.array(fc.tuple(headerName, headerValue), { maxLength: 2 }),
  });
}

function encode(r: RawRequest, host: string): Buffer {
  const bodyBytes = typeof r.body === 'string' ? Buffer.from(r.body) : Buffer.from(r.body);
  const lines = [`${r.method} ${r.target} HTTP/1.1`];
  if (!r.noHost) lines.push(`host: ${host}`);
  for (const [name, value] of r.headers)
    if (name !== 'host' && name !== 'content-length') lines.push(`${name}: ${value}`);
  lines.push(`content-length: ${bodyBytes.length}`, 'connection: close', '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bodyBytes]);
}

/** Writes the request and reads up to the first final (non-1xx) status line; undefined: no answer. */
export function exchangeRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let head = '';
    const done = (status: number | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(status);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    socket.on('error', () => undefined);
    socket.on('close', () => done(finalStatus(head)));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      const status = finalStatus(head);
      if (status !== undefined) done(status);
    });
    socket.write(bytes, () => undefined);
  });
}

function finalStatus(head: string): number | undefined {
  for (const match of head.matchAll(/HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n/g)) {
    const status = Number(match[1]);
    if (status >= 200) return status;
  }
  return undefined;
}

/** The generators' valid creates: requests the emulator accepts, the starting point of signed fuzzing. */
export function validCreates(spec: ReturnType<typeof loadSpec>): CaseRequest[] {
  const { cases } = generateCases({ ...spec, seed: 1, runs: 1, only: ['valid', 'state'] });
  const valid = cases
    .filter((c) => c.expected.kind === 'success' && c.prelude === undefined)
    .map((c) => c.request);
  if (valid.length === 0) throw new Error('the generators made no valid create to fuzz from');
  return valid;
}

async function alive(emulator: RunningEmulator, world: World): Promise<boolean> {
  const req: CaseRequest = {
    action: 'DescribeSnapshotGroups',
    params: [['RegionId', world.regions[0]?.id ?? 'cn-hangzhou']],
    account: world.accounts[0]?.id ?? '',
    transport: { signature: 'v3', method: 'POST', body: 'query', format: 'JSON' },
  };
  const target = new URL(emulator.url);
  const sent = buildHttpRequest(req, {
    target,
    credentials: credentialsForAccount(world, req.account, {}),
    now: new Date(),
    nonce: randomNonce(),
    apiVersion: '2014-05-26',
  });
  try {
    const res = await request(sent.url, { method: 'POST', headers: sent.headers });
    await res.body.text();
    return res.statusCode === 200;
  } catch {
    return false;
  }
}

/** Fuzzes an emulator started here; every request must get a final status below 500. */
export async function runFuzz(c: FuzzConstraints = {}): Promise<FuzzReport> {
  const runs = c.runs ?? 1000;
  const seed = c.seed ?? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const timeoutMs = c.answerTimeoutMs ?? 5_000;
  const spec = loadSpec();
  const { world, profile } = spec;
  const templates = validCreates(spec);
  // Short request timeouts: a request the parser waits on (a chunked body never ended) is answered soon.
  const emulator = await startEmulator({
    world,
    limits: profile.limits,
    requestTimeoutMs: 2_000,
    headersTimeoutMs: 1_000,
  });
  const host = `127.0.0.1:${emulator.port}`;
  const byStatus: Record<string, number> = {};
  const crashes: string[] = [];
  const onCrash = (error: unknown) => crashes.push(String((error as Error)?.stack ?? error));
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const now = new Date();
  const toRaw = ({ req, extra }: { req: CaseRequest; extra: Array<[string, string]> }): RawRequest => {
    const sent = buildHttpRequest(req, {
      target: new URL(emulator.url),
      credentials: credentialsForAccount(world, req.account, {}),
      now,
      nonce: randomNonce(),
      apiVersion: '2014-05-26',
    });
    const headers = Object.entries(sent.headers).filter(([name]) => name !== 'host');
    return {
      method: sent.method,
      target: sent.url.slice(emulator.url.length) || '/',
      headers: [...headers, ...extra],
      body: sent.body,
    };
  };
  const anyRequest = fc.oneof(rawRequest, signedRequest(world, templates).map(toRaw));
  const started = performance.now();
  const details = await fc.check(
    fc.asyncProperty(anyRequest, async (r) => {
      const status = await exchangeRaw(emulator.port, encode(r, host), timeoutMs);
      const key = status === undefined ? 'none' : String(status);
      byStatus[key] = (byStatus[key] ?? 0) + 1;
      if (status === undefined) throw new Error(`no answer within ${timeoutMs} ms`);
      if (status >= 500) throw new Error(`answered ${status}`);
      if (crashes.length > 0) throw new Error(`the emulator crashed: ${crashes[0]}`);
    }),
    { numRuns: runs, seed },
  );
  const aliveAfter = await alive(emulator, world);
  await emulator.close();
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  const failure = fc.defaultReportMessage(details);
  return {
    runs,
    seed,
    ...(details.failed && failure !== undefined && { failure: failure.slice(0, 4_000) }),
    byStatus,
    crashes,
    aliveAfter,
    durationMs: Math.round(performance.now() - started),
  };
}

function flag(argv: readonly string[], name: string): number | undefined {
  const at = argv.indexOf(name);
  if (at === -1) return undefined;
  const value = Number(argv[at + 1]);
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer, got ${argv[at + 1]}`);
  return value;
}

async function main(argv: readonly string[]): Promise<number> {
  const runs = flag(argv, '--runs') ?? 1000;
  const seed = flag(argv, '--seed');
  const report = await runFuzz({ runs, ...(seed !== undefined && { seed }) });
  console.log(`fuzz: ${report.runs} runs, seed ${report.seed}, ${report.durationMs} ms`);
  console.log(`statuses: ${JSON.stringify(report.byStatus)}`);
  console.log(`alive after: ${report.aliveAfter}; crashes: ${report.crashes.length}`);
  if (report.failure) console.log(report.failure);
  const held = report.failure === undefined && report.crashes.length === 0 && report.aliveAfter;
  console.log(held ? 'fuzz: held' : `fuzz: FAILED (replay with --seed ${report.seed})`);
  return held ? 0 : 1;
}

const script = process.argv[1];
if (script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))) {
  process.exitCode = await main(process.argv.slice(2));
}
