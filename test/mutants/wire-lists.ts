import { ApiError, type ListEntry, type ListParse, ParamBag, parseList } from '../../emulator/index.js';
import { withFirstStep } from './steps.js';
import type { Mutant } from './types.js';

type Rename = (rest: string) => string;

/** The faithful reading of `name.N...` after the target's own (wrong) rewriting of the names. */
const parsedAfterRenaming =
  (rename: Rename) =>
  (params: ParamBag, name: string, fields?: readonly string[]): ListParse => {
    const prefix = `${name}.`;
    const list = params.list.map(([key, value]): [string, string] =>
      key.startsWith(prefix) ? [prefix + rename(key.slice(prefix.length)), value] : [key, value],
    );
    return parseList(new ParamBag(list), name, fields);
  };

/** The faithful reading, then the target's own (wrong) treatment of the indices it found. */
const parsedThen =
  (after: (parsed: Extract<ListParse, { ok: true }>, name: string) => ListParse) =>
  (params: ParamBag, name: string, fields?: readonly string[]): ListParse => {
    const parsed = parseList(params, name, fields);
    return parsed.ok ? after(parsed, name) : parsed;
  };

/** Protocol facts every ECS request carries (protocol.md section 2) and CreateSnapshotGroup's own. */
const KNOWN = new Set([
  'Action',
  'Version',
  'AccessKeyId',
  'Signature',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
  'Format',
  'SecurityToken',
  'RegionId',
  'InstanceId',
  'InstantAccess',
  'InstantAccessRetentionDays',
  'Name',
  'Description',
  'StorageLocationArn',
  'ResourceGroupId',
  'ClientToken',
  'OwnerId',
  'ResourceOwnerId',
  'ResourceOwnerAccount',
  'OwnerAccount',
]);
const KNOWN_LISTS = /^(?:DiskId\.\d+|ExcludeDiskId\.\d+|Tag\.\d+\.(?:Key|Value))$/;

/** How repeatList parameters (`DiskId.N`, `Tag.N.Key`) are read off the wire. */
export const WIRE_LIST_MUTANTS: Mutant[] = [
  {
    id: 'wire.index-first-digit',
    family: 'wire-lists',
    description: 'N is read as its first digit only: DiskId.10 is taken as DiskId.1 (and Tag.12 as Tag.1).',
    seams: { parseList: parsedAfterRenaming((rest) => rest.replace(/^([1-9])[0-9]+/, '$1')) },
  },
  {
    id: 'wire.stops-at-first-gap',
    family: 'wire-lists',
    description:
      'A list is read from N=1 until the first missing index: DiskId.1 and DiskId.3 give one disk.',
    seams: {
      parseList: parsedThen((parsed) => {
        const kept = parsed.entries.filter((entry, at) => entry.index === at + 1);
        return { ok: true, entries: kept };
      }),
    },
  },
  {
    id: 'wire.gap-rejected',
    family: 'wire-lists',
    description: 'A gap in the indices (DiskId.1, DiskId.3) is rejected as InvalidParameter.',
    seams: {
      parseList: parsedThen((parsed, name) => {
        const gap = parsed.entries.find((entry, at) => entry.index !== at + 1);
        return gap === undefined
          ? parsed
          : {
              ok: false,
              error: new ApiError(
                'InvalidParameter',
                `The specified parameter "${name}.${gap.index}" is not valid.`,
              ),
            };
      }),
    },
  },
  {
    id: 'wire.duplicate-index.last-wins',
    family: 'wire-lists',
    description: 'The same DiskId.N given twice is not rejected: the last value wins.',
    seams: {
      parseList: (params, name, fields) => {
        const seen = new Set<string>();
        const lastWins = [...params.list]
          .reverse()
          .filter(([key]) => {
            if (!key.startsWith(`${name}.`) || !seen.has(key)) {
              seen.add(key);
              return true;
            }
            return false;
          })
          .reverse();
        return parseList(new ParamBag(lastWins), name, fields);
      },
    },
  },
  {
    id: 'wire.zero-index-accepted',
    family: 'wire-lists',
    description: 'DiskId.0 (zero-based N) is read as one more entry instead of rejected.',
    seams: {
      parseList: (params, name, fields) => {
        const zero = `${name}.0`;
        const isZero = (key: string) => key === zero || key.startsWith(`${zero}.`);
        const parsed = parseList(new ParamBag(params.list.filter(([key]) => !isZero(key))), name, fields);
        if (!parsed.ok) return parsed;
        const zeroes = params.list.filter(([key]) => isZero(key));
        if (zeroes.length === 0) return parsed;
        const entry: ListEntry = { index: 0, fields: {} };
        for (const [key, value] of zeroes) {
          const field = key.slice(zero.length + 1);
          if (field === '') entry.value = value;
          else entry.fields[field] = value;
        }
        return { ok: true, entries: [entry, ...parsed.entries] };
      },
    },
  },
  {
    id: 'wire.unknown-parameter-rejected',
    family: 'wire-lists',
    description: 'A parameter the operation does not know is rejected instead of ignored.',
    seams: withFirstStep({
      name: 'mutant.unknown-parameter-rejected',
      run: (ctx) => {
        const unknown = [...ctx.params.names()].find((name) => !KNOWN.has(name) && !KNOWN_LISTS.test(name));
        return unknown === undefined
          ? undefined
          : new ApiError('InvalidParameter', `The specified parameter "${unknown}" is not valid.`);
      },
    }),
  },
];
