/** The reference emulator's public surface: everything other parts may import is named here. */
export type { CreateContext, CreateStep, StepOutcome } from './actions/create/context.js';
export { CREATE_STEPS } from './actions/create/steps.js';
export { selectDisks } from './actions/create/steps-resources.js';
export { deleteSnapshotGroup } from './actions/delete.js';
export { describeSnapshotGroups, encodeNextToken } from './actions/describe.js';
export { groupView } from './actions/group-view.js';
export { type ListEntry, type ListParse, parseList } from './actions/lists.js';
export type { ActionCall, ActionEnv, ActionHandler, ActionResult } from './actions/result.js';
export { type CliEmulatorOptions, runEmulatorFromCli } from './cli.js';
export { API_VERSION } from './dispatch.js';
export { ParamBag } from './http/params.js';
export { type EmulatorOptions, PAGE_LIMITS } from './options.js';
export { ApiError, apiError, defaultStatusFor } from './protocol/errors.js';
export { NonceStore } from './protocol/nonce-store.js';
export {
  CONTENT_TYPES,
  type Format,
  type RenderedBody,
  type RenderInput,
  renderBody,
} from './protocol/render.js';
export { checkTimestamp, MAX_CLOCK_SKEW_MS, type TimestampVerdict } from './protocol/timestamp.js';
export { defaultSeams, type EmulatorSeams, resolveSeams, type SignatureCheck } from './seams.js';
export { type RunningEmulator, startEmulator } from './server.js';
export type { GroupStatus, SnapshotGroup, StoredSnapshot } from './state/group.js';
export { EmulatorState } from './state/state.js';
