import { createClient, credentialsForAccount, deleteSnapshotGroupParams } from '../client/index.js';
import type { World } from '../spec/world.js';
import { sweep } from './sweeper.js';

/**
 * The CLI's last line of defence on real accounts: whatever the engine journaled as created and not as
 * deleted (a crash, an interrupted run, a failed clean-up) is deleted here. Returns what is still there.
 */
export async function sweepJournal(options: {
  journalFile: string;
  target: string;
  world: World;
  env: Record<string, string | undefined>;
  timeoutMs: number;
}): Promise<string[]> {
  const { world } = options;
  const client = createClient({
    target: options.target,
    credentials: (account) => credentialsForAccount(world, account, options.env),
    transport: {
      connectTimeoutMs: options.timeoutMs,
      headersTimeoutMs: options.timeoutMs,
      bodyTimeoutMs: options.timeoutMs,
    },
  });
  const defaultRegion = world.regions.find((r) => r.snapshotGroupSupported)?.id ?? world.regions[0]?.id ?? '';
  const defaultAccount = world.accounts[0]?.id ?? '';
  try {
    return await sweep(options.journalFile, (group) =>
      client.call(
        'DeleteSnapshotGroup',
        deleteSnapshotGroupParams({ RegionId: group.region ?? defaultRegion, SnapshotGroupId: group.id }),
        group.account ?? defaultAccount,
      ),
    );
  } finally {
    await client.close();
  }
}
