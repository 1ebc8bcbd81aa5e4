import type { TransportVariant } from '../lib/cases.js';
import { ToolError } from '../lib/errors.js';
import type { Catalogue, Profile } from '../lib/spec/catalogue.js';
import type { World } from '../lib/spec/world.js';
import { ALL_TRANSPORTS } from './transports.js';
import { accountFaults } from './world/faults.js';

export interface GenerateOptions {
  catalogue: Catalogue;
  profile: Profile;
  world: World;
  seed: number;
  /**
   * Random cases per rule beyond the deterministic ones. Default 3. Rules whose cases create snapshot
   * groups (expected successes, idempotency replays) draw a third of it, rounded up, to spare the quota.
   */
  runs?: number;
  /** Transports to spread cases over. Default: every variant the real service accepts (12). */
  transports?: readonly TransportVariant[];
  /** Rule ids or families; default every rule of the catalogue. */
  only?: readonly string[];
  /** World account that signs cases not about an account fault; default the first sound one. */
  account?: string;
}

/** The options with every default resolved: the only place defaults live. */
export interface ResolvedOptions {
  seed: number;
  runs: number;
  /** Random cases per rule whose cases create snapshot groups. */
  creatingRuns: number;
  transports: readonly TransportVariant[];
  only: ReadonlySet<string> | undefined;
  account: string;
}

export const DEFAULT_RUNS = 3;
/** Successful creates consume the snapshot quota and keep disks busy: they get fewer random draws. */
export const CREATING_RUNS_DIVISOR = 3;

export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  const { seed, world, catalogue } = options;
  if (!Number.isSafeInteger(seed)) usage(`seed must be an integer, got ${String(seed)}`);
  const runs = options.runs ?? DEFAULT_RUNS;
  if (!Number.isSafeInteger(runs) || runs < 0)
    usage(`runs must be a non-negative integer, got ${String(runs)}`);
  const transports = options.transports ?? ALL_TRANSPORTS;
  if (transports.length === 0) usage('transports must name at least one variant');
  const known = new Set<string>([
    ...catalogue.rules.map((r) => r.id),
    ...catalogue.rules.map((r) => r.family),
  ]);
  for (const entry of options.only ?? []) {
    if (!known.has(entry)) usage(`only: '${entry}' is neither a rule id nor a family of the catalogue`);
  }
  if (world.accounts.length === 0) throw new ToolError('E_CONFIG', `world '${world.name}' has no account`);
  const account = options.account ?? defaultAccount(world);
  if (!world.accounts.some((a) => a.id === account)) {
    usage(`account: '${account}' is not an account of world '${world.name}'`);
  }
  return {
    seed,
    runs,
    creatingRuns: Math.ceil(runs / CREATING_RUNS_DIVISOR),
    transports,
    only: options.only === undefined ? undefined : new Set(options.only),
    account,
  };
}

/** The first account with no fault that owns a disk; else the first account (rules then go uncovered). */
function defaultAccount(world: World): string {
  const sound = world.accounts.filter((a) => accountFaults(a).length === 0);
  const owning = sound.find((a) => world.disks.some((d) => d.account === a.id));
  return (owning ?? sound[0] ?? (world.accounts[0] as World['accounts'][number])).id;
}

function usage(message: string): never {
  throw new ToolError('E_USAGE', `generateCases: ${message}`);
}
