/**
 * The documented error codes: the page's error table (x-error-codes on each error response of
 * CreateSnapshotGroup) and the ECS common and gateway codes (root x-common-error-codes).
 */
import { ToolError } from '../errors.js';
import { asArray, asObject, asString, deref, loadOpenApiDocument } from './openapi-document.js';

/** One row of the page's error table, in page order (54 rows, duplicates and the page's spelling kept). */
export interface ErrorTableRow {
  /** 1-based position in the page's table. */
  row: number;
  status: number;
  code: string;
  message: string;
  description: string;
}

export interface CommonErrorCode {
  code: string;
  status: number;
  source: 'ecs-common' | 'gateway';
}

let rowsMemo: readonly ErrorTableRow[] | undefined;
let commonMemo: readonly CommonErrorCode[] | undefined;

export function documentedErrorRows(): readonly ErrorTableRow[] {
  if (rowsMemo) return rowsMemo;
  const document = loadOpenApiDocument('CreateSnapshotGroup');
  const post = asObject(asObject(asObject(document.paths, 'paths')['/'], 'paths./').post, 'post');
  const responses = asObject(post.responses, 'post.responses');
  const rows: ErrorTableRow[] = [];
  // The page sorts its table by status, so ascending status order is page order.
  const statuses = Object.keys(responses)
    .map(Number)
    .filter((status) => status >= 400)
    .sort((a, b) => a - b);
  for (const status of statuses) {
    const where = `responses.${status}`;
    const response = deref(document, responses[String(status)], where);
    const entries = response['x-error-codes'];
    if (entries === undefined) continue;
    for (const [index, entry] of asArray(entries, `${where}.x-error-codes`).entries()) {
      const item = asObject(entry, `${where}.x-error-codes[${index}]`);
      rows.push({
        row: rows.length + 1,
        status,
        code: asString(item.code, `${where} code`),
        message: asString(item.message, `${where} message`),
        description: asString(item.description, `${where} description`),
      });
    }
  }
  if (rows.length === 0) throw new ToolError('E_SPEC', 'CreateSnapshotGroup: no x-error-codes found');
  rowsMemo = Object.freeze(rows.map((row) => Object.freeze(row)));
  return rowsMemo;
}

export function commonErrorCodes(): readonly CommonErrorCode[] {
  if (commonMemo) return commonMemo;
  const document = loadOpenApiDocument('CreateSnapshotGroup');
  const entries = asArray(document['x-common-error-codes'], 'x-common-error-codes');
  commonMemo = Object.freeze(
    entries.map((entry, index) => {
      const where = `x-common-error-codes[${index}]`;
      const item = asObject(entry, where);
      const source = item.source;
      if (source !== 'ecs-common' && source !== 'gateway') {
        throw new ToolError('E_SPEC', `${where}: source must be ecs-common or gateway`);
      }
      if (typeof item.status !== 'number') throw new ToolError('E_SPEC', `${where}: status must be a number`);
      return Object.freeze({ code: asString(item.code, where), status: item.status, source });
    }),
  );
  return commonMemo;
}

/**
 * Whether a documented code matches an actual one. A code with a dynamic part matches any actual code that
 * starts with its fixed part: the page marks that part `%s`, in the code or as the whole message
 * (`QuotaExceed.Tags` / `%s`, `InvalidDisk.ShareVolume` / `%s`), and a target may append it to the code.
 */
export function codeMatches(
  documented: string,
  actual: string,
  dynamic = documented.includes('%s'),
): boolean {
  if (!dynamic) return documented === actual;
  const marker = documented.indexOf('%s');
  return actual.startsWith(marker < 0 ? documented : documented.slice(0, marker));
}

export type DocumentationScope = 'page' | 'page-or-common';

interface DocumentedPair {
  code: string;
  status: number;
  dynamic: boolean;
}

const pairsMemo = new Map<DocumentationScope, readonly DocumentedPair[]>();

function documentedPairs(scope: DocumentationScope): readonly DocumentedPair[] {
  let pairs = pairsMemo.get(scope);
  if (pairs === undefined) {
    const list = documentedErrorRows().map((row) => ({
      code: row.code,
      status: row.status,
      dynamic: row.code.includes('%s') || row.message === '%s',
    }));
    if (scope === 'page-or-common') list.push(...commonErrorCodes().map((c) => ({ ...c, dynamic: false })));
    pairs = list;
    pairsMemo.set(scope, pairs);
  }
  return pairs;
}

/**
 * Answers by scope and code: the checks ask it several times for every error response. Bounded, since
 * the codes come from the target (a hostile one may invent a new code for every answer).
 */
const statusesMemo = new Map<string, readonly number[]>();
const STATUSES_MEMO_LIMIT = 1_000;

/** Every HTTP status a code is documented with, ascending and without repeats. */
export function documentedStatusesForCode(
  code: string,
  scope: DocumentationScope = 'page-or-common',
): readonly number[] {
  const key = `${scope}\0${code}`;
  let statuses = statusesMemo.get(key);
  if (statuses === undefined) {
    const matching = documentedPairs(scope).filter((pair) => codeMatches(pair.code, code, pair.dynamic));
    statuses = Object.freeze([...new Set(matching.map((pair) => pair.status))].sort((a, b) => a - b));
    if (statusesMemo.size >= STATUSES_MEMO_LIMIT) statusesMemo.clear();
    statusesMemo.set(key, statuses);
  }
  return statuses;
}

export function isDocumentedStatusForCode(
  code: string,
  status: number,
  scope: DocumentationScope = 'page-or-common',
): boolean {
  return documentedStatusesForCode(code, scope).includes(status);
}
