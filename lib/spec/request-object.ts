/**
 * A request's wire parameters read back as the object the OpenAPI request schema describes
 * (CreateSnapshotGroupRequest): `DiskId.N` and `Tag.N.Key`/`Tag.N.Value` as lists in index order (gaps
 * closed, as the catalogue's wire.index-gap-accepted settles), booleans and integers typed where their
 * text reads as one, anything else left as text so that a schema `type` names it.
 */
import type { WireParams } from '../cases.js';
import { operationParameters } from './openapi.js';

const LIST_ITEM = /^([A-Za-z]+)\.(\d+)(?:\.([A-Za-z]+))?$/;

let typesMemo: Map<string, string> | undefined;
/** Each parameter's schema type (`array`, `boolean`, `integer`, `string`), read once. */
const parameterTypes = (): Map<string, string> => {
  typesMemo ??= new Map(
    operationParameters('CreateSnapshotGroup').map((p) => [p.name, String(p.schema.type ?? '')]),
  );
  return typesMemo;
};

export function requestObjectOf(params: WireParams): Record<string, unknown> {
  const types = parameterTypes();
  const out: Record<string, unknown> = {};
  const lists = new Map<string, Map<number, unknown>>();
  for (const [name, value] of params) {
    const item = LIST_ITEM.exec(name);
    if (item !== null && types.get(item[1] as string) === 'array') {
      const list = lists.get(item[1] as string) ?? new Map<number, unknown>();
      lists.set(item[1] as string, list);
      const index = Number(item[2]);
      const member = item[3];
      if (member === undefined) list.set(index, value);
      else list.set(index, { ...(list.get(index) as object | undefined), [member]: value });
      continue;
    }
    out[name] = typed(types.get(name), value);
  }
  for (const [name, items] of lists)
    out[name] = [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v);
  return out;
}

function typed(type: string | undefined, value: string): unknown {
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}
