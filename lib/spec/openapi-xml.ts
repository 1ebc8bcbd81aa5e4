/**
 * XML has no arrays: a list of one parses as a single element. A parser must be told which element paths are
 * lists (the client normalises them after parsing, see lib/client/parse.ts); this reads them off a body schema.
 */
import type { JsonSchema } from './openapi-json-schema.js';

/** Dotted paths (`Root.SnapshotGroups.SnapshotGroup`) of every array in `schema`, `root` first. */
export function arrayPaths(schema: JsonSchema, root: string): string[] {
  const found: string[] = [];
  walk(schema, root, found);
  return found;
}

function walk(schema: unknown, path: string, found: string[]): void {
  if (typeof schema !== 'object' || schema === null) return;
  const node = schema as JsonSchema;
  if (node.type === 'array') {
    found.push(path);
    walk(node.items, path, found);
  }
  if (typeof node.properties === 'object' && node.properties !== null) {
    for (const [name, child] of Object.entries(node.properties)) walk(child, `${path}.${name}`, found);
  }
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[keyword];
    if (Array.isArray(list)) for (const child of list) walk(child, path, found);
  }
}
