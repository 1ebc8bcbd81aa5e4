import type { Expected } from './spec/catalogue.js';

/** How a request travels. The real service accepts every combination. */
export interface TransportVariant {
  signature: 'v2' | 'v3';
  method: 'POST' | 'GET';
  /** Where a POST carries business parameters: a form body or the query string. */
  body: 'form' | 'query';
  format: 'JSON' | 'XML';
}

/** Wire parameters in order; duplicates and odd names allowed (raw map for wire-level cases). */
export type WireParams = Array<[name: string, value: string]>;

/**
 * Near misses of the documented Timestamp format `yyyy-MM-ddTHH:mm:ssZ`: `millis` adds milliseconds
 * (`...:ss.sssZ`), `space` puts a space for the `T`, `offset` writes `+00:00` for the `Z`, `lower-z` a
 * lower-case `z`, `no-zone` leaves the zone out.
 */
export type TimestampNearMiss = 'millis' | 'space' | 'offset' | 'lower-z' | 'no-zone';

/** Protocol-level damage applied while or after signing. */
export type Tamper =
  | { kind: 'signature-char' }
  | { kind: 'wrong-secret' }
  | { kind: 'unknown-access-key' }
  | { kind: 'timestamp'; value: string }
  /** The current time, rendered at send time in a near miss of the documented format: only the format is wrong. */
  | { kind: 'timestamp-format'; format: TimestampNearMiss }
  /** Sign with this nonce (a prelude request used it first: the nonce-reuse fault). */
  | { kind: 'nonce'; value: string }
  | { kind: 'signature-method'; value: string }
  | {
      kind: 'omit';
      name: 'Action' | 'Version' | 'Signature' | 'SignatureNonce' | 'Timestamp' | 'AccessKeyId';
    }
  | { kind: 'version'; value: string }
  | { kind: 'action'; value: string }
  | { kind: 'method'; method: string }
  | { kind: 'add-after-signing'; name: string; value: string };

export interface CaseRequest {
  action: string;
  /** Business parameters only; the client adds Action, Version and the signature's own. */
  params: WireParams;
  transport: TransportVariant;
  /** World account id whose keys sign it. */
  account: string;
  tamper?: Tamper;
}

/** What a successful create must leave behind, checked through DescribeSnapshotGroups. */
export interface ExpectedGroup {
  regionId: string;
  instanceId?: string;
  disks: string[];
  name?: string;
  description?: string;
  tags: Array<{ key: string; value: string }>;
  resourceGroupId?: string;
  instantAccess: boolean;
  instantAccessRetentionDays?: number;
}

/** A request field that near misses of a forbidden word are sent in (issue 16: over-strict targets). */
export type NearMissField = 'Name' | 'Description' | 'Tag.N.Key' | 'Tag.N.Value';

export type CaseKind = 'valid' | 'invalid' | 'boundary' | 'wire' | 'protocol' | 'multi-fault' | 'idempotency';

export interface Case {
  /** Stable for a seed: `${rule}/${kind}/${index}`. */
  id: string;
  rule: string;
  kind: CaseKind;
  request: CaseRequest;
  expected: Expected;
  /** Disks whose snapshots a success would create: the runner serialises cases sharing one. */
  disks: string[];
  /** Set when the case may succeed: what DescribeSnapshotGroups must then show. */
  expectGroup?: ExpectedGroup;
  /** Short human description of what is wrong (or right) with the request. */
  description: string;
  /**
   * Requests sent before `request` (idempotency replays, nonce reuse): sequentially and each expected to
   * succeed, or all at once with `request` when `concurrent` is set (IdempotentProcessing).
   */
  prelude?: CaseRequest[];
  concurrent?: boolean;
  /** How many near misses of a forbidden word the request carries, per field (counted in the reports). */
  nearMisses?: Partial<Record<NearMissField, number>>;
  /**
   * Set on a DescribeSnapshotGroups case: the runner follows each answer's NextToken, sending the request
   * again with it, until none comes back (support.describe-next-token).
   */
  walkPages?: true;
}

/**
 * A parameter value that stands for the SnapshotGroupId the prelude's `index`-th request answered: a
 * support case names the groups its prelude made (Describe by SnapshotGroupId.N, Delete of a deleted
 * group). The runner puts the id in before sending; unresolved (that create failed), it goes as written.
 */
export const preludeGroupId = (index: number): string => `{{prelude.${index}.SnapshotGroupId}}`;

/** The index a `preludeGroupId` value names, or undefined for any other value. */
export function preludeGroupIndex(value: string): number | undefined {
  const match = /^\{\{prelude\.(\d+)\.SnapshotGroupId\}\}$/.exec(value);
  return match === null ? undefined : Number(match[1]);
}

/**
 * Requests a concurrent case sends at once with one ClientToken (IdempotentProcessing): several, so
 * that at least one lands while the first is being processed even when they reach the target a little
 * apart. The runner opens as many connections per case in flight.
 */
export const SIMULTANEOUS_DUPLICATES = 4;
