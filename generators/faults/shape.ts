import type { CaseKind, Tamper } from '../../lib/cases.js';
import type { GenContext } from '../context.js';
import type { Draft, Field, WireEdit } from '../draft.js';
import { unionOf } from '../expected.js';
import type { Attributes } from '../valid/attributes.js';
import { buildInput, expectGroupOf } from '../valid/compose.js';
import { CREATE } from '../valid/request.js';
import type { Target } from '../valid/target.js';

/**
 * A faulty request as plain data: which disks (maybe a faulty target), which optional parameters (maybe
 * faulty ones), what to change on the wire and in the signature. fast-check maps its draws to this, so
 * a failing case shrinks field by field.
 */
export interface FaultShape {
  rule: string;
  kind: CaseKind;
  target: Target;
  attributes: Attributes;
  edits: WireEdit[];
  tamper?: Tamper;
  touched: Field[];
  description: string;
  /** Rules the fault cannot be separated from (see the rule's note); they join the expected outcome. */
  alsoBreaks?: string[];
}

/** A change to a valid request: attribute overrides (undefined deletes) and wire edits. */
export interface FaultValue {
  attributes?: Partial<Attributes>;
  edits?: WireEdit[];
  description: string;
  /** 'boundary' for the deterministic values just past a documented limit. */
  kind?: CaseKind;
}

export function withValue(attributes: Attributes, value: FaultValue): Attributes {
  const out: Attributes = { ...attributes, ...value.attributes };
  for (const key of Object.keys(out) as Array<keyof Attributes>) if (out[key] === undefined) delete out[key];
  return out;
}

export function shapeToDraft(ctx: GenContext, shape: FaultShape): Draft {
  const rules = [shape.rule, ...(shape.alsoBreaks ?? [])].filter((id) => ctx.hasRule(id));
  const draft: Draft = {
    kind: shape.kind,
    request: {
      action: CREATE,
      input: buildInput(shape.target, shape.attributes),
      edits: shape.edits,
      account: shape.target.account,
    },
    expected: rules.length === 1 ? ctx.expected(shape.rule) : unionOf(rules.map((id) => ctx.expected(id))),
    disks: [...shape.target.disks],
    description: shape.description,
    touched: shape.touched,
  };
  if (shape.tamper !== undefined) draft.request.tamper = shape.tamper;
  // Wire variants that must be accepted (index gaps, unknown parameters) create a group like any success.
  if (draft.expected.kind === 'success') draft.expectGroup = expectGroupOf(shape.target, shape.attributes);
  return draft;
}
