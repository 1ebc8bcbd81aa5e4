/**
 * The rules catalogue (spec/CreateSnapshotGroup.rules.yaml) and expectation profiles
 * (spec/profiles/*.yaml). JSON Schemas: spec/rules.schema.json, spec/profile.schema.json.
 */
export type Family =
  | 'request-shape'
  | 'disk-state'
  | 'instance-account'
  | 'protocol'
  | 'idempotency'
  | 'state'
  | 'support'
  | 'valid';

export const FAMILIES: readonly Family[] = [
  'request-shape',
  'disk-state',
  'instance-account',
  'protocol',
  'idempotency',
  'state',
  'support',
  'valid',
];

export interface ErrorPair {
  code: string;
  status: number;
  /** 'prefix' for the page's codes with a dynamic part (`QuotaExceed.Tags%s`): match `code` as a prefix. */
  codeMatch?: 'exact' | 'prefix';
}

/** What a conformant target answers to a request that breaks (only) this rule. */
export type Expected =
  | { kind: 'success' }
  | ({ kind: 'error' } & ErrorPair)
  /** The page documents several codes for the same fault (protocol.md section 6). */
  | { kind: 'one-of'; alternatives: ErrorPair[] }
  /** The page names no code: the weakest oracle, reported as such. */
  | { kind: 'documented-4xx' }
  /**
   * A robustness probe where the page leaves the outcome open (an ambiguity it does not settle): the
   * request may be accepted or refused with a documented 4xx, but never answered with a 5xx or an
   * undocumented code.
   */
  | { kind: 'success-or-documented-4xx' }
  /**
   * A robustness probe where the page leaves open whether a value is refused, but names the codes it is
   * refused with: the request may be accepted, or refused with one of these pairs, and nothing else.
   */
  | { kind: 'success-or-one-of'; alternatives: ErrorPair[] };

export interface Source {
  document: 'api-doc' | 'protocol';
  /** The exact sentence, verbatim from the document. */
  quote: string;
}

/** A value test on one attribute of a world resource. Keys may be dotted ("quotas.snapshots"). */
export type Match =
  | string
  | number
  | boolean
  | null
  | { not: string | number | boolean | null }
  | { in: Array<string | number | boolean | null> }
  | { gte: number }
  | { lte: number };

/** What the world must hold for the rule to be exercised. */
export interface Precondition {
  description: string;
  account?: Record<string, Match>;
  region?: Record<string, Match>;
  instance?: Record<string, Match>;
  disk?: Record<string, Match>;
}

export interface Rule {
  /** Stable id, kebab-case, prefixed by area, e.g. "name.max-length". */
  id: string;
  family: Family;
  title: string;
  source: Source;
  level: 'must' | 'should';
  precondition: Precondition;
  expected: Expected;
  /** How an ambiguity was settled, or anything a reader of a failure should know. */
  note?: string;
  /**
   * JSON pointers into the OpenAPI request schema (`/properties/Name/maxLength`) of the keywords this rule
   * constrains, as ajv names them; absent where the schema cannot express the rule.
   */
  schema?: string[];
}

/** One row of the page's error table (54 rows, duplicates kept). */
export interface ErrorRow {
  /** 1-based position in the page's table. */
  row: number;
  status: number;
  code: string;
  message: string;
  description: string;
  /** Rules that exercise this row; empty when notReachable is given. */
  rules: string[];
  /** Why no request from outside can trigger it. */
  notReachable?: string;
}

export interface Ambiguity {
  id: string;
  topic: string;
  settlement: string;
}

export interface Catalogue {
  operation: 'CreateSnapshotGroup';
  apiVersion: '2014-05-26';
  rules: Rule[];
  errorRows: ErrorRow[];
  ambiguities: Ambiguity[];
}

/** Limits that differ between the published page and newer SDK models. */
export interface Limits {
  maxDisks: number;
  maxDiskIndex: number;
  maxTotalSizeGiB: number;
  maxTags: number;
}

/** Limits of one text parameter, read from the OpenAPI request schema (lib/spec/request-limits.ts). */
export interface TextLimits {
  /** JSON pointer of the value's schema in the request schema (`/properties/Name`). */
  schema: string;
  minLength: number;
  maxLength: number;
  /** From `pattern`, when it has one. */
  charset?: { first: string; rest: string };
  /** From anchored `not` patterns: the value may not start with these. */
  forbiddenPrefixes: string[];
  /** From unanchored `not` patterns: the value may not contain these. */
  forbiddenInfixes: string[];
}

export interface RequestTextLimits {
  name: TextLimits;
  description: TextLimits;
  tagKey: TextLimits;
  tagValue: TextLimits;
  clientToken: TextLimits;
  retentionDays: { schema: string; minimum: number; maximum: number };
}

/** A profile as its file holds it: limits overlay the OpenAPI description's (spec/…openapi.yaml). */
export interface ProfileFile {
  name: string;
  description: string;
  limits?: Partial<Limits>;
  overrides?: Record<string, { expected?: Expected; note?: string }>;
}

/** A profile as loaded: the spec's limits with the file's overlay, and the request's text limits. */
export interface Profile {
  name: string;
  description: string;
  limits: Limits;
  /** Lengths, characters, forbidden prefixes, ranges of the request's values, from the OpenAPI description. */
  request: RequestTextLimits;
  /** Per-rule overrides of the catalogue's expected outcome. */
  overrides?: Record<string, { expected?: Expected; note?: string }>;
}
