import { jsonNestsDeeperThan, MAX_BODY_DEPTH } from './body-depth.js';
import type { ParsedBody } from './exchange.js';
import { readXml } from './parse-xml.js';

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
  if (jsonNestsDeeperThan(text, MAX_BODY_DEPTH))
    return { format: 'unparseable', reason: `JSON nested deeper than ${MAX_BODY_DEPTH} levels` };
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

// Values stay strings: XML carries no types, and "0012" or a long id must not turn into a number.
function parseXml(text: string, arrayPaths: readonly string[]): ParsedBody {
  let document: ReturnType<typeof readXml>;
  try {
    document = readXml(text, MAX_BODY_DEPTH);
  } catch (error) {
    return { format: 'unparseable', reason: `invalid XML: ${(error as Error).message}` };
  }
  // `<Root/>` or `<Root>text</Root>`: no children to report.
  const value = isRecord(document.value) ? document.value : {};
  normaliseArrays(value, arrayPaths);
  return { format: 'xml', root: document.root, value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Paths split once per list of paths, not once per body. */
const splitPaths = new WeakMap<readonly string[], readonly string[][]>();

export function normaliseArrays(value: Record<string, unknown>, arrayPaths: readonly string[]): void {
  let paths = splitPaths.get(arrayPaths);
  if (paths === undefined) {
    paths = arrayPaths.map((path) => path.split('.'));
    splitPaths.set(arrayPaths, paths);
  }
  for (const segments of paths) ensureArray(value, segments, 0);
}

/** Makes the list at `segments` (from `at` on) an array, below `node`. */
function ensureArray(node: unknown, segments: readonly string[], at: number): void {
  if (Array.isArray(node)) {
    for (const item of node) ensureArray(item, segments, at);
    return;
  }
  const head = segments[at];
  if (!isRecord(node) || head === undefined) return;
  const child = node[head];
  const next = segments[at + 1];
  if (next === undefined) {
    if (child !== undefined && !Array.isArray(child)) node[head] = [child];
    return;
  }
  // An empty container element (`<Tags/>`, or only whitespace inside) holds an empty list.
  if (typeof child === 'string' && child.trim() === '' && at + 2 === segments.length)
    node[head] = { [next]: [] };
  else ensureArray(child, segments, at + 1);
}
