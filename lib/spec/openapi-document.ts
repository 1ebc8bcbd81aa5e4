/**
 * Finds and parses the shipped OpenAPI files (spec/<Operation>.openapi.yaml), once per process.
 * Everything read from them is checked as it is read: a malformed spec is a ToolError('E_SPEC'), never a crash
 * deep inside a check.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { ToolError } from '../errors.js';

export type OperationName = 'CreateSnapshotGroup' | 'DescribeSnapshotGroups' | 'DeleteSnapshotGroup';

export const OPERATION_NAMES: readonly OperationName[] = [
  'CreateSnapshotGroup',
  'DescribeSnapshotGroups',
  'DeleteSnapshotGroup',
];

export type JsonObject = Record<string, unknown>;

let rootMemo: string | undefined;

/**
 * The project folder: the nearest ancestor of this module holding package.json and spec/. Walking up (rather
 * than a fixed `../..`) works from lib/spec (vitest, tsx) and from dist/lib/spec (compiled) alike.
 */
export function projectRoot(): string {
  if (rootMemo !== undefined) return rootMemo;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'spec'))) {
      rootMemo = dir;
      return dir;
    }
    if (dirname(dir) === dir) break;
  }
  throw new ToolError('E_SPEC', `no folder with package.json and spec/ above ${start}`);
}

export const specFile = (operation: OperationName): string =>
  join(projectRoot(), 'spec', `${operation}.openapi.yaml`);

const documents = new Map<OperationName, JsonObject>();

export function loadOpenApiDocument(operation: OperationName): JsonObject {
  const cached = documents.get(operation);
  if (cached) return cached;
  const document = readOpenApiFile(specFile(operation));
  documents.set(operation, document);
  return document;
}

/** Parses one OpenAPI 3.1 file: the shipped ones, or an edited copy a user or a test points at. */
export function readOpenApiFile(file: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new ToolError('E_SPEC', `cannot read OpenAPI file ${file}: ${String(cause)}`, { cause });
  }
  const document = asObject(parsed, file);
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1')) {
    throw new ToolError('E_SPEC', `${file}: expected an OpenAPI 3.1 document`);
  }
  return document;
}

export function asObject(value: unknown, where: string): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  throw new ToolError('E_SPEC', `${where}: expected an object`);
}

export function asArray(value: unknown, where: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new ToolError('E_SPEC', `${where}: expected an array`);
}

export function asString(value: unknown, where: string): string {
  if (typeof value === 'string') return value;
  throw new ToolError('E_SPEC', `${where}: expected a string`);
}

/** Follows one local reference ("#/components/schemas/Name"); the shipped files use no other kind. */
export function resolvePointer(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new ToolError('E_SPEC', `only local $refs are supported, got ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = asObject(node, ref)[key];
    if (node === undefined) throw new ToolError('E_SPEC', `$ref ${ref} points at nothing`);
  }
  return node;
}

/** The node itself, or what its `$ref` points at (for parameters and responses, which take no siblings). */
export function deref(document: JsonObject, node: unknown, where: string): JsonObject {
  const object = asObject(node, where);
  return typeof object.$ref === 'string'
    ? asObject(resolvePointer(document, object.$ref), object.$ref)
    : object;
}
