import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ParsedBody } from './exchange.js';

/**
 * List containers of the operations the suite reads, as dotted paths below the root. XML has no
 * arrays, so a one-item list would otherwise come back as an object; in XML these are made arrays
 * (and an empty container `<SnapshotGroups/>` becomes `{SnapshotGroup: []}`), the shape the JSON
 * form has. JSON bodies are left exactly as received.
 */
export const KNOWN_ARRAY_PATHS: readonly string[] = [
  'SnapshotGroups.SnapshotGroup',
  'SnapshotGroups.SnapshotGroup.Tags.Tag',
  'SnapshotGroups.SnapshotGroup.Snapshots.Snapshot',
  'SnapshotGroups.SnapshotGroup.Snapshots.Snapshot.Tags.Tag',
  'OperationProgressSet.OperationProgress',
  'OperationProgressSet.OperationProgress.RelatedItemSet.RelatedItem',
];

export interface ParseConstraints {
  /** Dotted paths of lists (default KNOWN_ARRAY_PATHS). */
  arrayPaths?: readonly string[];
}

// Values stay strings: XML carries no types, and "0012" or a long id must not turn into a number.
const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
});

/** JSON or XML into one structure; anything else is `unparseable` with the reason. Never throws. */
export function parseBody(rawBody: string, constraints: ParseConstraints = {}): ParsedBody {
  const arrayPaths = constraints.arrayPaths ?? KNOWN_ARRAY_PATHS;
  const text = rawBody.replace(/^\uFEFF/, '').trim();
  if (text === '') return { format: 'empty' };
  if (text.startsWith('{') || text.startsWith('[')) return parseJson(text);
  if (text.startsWith('<')) return parseXml(text, arrayPaths);
  return {
    format: 'unparseable',
    reason: `neither JSON nor XML (starts with ${JSON.stringify(text.slice(0, 16))})`,
  };
}

function parseJson(text: string): ParsedBody {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { format: 'unparseable', reason: `invalid JSON: ${(error as Error).message}` };
  }
  if (!isRecord(value)) return { format: 'unparseable', reason: 'JSON top level is not an object' };
  // JSON is kept as sent: an object where a list belongs is a defect the schema checks must see.
  return { format: 'json', value };
}

function parseXml(text: string, arrayPaths: readonly string[]): ParsedBody {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { format: 'unparseable', reason: `invalid XML: ${valid.err.msg} (line ${valid.err.line})` };
  }
  let document: unknown;
  try {
    document = xmlParser.parse(text);
  } catch (error) {
    return { format: 'unparseable', reason: `invalid XML: ${(error as Error).message}` };
  }
  const roots = isRecord(document) ? Object.keys(document) : [];
  const root = roots[0];
  if (root === undefined || roots.length !== 1 || !isRecord(document)) {
    return { format: 'unparseable', reason: `XML must have exactly one root element, found ${roots.length}` };
  }
  const content = document[root];
  // `<Root/>` or `<Root>text</Root>`: no children to report.
  const value = isRecord(content) ? content : {};
  normaliseArrays(value, arrayPaths);
  return { format: 'xml', root, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function normaliseArrays(value: Record<string, unknown>, arrayPaths: readonly string[]): void {
  for (const path of arrayPaths) ensureArray(value, path.split('.'));
}

function ensureArray(node: unknown, segments: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) ensureArray(item, segments);
    return;
  }
  const [head, ...rest] = segments;
  if (!isRecord(node) || head === undefined) return;
  const child = node[head];
  if (rest.length === 0) {
    if (child !== undefined && !Array.isArray(child)) node[head] = [child];
    return;
  }
  const [next] = rest;
  // An empty container element parses as '': it holds an empty list.
  if (child === '' && rest.length === 1 && next !== undefined) node[head] = { [next]: [] };
  else ensureArray(child, rest);
}
