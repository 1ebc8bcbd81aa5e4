import type { Catalogue, Match, Profile } from './catalogue.js';
import { known, type Problem } from './load-problems.js';
import { requestSchema } from './openapi.js';
import { DERIVED_ATTRIBUTES } from './select.js';

type Resource = 'account' | 'region' | 'instance' | 'disk';
const RESOURCES: readonly Resource[] = ['account', 'region', 'instance', 'disk'];
const DEF_OF: Record<Resource, string> = {
  account: 'account',
  region: 'region',
  instance: 'instance',
  disk: 'disk',
};

interface JsonSchema {
  properties?: Record<string, JsonSchema>;
  enum?: unknown[];
  $defs?: Record<string, JsonSchema>;
}

/** Attribute names a selector may use on each resource, with the enum of each when it has one. */
export function selectorAttributes(
  worldSchema: JsonSchema,
): Record<Resource, Map<string, unknown[] | undefined>> {
  const flatten = (schema: JsonSchema, prefix: string, into: Map<string, unknown[] | undefined>): void => {
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (sub.properties !== undefined) flatten(sub, `${prefix}${name}.`, into);
      else into.set(`${prefix}${name}`, sub.enum);
    }
  };
  const out = {} as Record<Resource, Map<string, unknown[] | undefined>>;
  for (const resource of RESOURCES) {
    const attributes = new Map<string, unknown[] | undefined>();
    flatten(worldSchema.$defs?.[DEF_OF[resource]] ?? {}, '', attributes);
    for (const derived of DERIVED_ATTRIBUTES[resource]) attributes.set(derived, undefined);
    out[resource] = attributes;
  }
  return out;
}

/** Cross-references and invariants of a catalogue that its JSON Schema cannot express. */
export function catalogueProblems(catalogue: Catalogue, worldSchema: object): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  const attributes = selectorAttributes(worldSchema as JsonSchema);
  const ruleIds = new Map<string, number>();
  const ambiguityIds = new Set(catalogue.ambiguities.map((a) => a.id));
  catalogue.rules.forEach((rule, r) => {
    const first = ruleIds.get(rule.id);
    if (first !== undefined)
      add(`/rules/${r}/id`, `duplicate rule id '${rule.id}' (first at /rules/${first})`);
    else ruleIds.set(rule.id, r);
    rule.schema?.forEach((pointer, k) => {
      if (!resolves(requestSchema('CreateSnapshotGroup'), pointer))
        add(`/rules/${r}/schema/${k}`, `'${pointer}' is not a location of the OpenAPI request schema`);
    });
    for (const resource of RESOURCES) {
      for (const [key, match] of Object.entries(rule.precondition[resource] ?? {})) {
        const path = `/rules/${r}/precondition/${resource}/${key}`;
        const allowed = attributes[resource];
        if (!allowed.has(key)) {
          add(
            path,
            `'${key}' is not an attribute of a world ${resource} (allowed: ${known([...allowed.keys()], 30)})`,
          );
          continue;
        }
        const values = allowed.get(key);
        const bad =
          values === undefined ? [] : literals(match).filter((v) => v !== null && !values.includes(v));
        if (bad.length > 0)
          add(
            path,
            `${bad.map((v) => JSON.stringify(v)).join(', ')} is not one of: ${known(values?.map(String) ?? [], 20)}`,
          );
      }
    }
    for (const [, id] of (rule.note ?? '').matchAll(/\(ambiguity ([a-z0-9-]+)\)/g)) {
      if (id !== undefined && !ambiguityIds.has(id))
        add(
          `/rules/${r}/note`,
          `refers to ambiguity '${id}', which /ambiguities does not have (known: ${known([...ambiguityIds], 30)})`,
        );
    }
  });
  const seenAmbiguities = new Set<string>();
  catalogue.ambiguities.forEach((ambiguity, a) => {
    if (seenAmbiguities.has(ambiguity.id))
      add(`/ambiguities/${a}/id`, `duplicate ambiguity id '${ambiguity.id}'`);
    seenAmbiguities.add(ambiguity.id);
  });
  catalogue.errorRows.forEach((row, i) => {
    if (row.row !== i + 1)
      add(`/errorRows/${i}/row`, `is ${row.row} but the row stands at position ${i + 1} (page order)`);
    row.rules.forEach((id, k) => {
      if (!ruleIds.has(id)) add(`/errorRows/${i}/rules/${k}`, `rule '${id}' is not in /rules`);
    });
  });
  return problems;
}

const literals = (match: Match): unknown[] =>
  match === null || typeof match !== 'object'
    ? [match]
    : 'not' in match
      ? [match.not]
      : 'in' in match
        ? match.in
        : [];

/** A profile's own invariants, and its overrides against the catalogue when one is given. */
export function profileProblems(profile: Profile, catalogue?: Catalogue): Problem[] {
  const problems: Problem[] = [];
  if (profile.limits.maxDiskIndex < profile.limits.maxDisks) {
    problems.push({
      path: '/limits/maxDiskIndex',
      message: `is ${profile.limits.maxDiskIndex}, below maxDisks (${profile.limits.maxDisks}): that many disks could not be named`,
    });
  }
  if (catalogue === undefined) return problems;
  const ids = catalogue.rules.map((rule) => rule.id);
  for (const id of Object.keys(profile.overrides ?? {})) {
    if (!ids.includes(id)) {
      const near = ids.filter((other) => other.split('.')[0] === id.split('.')[0]);
      problems.push({
        path: `/overrides/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`,
        message: `names rule '${id}', which the catalogue does not have${near.length > 0 ? ` (rules of that area: ${known(near)})` : ''}`,
      });
    }
  }
  return problems;
}

/** Whether a JSON pointer names a node of `schema`. */
function resolves(schema: unknown, pointer: string): boolean {
  let node: unknown = schema;
  for (const segment of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}
