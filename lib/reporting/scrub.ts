import { REDACTED, redactHeaders, redactSecrets, redactText } from '../client/redact.js';

const SECRET_KEYS = new Set(['Signature', 'SecurityToken', 'AccessKeySecret', 'BearerToken']);

/**
 * Deep copy with every string passed through the project's redaction (secret parameters and every
 * registered secret). Done on the data, before formatting, because escaping (JSON, HTML, Markdown)
 * changes how a secret is spelled in the output.
 */
export function scrubData<T>(value: T): T {
  return scrub(value) as T;
}

function scrub(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((item) => scrub(item));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) out[key] = REDACTED;
    // Header values need the header rules too (Authorization carries `Signature=` after a comma).
    else if (key === 'headers' && isStringRecord(inner)) out[key] = redactHeaders(inner);
    else out[key] = scrub(inner);
  }
  return out;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((inner) => typeof inner === 'string')
  );
}

/**
 * The last pass over a written text: exact secrets only. Parameter masking is not applied here since on a
 * whole document its patterns would run across lines.
 */
export function scrubText(text: string): string {
  return redactSecrets(text);
}
