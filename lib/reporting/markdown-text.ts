import { shownText } from '../shown-text.js';

/**
 * Markdown building blocks that keep target-controlled text from breaking the layout: each takes the text
 * through `shownText` first (bounded, one line, control characters escaped), then escapes for Markdown.
 */

/**
 * Plain text: every character that could start Markdown or inline HTML (emphasis, a link or image
 * `![t](url)`, a tag, an entity, a table cell's end) escaped with a backslash, one line.
 */
export function mdText(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>|!&~#]/g, (c) => `\\${c}`);
}

/** An inline code span that survives backticks in its content (and pipes, when in a table). */
export function mdCode(text: string, inTable = false): string {
  const line = oneLine(text);
  if (line === '') return '` `';
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  // Inside a GFM table a pipe ends the cell even within a code span, unless escaped.
  const body = inTable ? line.replace(/\|/g, '\\|') : line;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A fenced block whose fence is longer than any run of backticks or tildes inside. */
export function mdFence(text: string, lang = ''): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${lang}\n${text.replace(/\n$/, '')}\n${fence}`;
}

export function mdTable(headers: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

// Bounded before anything else looks at it; trim() and the single-pass escapes above are linear.
const oneLine = (text: string): string => shownText(text).trim();

export const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;
