import type { WireParams } from '../../lib/cases.js';
import type { ParamBag } from './params.js';

/** Which signature family a request belongs to: an Authorization header makes it ACS3 (V3). */
export type SignatureFamily = 'rpc' | 'acs3';

/** A request once read and decoded. */
export interface IncomingCall {
  family: SignatureFamily;
  method: string;
  path: string;
  /** Lower-case names, as received. */
  headers: Record<string, string>;
  /** The URL's parameters, decoded. */
  query: WireParams;
  body: Uint8Array;
  /** Query and form body together. */
  params: ParamBag;
}
