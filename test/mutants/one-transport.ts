import { defaultSeams, type RenderInput, renderBody, type SignatureCheck } from '../../emulator/index.js';
import type { Mutant } from './types.js';

/** The faithful rendering, with `change` applied to one format's error answers only. */
const errorsIn =
  (
    format: RenderInput['format'],
    change: (error: { code: string; message: string }) => { code: string; message: string },
  ) =>
  (input: RenderInput) =>
    input.kind === 'error' && input.format === format
      ? renderBody({ ...input, error: { ...input.error, ...change(input.error) } })
      : renderBody(input);

/** A signature check skipped for one transport only: every other request is verified as the page says. */
const unverifiedWhen = (skip: (check: SignatureCheck) => boolean) => (check: SignatureCheck) =>
  skip(check) || defaultSeams.verifySignature(check);

/**
 * Deviations confined to one transport (issue 16): only XML errors, only RPC GET, only ACS3 with a form
 * body. Caught only because every negative travels every signature, method and format.
 */
export const ONE_TRANSPORT_MUTANTS: Mutant[] = [
  {
    id: 'transport.xml-errors-lower-case-code',
    family: 'one-transport',
    description: 'XML error answers spell the Code in lower case (JSON ones are right).',
    seams: { render: errorsIn('XML', (e) => ({ ...e, code: e.code.toLowerCase() })) },
  },
  {
    id: 'transport.json-errors-generic-code',
    family: 'one-transport',
    description: 'JSON error answers all say InvalidParameter (XML ones name the documented code).',
    seams: { render: errorsIn('JSON', (e) => ({ ...e, code: 'InvalidParameter' })) },
  },
  {
    id: 'transport.rpc-get-signature-unchecked',
    family: 'one-transport',
    description: 'RPC signatures of GET requests are not verified (POST ones are).',
    seams: { verifySignature: unverifiedWhen((c) => c.kind === 'rpc' && c.method === 'GET') },
  },
  {
    id: 'transport.acs3-form-signature-unchecked',
    family: 'one-transport',
    description: 'ACS3 signatures of POST requests with a form body are not verified.',
    seams: {
      verifySignature: unverifiedWhen((c) => c.kind === 'acs3' && c.method === 'POST' && c.body.length > 0),
    },
  },
  {
    id: 'transport.rpc-post-signature-unchecked',
    family: 'one-transport',
    description: 'RPC signatures of POST requests are not verified (GET ones are).',
    seams: { verifySignature: unverifiedWhen((c) => c.kind === 'rpc' && c.method === 'POST') },
  },
];
