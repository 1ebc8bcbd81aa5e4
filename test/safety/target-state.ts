import type { RunningEmulator } from '../../emulator/index.js';
import { createClient, credentialsForAccount, errorCodeOf } from '../../lib/client/index.js';
import type { World } from '../../lib/spec/world.js';
import type { ProxiedAnswer } from '../hostile/proxy.js';

/**
 * The groups the target says exist, asked the way a user would (DescribeSnapshotGroups, every account,
 * every region that has snapshot groups), not read from the emulator's memory.
 */
export async function describedGroups(emulator: RunningEmulator, world: World): Promise<string[]> {
  const client = createClient({
    target: emulator.url,
    credentials: (account) => credentialsForAccount(world, account, {}),
  });
  const found: string[] = [];
  try {
    for (const account of world.accounts) {
      for (const region of world.regions.filter((r) => r.snapshotGroupSupported)) {
        const exchange = await client.call(
          'DescribeSnapshotGroups',
          [
            ['RegionId', region.id],
            ['MaxResults', '100'],
          ],
          account.id,
        );
        const parsed = exchange.response?.parsed;
        if (exchange.response?.status !== 200 || parsed?.format !== 'json') {
          const code = parsed === undefined ? exchange.failure?.code : errorCodeOf(parsed);
          throw new Error(`DescribeSnapshotGroups ${account.id}/${region.id} failed: ${String(code)}`);
        }
        const groups = (parsed.value.SnapshotGroups as { SnapshotGroup?: Array<{ SnapshotGroupId: string }> })
          ?.SnapshotGroup;
        for (const group of groups ?? []) found.push(group.SnapshotGroupId);
      }
    }
  } finally {
    await client.close();
  }
  return found;
}

/** Counts, at a proxy, the creates the target answered with a new group. */
export class CreateCounter {
  readonly groups = new Set<string>();
  successes = 0;

  readonly onAnswer = (answer: ProxiedAnswer): void => {
    if (answer.request.action !== 'CreateSnapshotGroup' || answer.status !== 200) return;
    this.successes += 1;
    const id = /"SnapshotGroupId"\s*:\s*"([^"]+)"|<SnapshotGroupId>([^<]+)</.exec(answer.body);
    const groupId = id?.[1] ?? id?.[2];
    if (groupId !== undefined) this.groups.add(groupId);
  };
}
