import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { ToolError } from '../errors.js';
import { displayPath } from './load-paths.js';

/**
 * How far aliases (`*name`, `<<: *name`) may expand in one file: generous for a world that reuses a disk
 * template on thousands of disks, yet a nested alias bomb stops long before it exhausts memory.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/** A parsed YAML (or JSON) file that can still say where a JSON-pointer path sits in the text. */
export interface ParsedFile {
  /** How the file is named in messages. */
  label: string;
  data: unknown;
  /** "line:col" of the node at `pointer` (or of its nearest existing ancestor), when known. */
  locate(pointer: string): string | undefined;
}

/** Reads and parses one file; a missing or unparsable file is an E_CONFIG naming it. */
export function readYamlFile(abs: string, what: string): ParsedFile {
  const label = displayPath(abs);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    throw new ToolError('E_CONFIG', `${what} file ${label}: cannot read it (${reason})`, { cause });
  }
  return parseYamlText(text, label, what);
}

export function parseYamlText(text: string, label: string, what: string): ParsedFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const at = problem.linePos?.[0];
    const where = at === undefined ? '' : `:${at.line}:${at.col}`;
    const firstLine = problem.message.split('\n')[0] ?? problem.message;
    throw new ToolError('E_CONFIG', `${what} file ${label}${where}: not valid YAML: ${firstLine}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (cause) {
    // The yaml package's guard against alias bombs ("billion laughs"): a few lines that expand to gigabytes.
    throw new ToolError(
      'E_CONFIG',
      `${what} file ${label}: its aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (${(cause as Error).message})`,
      { cause },
    );
  }
  const locate = (pointer: string): string | undefined => {
    const segments = pointerSegments(pointer);
    for (let n = segments.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(segments.slice(0, n), true);
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range !== undefined) {
        const pos = lineCounter.linePos(range[0]);
        return `${pos.line}:${pos.col}`;
      }
    }
    return undefined;
  };
  return { label, data, locate };
}

/** "/disks/3/category" → ["disks", "3", "category"] (JSON pointer unescaping). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
