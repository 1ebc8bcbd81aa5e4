import type {
  CaseKind,
  CaseRequest,
  ExpectedGroup,
  NearMissField,
  Tamper,
  TransportVariant,
  WireParams,
} from '../lib/cases.js';
import { type CreateSnapshotGroupInput, serialise } from '../lib/client/serialise.js';
import type { Expected } from '../lib/spec/catalogue.js';
import type { TransportWish } from './transports.js';

/** A request field a fault may touch; multi-fault composes only faults on disjoint fields. */
export type Field =
  | 'RegionId'
  | 'target'
  | 'InstantAccess'
  | 'InstantAccessRetentionDays'
  | 'Name'
  | 'Description'
  | 'Tag'
  | 'ResourceGroupId'
  | 'ClientToken'
  | 'wire'
  | 'protocol';

/** What the typed input cannot say: changes made to the serialised parameters, in order. */
export type WireEdit =
  | { op: 'remove'; name: string }
  /** Replace the value of the first parameter so named, or append it when absent. */
  | { op: 'set'; name: string; value: string }
  | { op: 'append'; name: string; value: string }
  | { op: 'rename'; from: string; to: string };

export interface RequestDraft {
  action: string;
  input: CreateSnapshotGroupInput | { RegionId: string };
  edits: WireEdit[];
  account: string;
  tamper?: Tamper;
}

/** A case before it gets its id and transport. Plain data, so that fast-check can shrink what builds it. */
export interface Draft {
  kind: CaseKind;
  request: RequestDraft;
  expected: Expected;
  disks: string[];
  expectGroup?: ExpectedGroup;
  description: string;
  prelude?: RequestDraft[];
  concurrent?: boolean;
  /** The runner walks the answer's pages by NextToken (Case.walkPages). */
  walkPages?: true;
  wish?: TransportWish;
  /** Fields the case's fault touches. */
  touched: Field[];
  /** Near misses of a forbidden word the request carries, per field. */
  nearMisses?: Partial<Record<NearMissField, number>>;
}

export function applyEdits(params: WireParams, edits: readonly WireEdit[]): WireParams {
  let out: WireParams = params.map(([name, value]) => [name, value]);
  for (const edit of edits) {
    if (edit.op === 'remove') out = out.filter(([name]) => name !== edit.name);
    else if (edit.op === 'append') out.push([edit.name, edit.value]);
    else if (edit.op === 'rename')
      out = out.map(([name, value]) => [name === edit.from ? edit.to : name, value]);
    else {
      const at = out.findIndex(([name]) => name === edit.name);
      if (at >= 0) out[at] = [edit.name, edit.value];
      else out.push([edit.name, edit.value]);
    }
  }
  return out;
}

export function toCaseRequest(draft: RequestDraft, transport: TransportVariant): CaseRequest {
  const request: CaseRequest = {
    action: draft.action,
    params: applyEdits(serialise(draft.input), draft.edits),
    transport,
    account: draft.account,
  };
  if (draft.tamper !== undefined) request.tamper = draft.tamper;
  return request;
}
