import { appendFileSync, closeSync, openSync, readSync } from 'node:fs';
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

/** A create that may have made a group the run could not find: nothing to delete, a person must look. */
export interface LostCreate {
  /** What the left-behind list says, e.g. `unknown group on d-1 (create to https://… lost its answer)`. */
  note: string;
  regionId: string;
  account: string;
  caseId: string;
  disks: string[];
  instanceId?: string;
}

export type JournalEntry =
  | ({ event: 'created'; at: string } & GroupRef)
  | { event: 'deleted'; at: string; groupId: string }
  | ({ event: 'unknown'; at: string } & LostCreate);

/**
 * Groups created and not yet deleted. With a file, every change is appended synchronously (JSONL),
 * so that a sweeper can delete leftovers even when the process is killed right after a create.
 */
export class GroupJournal {
  readonly #open = new Map<string, GroupRef>();
  /** Every group ever journalled, deleted or not. */
  readonly #known = new Set<string>();
  readonly #lost: LostCreate[] = [];
  constructor(readonly file?: string) {}

  created(ref: GroupRef): void {
    if (this.#open.has(ref.groupId)) return;
    this.#open.set(ref.groupId, ref);
    this.#known.add(ref.groupId);
    this.#append({ event: 'created', at: new Date().toISOString(), ...ref });
  }

  /** Whether the run ever saw this group created (it may be deleted since). */
  known(groupId: string): boolean {
    return this.#known.has(groupId);
  }

  /** A create that may have made a group the run could not find. */
  lost(create: LostCreate): void {
    this.#lost.push(create);
    this.#append({ event: 'unknown', at: new Date().toISOString(), ...create });
  }

  /** Whether a lost create named this disk or instance (a group found there may be its, not a refusal's). */
  lostOn(resource: string): boolean {
    return this.#lost.some((create) => create.instanceId === resource || create.disks.includes(resource));
  }

  /** The notes of every lost create, for the left-behind list. */
  lostCreates(): string[] {
    return this.#lost.map((create) => create.note);
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

/**
 * The lines of a journal file, a chunk at a time: a large run's journal (39 MB at `--runs 10000`) is
 * never held whole, nor split into one array. The last line may be torn (a crash mid-write).
 */
export function* journalLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(JOURNAL_CHUNK_BYTES);
    const decoder = new TextDecoder();
    let rest = '';
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const text = rest + decoder.decode(chunk.subarray(0, read), { stream: true });
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        yield text.slice(start, end);
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.decode();
    if (rest !== '') yield rest;
  } finally {
    closeSync(fd);
  }
}

// Under Node's 1 MB threshold for external strings: a decoded chunk is then an ordinary heap string,
// collected young, rather than external memory that piles up until a full collection.
const JOURNAL_CHUNK_BYTES = 256 * 1024;

/** Groups a journal file lists as created and not deleted (a torn last line is ignored). */
export function readJournalLeftovers(file: string): GroupRef[] {
  const open = new Map<string, GroupRef>();
  try {
    for (const line of journalLines(file)) {
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
  } catch (error) {
    throw new ToolError('E_CONFIG', `cannot read the journal file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return [...open.values()];
}
