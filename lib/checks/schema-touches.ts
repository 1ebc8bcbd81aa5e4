import type { WireParams } from '../cases.js';
import { requestSchema } from '../spec/openapi.js';
import { requestObjectOf } from '../spec/request-object.js';
import { edgesTouched, requestKeywords, violatedLocations } from '../spec/schema-keywords.js';
import { strictValidator } from './schema-validators.js';

/** The request schema's keywords exercised by one request (see lib/spec/schema-keywords.ts). */
export interface SchemaTouches {
  violated: string[];
  atEdge: string[];
}

/** Which keywords of the request schema a CreateSnapshotGroup request breaks, and which bounds it sits on. */
export function schemaTouches(params: WireParams): SchemaTouches {
  const validate = strictValidator('request:CreateSnapshotGroup', () => requestSchema('CreateSnapshotGroup'));
  const request = requestObjectOf(params);
  const violated = validate(request) ? [] : violatedLocations(validate.errors ?? []);
  return { violated, atEdge: edgesTouched(requestKeywords(), request, new Set(violated)) };
}
