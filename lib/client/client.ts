import { randomUUID } from 'node:crypto';
import type { CaseRequest, TransportVariant, WireParams } from '../cases.js';
import type { Credentials } from './credentials.js';
import type { Exchange } from './exchange.js';
import { type ClientOptions, SDK_DEFAULT_TRANSPORT, validateClientOptions } from './options.js';
import { registerSecret } from './redact.js';
import { Transport } from './transport.js';
import { buildHttpRequest } from './wire.js';

export interface Client {
  /** Signs (fresh nonce and timestamp on every attempt) and sends a case's request. */
  send(req: CaseRequest): Promise<Exchange>;
  /** A support operation (DescribeSnapshotGroups, DeleteSnapshotGroup), untampered. */
  call(action: string, params: WireParams, account: string, transport?: TransportVariant): Promise<Exchange>;
  close(): Promise<void>;
  readonly target: URL;
}

/** 32 hex characters (122 random bits): randomUUID draws from a buffered pool, unlike randomBytes. */
export const randomNonce = (): string => randomUUID().replace(/-/g, '');

export function createClient(options: ClientOptions): Client {
  const target = validateClientOptions(options);
  const transport = new Transport(options.transport);
  const now = options.now ?? (() => new Date());
  const nonce = options.nonce ?? randomNonce;
  const apiVersion = options.apiVersion ?? '2014-05-26';
  const supportTransport = options.supportTransport ?? SDK_DEFAULT_TRANSPORT;
  const beforeAttempt = options.beforeAttempt;

  // Asked once per account: the keys do not change while a client lives (and the environment is slow to read).
  const known = new Map<string, Credentials>();
  const credentialsFor = (account: string): Credentials => {
    let credentials = known.get(account);
    if (credentials === undefined) {
      credentials = options.credentials(account);
      registerSecret(credentials.accessKeySecret);
      registerSecret(credentials.securityToken);
      known.set(account, credentials);
    }
    return credentials;
  };

  const send = (req: CaseRequest): Promise<Exchange> => {
    const credentials = credentialsFor(req.account);
    return transport.send(
      () =>
        buildHttpRequest(req, {
          target,
          credentials,
          now: now(),
          nonce: nonce(req),
          apiVersion,
          ...(options.userAgent !== undefined && { userAgent: options.userAgent }),
        }),
      {
        repeatable: isRepeatable(req),
        ...(beforeAttempt !== undefined && {
          beforeAttempt: (attempt: number) => beforeAttempt(req, attempt),
        }),
      },
    );
  };

  return {
    target,
    send,
    call: (action, params, account, variant = supportTransport) =>
      send({ action, params, account, transport: variant }),
    close: () => transport.close(),
  };
}

/**
 * Whether sending the request twice does no harm. A create without a ClientToken that may have reached
 * the target is never re-sent: on a real account a second group would cost money and escape clean-up.
 * Nor is a request signed with a fixed nonce (the nonce-reuse fault's): if its first attempt got
 * through, the retry is refused as SignatureNonceUsed for its own sake, and the case judged on that.
 */
export function isRepeatable(req: CaseRequest): boolean {
  if (req.tamper?.kind === 'nonce') return false;
  if (req.action.startsWith('Describe')) return true;
  return req.params.some(([name, value]) => name === 'ClientToken' && value !== '');
}
