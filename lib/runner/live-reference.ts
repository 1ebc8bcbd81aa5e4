import type { Case } from '../cases.js';
import type { Client, Credentials } from '../client/index.js';
import { type SideOutcome, sendAndClean } from './case-runner.js';
import { asCaseStream } from './generate.js';
import { sweepGroups } from './groups.js';
import { type ResolvedRunOptions, resolveRunOptions } from './options.js';
import type { ReferenceSender } from './reference.js';
import { Session } from './session.js';

/** A live reference endpoint: where, whose keys sign there, and its own journal. */
export interface LiveReferenceOptions {
  target: string;
  /** Keys of a world account on the reference; default the world's own (credentialsForAccount). */
  credentials?: (accountId: string) => Credentials;
  /** Its own journal of created groups (a sweeper deletes them there, with these keys). */
  journalFile?: string;
  /** Sends the requests (a seam for tests); default a client made for the target. */
  client?: Client;
}

/**
 * A second session, for the reference endpoint: its own client (and keys), rate cap, circuit breaker,
 * journal and clean-up, and no create budget of its own (the candidate's admits the cases). It runs the
 * candidate's share of each case (sendAndClean) on its side: the same requests in the same order.
 */
export function liveReference(
  candidate: ResolvedRunOptions,
  reference: LiveReferenceOptions,
): ReferenceSender {
  // Not shared: progress and the create budget are the candidate's; keys, journal and client are each side's.
  const {
    onEvent: _progress,
    maxCreates: _budget,
    credentials: _keys,
    journalFile: _journal,
    client: _client,
    reference: _reference,
    record: _record,
    ...shared
  } = candidate;
  const options = resolveRunOptions({
    ...shared,
    target: reference.target,
    ...(reference.credentials !== undefined && { credentials: reference.credentials }),
    ...(reference.journalFile !== undefined && { journalFile: reference.journalFile }),
    ...(reference.client !== undefined && { client: reference.client }),
  });
  const session = new Session(options, [], asCaseStream({ cases: [], notCovered: [] }), new Map(), 0);
  return {
    label: options.targetUrl.href.replace(/\/$/, ''),
    replayTarget: reference.target,
    stopped: () => session.abortError,
    answer: (c: Case): Promise<SideOutcome | undefined> => sendAndClean(session, c),
    close: async () => {
      try {
        return await sweepGroups(session);
      } finally {
        session.detach();
        await session.client.close();
      }
    },
  };
}
