import { appendFileSync, readFileSync } from 'node:fs';
import type { TransportVariant } from '../cases.js';
import { ToolError } from '../errors.js';

/** What a later DeleteSnapshotGroup needs. */
export interface GroupRef {
  groupId: string;
  regionId: string;
  account: string;
  transport: TransportVariant;
  caseId: string;
}

export type JournalEntry =
  | ({ event: 'created'; at: string } & GroupRef)
  | { event: 'deleted'; at: string; groupId: string };

/**
 * Groups created and not yet deleted. With a file, every change is appended synchronously (JSONL),
 * so that a sweeper can delete leftovers even when the process is killed right after a create.
 */
export class GroupJournal {
  readonly #open = new Map<string, GroupRef>();
  constructor(readonly file?: string) {}

  created(ref: GroupRef): void {
    if (this.#open.has(ref.groupId)) return;
    this.#open.set(ref.groupId, ref);
    this.#append({ event: 'created', at: new Date().toISOString(), ...ref });
  }

  deleted(groupId: string): void {
    if (!this.#open.delete(groupId)) return;
    this.#append({ event: 'deleted', at: new Date().toISOString(), groupId });
  }

  isOpen(groupId: string): boolean {
    return this.#open.has(groupId);
  }

  /** Created and not deleted, oldest first. */
  outstanding(): GroupRef[] {
    return [...this.#open.values()];
  }

  #append(entry: JournalEntry): void {
    if (this.file === undefined) return;
    try {
      appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      throw new ToolError(
        'E_CONFIG',
        `cannot write the journal file ${this.file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

/** Groups a journal file lists as created and not deleted (a torn last line is ignored). */
export function readJournalLeftovers(file: string): GroupRef[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError('E_CONFIG', `cannot read the journal file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const open = new Map<string, GroupRef>();
  for (const line of text.split('\n')) {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      continue;
    }
    if (entry.event === 'created') {
      const { event: _event, at: _at, ...ref } = entry;
      open.set(ref.groupId, ref);
    } else if (entry.event === 'deleted') open.delete(entry.groupId);
  }
  return [...open.values()];
}
