import type { WireParams } from '../lib/cases.js';
import { hexSha256, verifyAcs3Signature } from '../lib/client/sign/acs3.js';
import { verifyRpcSignature } from '../lib/client/sign/rpc.js';
import type { Disk } from '../lib/spec/world.js';
import type { CreateContext, CreateStep } from './actions/create/context.js';
import { CREATE_STEPS } from './actions/create/steps.js';
import { selectDisks } from './actions/create/steps-resources.js';
import { deleteSnapshotGroup } from './actions/delete.js';
import { describeSnapshotGroups } from './actions/describe.js';
import { groupView } from './actions/group-view.js';
import { type ListParse, parseList } from './actions/lists.js';
import type { ActionHandler } from './actions/result.js';
import type { ParamBag } from './http/params.js';
import { defaultStatusFor } from './protocol/errors.js';
import { newRequestId, newSnapshotGroupId, newSnapshotId } from './protocol/ids.js';
import type { NonceStore } from './protocol/nonce-store.js';
import { type RenderedBody, type RenderInput, renderBody } from './protocol/render.js';
import { checkTimestamp, type TimestampVerdict } from './protocol/timestamp.js';
import type { BodyValue } from './protocol/xml.js';
import type { SnapshotGroup } from './state/group.js';
import type { EmulatorState } from './state/state.js';

/** What a signature verifier is given: the decoded request, and the secret of the key it names. */
export type SignatureCheck =
  | { kind: 'rpc'; method: string; params: WireParams; secret: string }
  | {
      kind: 'acs3';
      method: string;
      path: string;
      query: WireParams;
      /** Lower-case names, as received, authorization included. */
      headers: Record<string, string>;
      body: Uint8Array;
      secret: string;
    };

/**
 * The pieces of the emulator a test may replace (issue 8 builds its mutants from these; the product code
 * has no mutant switches). Each default is the faithful reading of the page; see README "Seams".
 */
export interface EmulatorSeams {
  /** GET and POST are served; anything else answers UnsupportedHTTPMethod. */
  methodAllowed(method: string): boolean;
  statusFor(code: string): number;
  render(input: RenderInput): RenderedBody;
  newRequestId(): string;
  newSnapshotGroupId(): string;
  newSnapshotId(): string;
  verifySignature(check: SignatureCheck): boolean;
  checkTimestamp(value: string, nowMs: number): TimestampVerdict;
  /** True when the nonce is fresh (and remembers it); `key` is the AccessKeyId and the nonce. */
  checkNonce(nonces: NonceStore, key: string, nowMs: number): boolean;
  parseList(params: ParamBag, name: string, fields?: readonly string[]): ListParse;
  /** CreateSnapshotGroup's validation, in precedence order. */
  createSteps: readonly CreateStep[];
  selectDisks(ctx: CreateContext): Disk[];
  storeGroup(state: EmulatorState, group: SnapshotGroup): void;
  /** DeleteSnapshotGroup's removal, once the group is found to be the caller's. */
  removeGroup(state: EmulatorState, groupId: string): void;
  /** One group as DescribeSnapshotGroups lists it. */
  groupView(group: SnapshotGroup, nowMs: number): Record<string, BodyValue>;
  /** DescribeSnapshotGroups as a whole: its filters and its paging (a mutant wraps the faithful one). */
  describeSnapshotGroups: ActionHandler;
  /** DeleteSnapshotGroup as a whole: its refusals (a mutant wraps the faithful one). */
  deleteSnapshotGroup: ActionHandler;
}

export const defaultSeams: Readonly<EmulatorSeams> = Object.freeze({
  methodAllowed: (method: string) => method === 'GET' || method === 'POST',
  statusFor: defaultStatusFor,
  render: renderBody,
  newRequestId,
  newSnapshotGroupId,
  newSnapshotId,
  // For V3 the x-acs-content-sha256 header must also be the hash of the body actually received.
  verifySignature: (check: SignatureCheck) => {
    if (check.kind === 'rpc') return verifyRpcSignature(check);
    // Hashed once: the canonical request and the header comparison both want it.
    const bodySha256 = hexSha256(check.body);
    return (
      verifyAcs3Signature({ ...check, bodySha256 }) && check.headers['x-acs-content-sha256'] === bodySha256
    );
  },
  checkTimestamp,
  checkNonce: (nonces: NonceStore, key: string, nowMs: number) => nonces.useOnce(key, nowMs),
  parseList,
  createSteps: CREATE_STEPS,
  selectDisks,
  storeGroup: (state: EmulatorState, group: SnapshotGroup) => state.insertGroup(group),
  removeGroup: (state: EmulatorState, groupId: string) => state.removeGroup(groupId),
  groupView,
  describeSnapshotGroups,
  deleteSnapshotGroup,
});

export const resolveSeams = (overrides: Partial<EmulatorSeams> = {}): EmulatorSeams => ({
  ...defaultSeams,
  ...overrides,
});
