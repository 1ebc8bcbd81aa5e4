import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseRequest } from '../cases.js';
import { groupIdOf, paramOf, succeeded } from '../checks/index.js';
import { type Client, type Exchange, type ReplayArgs, replayCommand } from '../client/index.js';
import { shownLines } from '../shown-text.js';
import { type Io, println } from './io.js';

/** A new group is `progressing` for a while and cannot be deleted yet: ask again for this long. */
const DELETE_PATIENCE_MS = 15_000;
const DELETE_INTERVAL_MS = 500;
/** A SnapshotGroupId is short; a longer one is a hostile answer and is cut before it is shown or sent. */
const MAX_GROUP_ID_LENGTH = 128;

/** The request that deletes `groupId`, sent the way the create travelled (untampered). */
function deleteRequest(create: CaseRequest, groupId: string): CaseRequest {
  const regionId = paramOf(create, 'RegionId') ?? '';
  return {
    action: 'DeleteSnapshotGroup',
    params: [
      ['RegionId', regionId],
      ['SnapshotGroupId', groupId],
    ],
    account: create.account,
    transport: create.transport,
  };
}

/**
 * After a replayed CreateSnapshotGroup that made a group: deletes it (retrying while it is still being
 * created), or with `--keep` leaves it. Either way the user is told the group id and, when it stays, the
 * command that deletes it. Returns the replay's exit code: 3 when a group was left behind unasked.
 */
export async function deleteReplayedGroup(options: {
  client: Client;
  target: string;
  parsed: ReplayArgs;
  exchange: Exchange;
  io: Io;
}): Promise<number> {
  const { client, parsed, io } = options;
  const created = parsed.request.action === 'CreateSnapshotGroup' ? groupIdOf(options.exchange) : undefined;
  if (created === undefined) return 0;
  const groupId = created.slice(0, MAX_GROUP_ID_LENGTH);
  const request = deleteRequest(parsed.request, groupId);
  const deleteLine = replayCommand(options.target, request, {
    ...(parsed.world !== undefined && { world: parsed.world }),
  });
  const say = (text: string) => println(io.stdout, shownLines(text));
  if (parsed.keep) {
    say(`created snapshot group ${groupId}; kept (--keep). Delete it with:`);
    say(`  ${deleteLine}`);
    return 0;
  }
  const deadline = performance.now() + DELETE_PATIENCE_MS;
  for (;;) {
    const answer = await client.send(request);
    if (succeeded(answer)) {
      say(`created snapshot group ${groupId}; deleted it again (--keep keeps it)`);
      return 0;
    }
    // No answer (the target is gone) or out of patience: say what is left and how to remove it.
    if (answer.response === undefined || performance.now() + DELETE_INTERVAL_MS > deadline) break;
    await sleep(DELETE_INTERVAL_MS);
  }
  println(io.stderr, shownLines(`error: created snapshot group ${groupId} and could not delete it.`));
  println(io.stderr, shownLines(`left behind: ${groupId}; delete it with:`));
  println(io.stderr, shownLines(`  ${deleteLine}`));
  return 3;
}
