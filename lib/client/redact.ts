import type { Exchange, SentRequest } from './exchange.js';
import { percentEncode } from './sign/rpc.js';

/**
 * The one redaction used by every writer and log. Secrets, signatures and tokens become `***`.
 * A secret is scrubbed in its plain, percent-encoded and form-encoded spellings.
 */
export const REDACTED = '***';

/** Shorter values are not registered: scrubbing them would shred ordinary text. */
const MIN_SECRET_LENGTH = 4;
const registry = new Set<string>();

/** Remembers a secret seen by this process: every redaction scrubs it from then on. */
export function registerSecret(value: string | undefined): void {
  if (value === undefined || value.length < MIN_SECRET_LENGTH || registry.has(value)) return;
  registry.add(value);
  registeredSpellings = undefined;
}

export function knownSecrets(): string[] {
  return [...registry];
}

function spellings(secret: string): string[] {
  const encoded = percentEncode(secret);
  return [secret, encoded, encodeURIComponent(secret), encoded.replace(/%20/g, '+')];
}

const longestFirst = (a: string, b: string): number => b.length - a.length;

/** Every spelling of the registered secrets, longest first: computed once per registry change, not per text. */
let registeredSpellings: string[] | undefined;

function spellingsToScrub(secrets: readonly string[]): string[] {
  registeredSpellings ??= [...new Set([...registry].flatMap(spellings))].sort(longestFirst);
  const extra = secrets.filter((secret) => secret.length > 0 && !registry.has(secret));
  if (extra.length === 0) return registeredSpellings;
  return [...new Set([...registeredSpellings, ...extra.flatMap(spellings)])].sort(longestFirst);
}

/** Replaces every given secret, and always the process's registered ones, in `text`. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  // Longest first, so that a secret containing another is replaced whole.
  let out = text;
  for (const spelling of spellingsToScrub(secrets))
    if (out.includes(spelling)) out = out.split(spelling).join(REDACTED);
  return out;
}

const SECRET_PARAMS = ['Signature', 'SecurityToken', 'AccessKeySecret', 'BearerToken'];
/**
 * `Name=value` wherever it stands, in any case: after `?`/`&` in a query or form body, after `,` or a
 * space in an ACS3 Authorization header that a target echoed into its answer. Not inside a longer name
 * (`SignatureNonce=`, `x-acs-signature-nonce`). The value ends where a parameter, header or quoted
 * string would.
 */
const PARAM_PATTERN = new RegExp(
  `(^|[^A-Za-z0-9_.-])(${SECRET_PARAMS.join('|')})=([^&#,;\\s"'<>\\\\]*)`,
  'gi',
);
const JSON_PATTERN = new RegExp(`("(?:${SECRET_PARAMS.join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');
const XML_PATTERN = new RegExp(`<(${SECRET_PARAMS.join('|')})>[^<]*</\\1>`, 'g');
const SECRET_HEADERS = new Set(['x-acs-security-token', 'x-acs-bearer-token', 'x-acs-zero-trust-idtoken']);

/** Redacts secret parameters of a query string, a form body, JSON or XML, then every known secret. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  const masked = text
    .replace(PARAM_PATTERN, (_m, sep: string, name: string) => `${sep}${name}=${REDACTED}`)
    .replace(JSON_PATTERN, (_m, key: string) => `${key}"${REDACTED}"`)
    .replace(XML_PATTERN, (_m, name: string) => `<${name}>${REDACTED}</${name}>`);
  return redactSecrets(masked, secrets);
}

function redactHeader(name: string, value: string, secrets: readonly string[]): string {
  const lower = name.toLowerCase();
  if (SECRET_HEADERS.has(lower)) return REDACTED;
  if (lower === 'authorization')
    return redactSecrets(value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`), secrets);
  return redactSecrets(value, secrets);
}

export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redactHeader(name, value, secrets);
  return out;
}

export function redactRequest(sent: SentRequest, secrets: readonly string[] = []): SentRequest {
  return {
    method: sent.method,
    url: redactText(sent.url, secrets),
    headers: redactHeaders(sent.headers, secrets),
    body: redactText(sent.body, secrets),
  };
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;

/**
 * Deep copy with secret-named fields masked and known secrets scrubbed from every string. Iterative
 * (an explicit stack, not recursion): however deep a value nests, redacting it cannot overflow the stack.
 */
export function redactValue(value: unknown, secrets: readonly string[] = []): unknown {
  const copyOf = (inner: unknown): unknown => {
    if (typeof inner === 'string') return redactSecrets(inner, secrets);
    if (!isContainer(inner)) return inner;
    const copy: Container = Array.isArray(inner) ? [] : {};
    pending.push([inner, copy]);
    return copy;
  };
  const pending: Array<[Container, Container]> = [];
  const root = copyOf(value);
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, copy] = next;
    if (Array.isArray(source)) {
      for (const item of source) (copy as unknown[]).push(copyOf(item));
      continue;
    }
    for (const [key, inner] of Object.entries(source)) {
      const masked = SECRET_PARAMS.includes(key) ? REDACTED : copyOf(inner);
      // A `__proto__` key a target sent stays data, as JSON.parse made it, not the copy's prototype.
      if (key === '__proto__')
        Object.defineProperty(copy, key, {
          value: masked,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else (copy as Record<string, unknown>)[key] = masked;
    }
  }
  return root;
}

const SIGNATURE_PARAM = /(?:^|[?&])Signature=([^&#]*)/g;
const AUTHORIZATION_SIGNATURE = /Signature=([^,\s]+)/g;

/**
 * Every Signature value a request carried (RPC query or form parameter, ACS3 Authorization), raw and
 * decoded: a target may echo any of them, in any spelling, so its answer is scrubbed of them.
 */
export function requestSignatures(sent: SentRequest): string[] {
  const found = new Set<string>();
  const query = sent.url.includes('?') ? sent.url.slice(sent.url.indexOf('?')) : '';
  for (const text of [query, sent.body]) {
    for (const [, raw = ''] of text.matchAll(SIGNATURE_PARAM)) {
      found.add(raw);
      try {
        found.add(decodeURIComponent(raw.replace(/\+/g, '%20')));
        found.add(decodeURIComponent(raw));
      } catch {
        // Not valid percent-encoding (a tampered signature): the raw spelling is all there is.
      }
    }
  }
  for (const [name, value] of Object.entries(sent.headers)) {
    if (name.toLowerCase() !== 'authorization') continue;
    for (const [, signature = ''] of value.matchAll(AUTHORIZATION_SIGNATURE)) found.add(signature);
  }
  return [...found].filter((value) => value.length >= MIN_SECRET_LENGTH);
}

/**
 * An exchange fit for a report: request redacted, and the response scrubbed in case a target echoes,
 * of the given secrets and of the signatures this very request carried.
 */
export function redactExchange(exchange: Exchange, secrets: readonly string[] = []): Exchange {
  const { response } = exchange;
  const answerSecrets = [...secrets, ...requestSignatures(exchange.request)];
  return {
    ...exchange,
    request: redactRequest(exchange.request, secrets),
    ...(response && {
      response: {
        ...response,
        headers: redactHeaders(response.headers, answerSecrets),
        rawBody: redactText(response.rawBody, answerSecrets),
        parsed: redactValue(response.parsed, answerSecrets) as typeof response.parsed,
      },
    }),
    ...(exchange.failure && {
      failure: { ...exchange.failure, message: redactSecrets(exchange.failure.message, answerSecrets) },
    }),
  };
}
