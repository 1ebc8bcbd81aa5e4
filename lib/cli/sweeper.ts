import { existsSync } from 'node:fs';
import type { Exchange } from '../client/exchange.js';
import { journalLines } from '../runner/journal.js';

/** A group the engine created and did not record as deleted. */
export interface JournalGroup {
  id: string;
  region?: string;
  account?: string;
}

/** What a journal leaves to the sweeper. */
export interface JournalLeftovers {
  /** Groups created and not deleted. */
  open: JournalGroup[];
  /**
   * Notes of creates that may have made a group the engine could not find (`event: "unknown"`): nothing
   * to delete by id, but never to be dropped from the left-behind list.
   */
  lost: string[];
}

/**
 * Reads the engine's JSONL journal in one pass. Field names are read leniently (`event`/`type`/`op`,
 * and `id`/`groupId`/`snapshotGroupId`) because the journal is the last line of defence: a group we
 * fail to recognise here is a group that keeps costing money.
 */
export function readLeftovers(journalFile: string): JournalLeftovers {
  if (!existsSync(journalFile)) return { open: [], lost: [] };
  const open = new Map<string, JournalGroup>();
  const lost: string[] = [];
  for (const line of journalLines(journalFile)) {
    const entry = parseLine(line);
    if (entry === undefined) continue;
    if (entry.event === 'unknown') lost.push(entry.note);
    else if (entry.event === 'deleted') open.delete(entry.group.id);
    else open.set(entry.group.id, entry.group);
  }
  return { open: [...open.values()], lost };
}

/** Groups the journal shows as created and not deleted. */
export const openGroups = (journalFile: string): JournalGroup[] => readLeftovers(journalFile).open;

type JournalLine = { event: 'created' | 'deleted'; group: JournalGroup } | { event: 'unknown'; note: string };

function parseLine(line: string): JournalLine | undefined {
  if (line.trim() === '') return undefined;
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined; // a line torn by a crash mid-write
  }
  if (value === null || typeof value !== 'object') return undefined;
  if (value.event === 'unknown') {
    const note = typeof value.note === 'string' ? value.note : 'unknown group (a create lost its answer)';
    return { event: 'unknown', note };
  }
  const event = String(value.event ?? value.type ?? value.op ?? '').toLowerCase();
  const id = value.groupId ?? value.snapshotGroupId ?? value.id;
  if (typeof id !== 'string' || id === '') return undefined;
  if (event !== 'created' && event !== 'deleted') return undefined;
  const region = value.region ?? value.regionId;
  const group: JournalGroup = { id };
  if (typeof region === 'string') group.region = region;
  if (typeof value.account === 'string') group.account = value.account;
  return { event, group };
}

export type DeleteGroup = (group: JournalGroup) => Promise<Exchange>;

/**
 * Deletes every group the journal shows as still open and returns the ids that could not be deleted,
 * then the notes of lost creates. "Not found" counts as deleted: the group is gone, which is all that
 * matters here.
 */
export async function sweep(journalFile: string, deleteGroup: DeleteGroup): Promise<string[]> {
  const { open, lost } = readLeftovers(journalFile);
  const leftBehind: string[] = [];
  for (const group of open) {
    try {
      const exchange = await deleteGroup(group);
      if (!isGone(exchange)) leftBehind.push(group.id);
    } catch {
      leftBehind.push(group.id);
    }
  }
  return [...leftBehind, ...lost];
}

function isGone(exchange: Exchange): boolean {
  const response = exchange.response;
  if (response === undefined) return false;
  if (response.status >= 200 && response.status < 300) return true;
  const parsed = response.parsed;
  const code = parsed.format === 'json' || parsed.format === 'xml' ? parsed.value.Code : undefined;
  return typeof code === 'string' && /NotFound/i.test(code);
}
