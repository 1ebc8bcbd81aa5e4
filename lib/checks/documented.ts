/** What the page (and the ECS common error list) documents, as the checks ask it. */
import { documentedStatusesForCode, isDocumentedStatusForCode } from '../spec/openapi.js';

/** Statuses documented for a code, page or common list (empty when the code is not documented). */
export const documentedStatusesFor = (code: string): readonly number[] => documentedStatusesForCode(code);

export const isDocumentedCode = (code: string): boolean => documentedStatusesForCode(code).length > 0;

export const isDocumented4xxCode = (code: string): boolean =>
  documentedStatusesForCode(code).some((status) => status >= 400 && status < 500);

export {
  errorBodySchema,
  OPERATION_NAMES,
  type OperationName,
  successBodySchema,
  successXmlRootName,
} from '../spec/openapi.js';
export { isDocumentedStatusForCode };
