import type { CaseRequest, Tamper, TransportVariant, WireParams } from '../cases.js';
import { ToolError } from '../errors.js';
import { CREDENTIALS_MODES, type CredentialsMode } from './credentials.js';
import type { SentRequest } from './exchange.js';
import { REDACTED, redactRequest } from './redact.js';

/**
 * Replay command format (the CLI's `replay` subcommand parses it with parseReplayArgs):
 *
 *   npx ecs-conformance replay --target URL [--world FILE] --action NAME --account ID
 *     --signature v2|v3 --method POST|GET --body form|query --format JSON|XML
 *     [--param NAME=VALUE]... [--params-json '[["NAME","VALUE"],...]'] [--tamper '<Tamper JSON>'] [--keep]
 *
 * `--credentials auto|env|chain|world` may follow (default auto, as for `run`).
 * `--param` is repeated in wire order (split at the first `=`); `--params-json` carries parameters
 * whose names contain `=`, and comes after the `--param`s. The request is re-signed with a fresh nonce
 * and timestamp from the current credentials (chosen as `run` chooses them), unless the tamper
 * fixes them (a nonce-reuse case replays its nonce). A group the replayed request creates is deleted
 * again unless `--keep` is given.
 */
export interface ReplayArgs {
  target: string;
  /** Whose keys sign (see the CLI's signingKeys); default auto. */
  credentials?: CredentialsMode;
  world?: string;
  request: CaseRequest;
  /** `--keep`: a group the replayed create made stays (its id and delete command are printed). */
  keep: boolean;
}

export const shellQuote = (value: string): string =>
  /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;

/** `keep`: the command carries `--keep` (a prelude's create, whose group the next command needs). */
export function replayCommand(
  target: string,
  req: CaseRequest,
  options: { world?: string; keep?: boolean } = {},
): string {
  const words = ['npx', 'ecs-conformance', 'replay', '--target', target];
  if (options.world !== undefined) words.push('--world', options.world);
  const t = req.transport;
  words.push('--action', req.action, '--account', req.account);
  words.push('--signature', t.signature, '--method', t.method, '--body', t.body, '--format', t.format);
  const plain = req.params.filter(([name]) => !name.includes('='));
  const odd = req.params.filter(([name]) => name.includes('='));
  for (const [name, value] of plain) words.push('--param', `${name}=${value}`);
  if (odd.length > 0) words.push('--params-json', JSON.stringify(odd));
  if (req.tamper !== undefined) words.push('--tamper', JSON.stringify(req.tamper));
  if (options.keep === true) words.push('--keep');
  return words.map(shellQuote).join(' ');
}

const CHOICES = {
  credentials: CREDENTIALS_MODES,
  signature: ['v2', 'v3'],
  method: ['POST', 'GET'],
  body: ['form', 'query'],
  format: ['JSON', 'XML'],
} as const;
const TAMPER_KINDS = new Set<Tamper['kind']>([
  'signature-char',
  'wrong-secret',
  'unknown-access-key',
  'timestamp',
  'timestamp-format',
  'nonce',
  'signature-method',
  'omit',
  'version',
  'action',
  'method',
  'add-after-signing',
]);

const usage = (message: string): ToolError => new ToolError('E_USAGE', `replay: ${message}`);

/** Parses the arguments after `replay`; ToolError E_USAGE naming the bad argument. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  const single = new Map<string, string>();
  const params: WireParams = [];
  let keep = false;
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (flag === '--keep') {
      // The one option without a value.
      keep = true;
      i -= 1;
      continue;
    }
    const value = argv[i + 1];
    if (flag === undefined || !flag.startsWith('--'))
      throw usage(`unexpected argument ${JSON.stringify(flag)}`);
    if (value === undefined) throw usage(`${flag} needs a value`);
    const name = flag.slice(2);
    if (name === 'param') params.push(splitParam(value));
    else if (name === 'params-json') params.push(...parseParamsJson(value));
    else if (['target', 'world', 'action', 'account', 'tamper', ...Object.keys(CHOICES)].includes(name)) {
      if (single.has(name)) throw usage(`${flag} given twice`);
      single.set(name, value);
    } else throw usage(`unknown option ${flag}`);
  }
  const required = (name: string): string => {
    const value = single.get(name);
    if (value === undefined || value === '') throw usage(`--${name} is required`);
    return value;
  };
  const choice = <K extends keyof typeof CHOICES>(name: K): (typeof CHOICES)[K][number] => {
    const value = required(name);
    if (!(CHOICES[name] as readonly string[]).includes(value)) {
      throw usage(`--${name} must be one of ${CHOICES[name].join(', ')}, got ${JSON.stringify(value)}`);
    }
    return value as (typeof CHOICES)[K][number];
  };
  const transport: TransportVariant = {
    signature: choice('signature'),
    method: choice('method'),
    body: choice('body'),
    format: choice('format'),
  };
  const request: CaseRequest = {
    action: required('action'),
    params,
    transport,
    account: required('account'),
  };
  const tamper = single.get('tamper');
  if (tamper !== undefined) request.tamper = parseTamper(tamper);
  const world = single.get('world');
  const credentials = single.has('credentials') ? choice('credentials') : undefined;
  return {
    target: required('target'),
    ...(world !== undefined && { world }),
    ...(credentials !== undefined && { credentials }),
    request,
    keep,
  };
}

function splitParam(value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq < 0) throw usage(`--param must be NAME=VALUE, got ${JSON.stringify(value)}`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

function parseParamsJson(value: string): WireParams {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw usage('--params-json is not valid JSON');
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.every((p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string'));
  if (!ok) throw usage('--params-json must be an array of [name, value] string pairs');
  return parsed as WireParams;
}

function parseTamper(value: string): Tamper {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw usage('--tamper is not valid JSON');
  }
  const kind = (parsed as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !TAMPER_KINDS.has(kind as Tamper['kind'])) {
    throw usage(`--tamper has an unknown kind ${JSON.stringify(kind)}`);
  }
  return parsed as Tamper;
}

/**
 * A shell-escaped curl line for a request as sent, secrets redacted. Because the signature is
 * redacted it cannot be sent as is: the trailing comment says so and points at the replay command.
 */
export function curlLine(sent: SentRequest): string {
  const safe = redactRequest(sent);
  const words = ['curl', '-sS', '--globoff', '--path-as-is', '-X', safe.method, safe.url];
  for (const [name, value] of Object.entries(safe.headers)) words.push('-H', `${name}: ${value}`);
  if (safe.body !== '') words.push('--data-binary', safe.body);
  return `${words.map(shellQuote).join(' ')}  # not sendable as is: signature and tokens redacted (${REDACTED}); use the replay command to re-sign`;
}
