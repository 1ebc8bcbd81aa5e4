import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';

/** The end of the history file read to find its last entry: an entry holds every test of one run. */
const TAIL_BYTES = 8 * 1024 * 1024;

/**
 * Whether the last run in Allure's history file (JSON lines) is the one named `reportName`: reporting
 * the same run again (`npm run report` twice) must not add it twice, or the trends would show a run
 * that never happened. Reads only the file's tail, however many runs it holds.
 */
export function lastHistoryEntryIs(historyFile: string, reportName: string): boolean {
  if (!existsSync(historyFile)) return false;
  const fd = openSync(historyFile, 'r');
  let tail: string;
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    tail = buffer.toString('utf8');
  } finally {
    closeSync(fd);
  }
  const lines = tail.split('\n').filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) return false;
  try {
    const entry = JSON.parse(last) as { name?: unknown };
    return entry.name === reportName;
  } catch {
    // A cut or foreign line: not this run.
    return false;
  }
}
