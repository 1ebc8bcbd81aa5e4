import type { ParamBag } from '../http/params.js';
import { type ApiError, invalidParameter } from '../protocol/errors.js';

/** One entry of a repeatList: `DiskId.3=d-x` (value) or `Tag.3.Key=k&Tag.3.Value=v` (fields). */
export interface ListEntry {
  index: number;
  value?: string;
  fields: Record<string, string>;
}

export type ListParse = { ok: true; entries: ListEntry[] } | { ok: false; error: ApiError };

/** `N` is written the way SDKs write it: a positive integer without leading zeros. */
const CANONICAL_INDEX = /^[1-9][0-9]*$/;

/**
 * Reads `name.N` (or `name.N.Field` when `fields` is given) from the parameters, ordered by N. Gaps are
 * fine (SDKs skip null items but keep the index of the items after them). A non-canonical N (0, 01, x)
 * or a repeated entry is an error; names of another shape (`DiskId.1.Foo`) are unknown parameters and
 * ignored, like any unknown parameter. Upper bounds on N are a later, separate step.
 */
export const parseList = (params: ParamBag, name: string, fields?: readonly string[]): ListParse => {
  const prefix = `${name}.`;
  const byIndex = new Map<number, ListEntry>();
  for (const full of params.names()) {
    if (!full.startsWith(prefix)) continue;
    const rest = full.slice(prefix.length);
    const dot = rest.indexOf('.');
    const indexText = dot < 0 ? rest : rest.slice(0, dot);
    const field = dot < 0 ? undefined : rest.slice(dot + 1);
    if (!CANONICAL_INDEX.test(indexText)) {
      return {
        ok: false,
        error: invalidParameter(full, 'N must be a whole number from 1, without leading zeros'),
      };
    }
    if (fields ? field === undefined || !fields.includes(field) : field !== undefined) continue;
    if (params.count(full) > 1) {
      return { ok: false, error: invalidParameter(full, 'it is given more than once') };
    }
    const index = Number(indexText);
    const entry = byIndex.get(index) ?? { index, fields: {} };
    const value = params.get(full) ?? '';
    if (field === undefined) entry.value = value;
    else entry.fields[field] = value;
    byIndex.set(index, entry);
  }
  return { ok: true, entries: [...byIndex.values()].sort((a, b) => a.index - b.index) };
};
