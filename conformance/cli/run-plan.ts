/**
 * Checks `run`'s options before anything starts: invariant selection, the certified profile's
 * requirements and the numbers a run uses. Usage problems come back as messages (exit code 2).
 */
import { InvariantSelection } from '../invariants/selection.js';
import { PROFILES, type ProfileName } from './profiles.js';
import { parseShard, shardRunCount, type Shard } from './shard.js';

/** The parsed options of `run`. */
export interface RunArgs {
  baseUrl?: string;
  token?: string;
  otherTenantToken?: string;
  viewerToken?: string;
  seed?: number;
  runs?: number;
  maxCommands?: number;
  concurrency?: number;
  path?: string;
  profile: ProfileName;
  only: string[];
  skip: string[];
  reportDir?: string;
  serverName?: string;
  serverVersion?: string;
  /** `i/n`: make only this shard of the runs (merge the shards with `merge-reports`). */
  shard?: string;
  /** Exit 3 when the run is incomplete, whatever the profile (`certified` always does). */
  requireComplete?: boolean;
}

/** A checked plan. */
export interface RunPlan {
  readonly selection: InvariantSelection;
  readonly certified: boolean;
  readonly seed: number;
  readonly runs: number;
  readonly maxCommands: number;
  readonly timeLimitMs: number;
  readonly concurrency: number;
  /** The shard to make, or null for every run. */
  readonly shard: Shard | null;
  /** The runs this process plans to make: `runs`, or the shard's share of them. */
  readonly plannedRuns: number;
}

/** The plan, or a usage message. */
export function planRun(args: RunArgs): RunPlan | { usage: string } {
  let selection: InvariantSelection;
  try {
    selection = new InvariantSelection(args.only, args.skip);
  } catch (error) {
    return { usage: (error as Error).message };
  }
  const certified = args.profile === 'certified';
  if (certified) {
    if (args.only.length > 0 || args.skip.length > 0) return { usage: 'the certified profile allows no --only or --skip' };
    if (args.reportDir === undefined) return { usage: 'the certified profile needs --report-dir (it writes the certification bundle there)' };
    if (args.baseUrl !== undefined && (args.viewerToken === undefined || args.otherTenantToken === undefined)) {
      return { usage: 'the certified profile needs --viewer-token and --other-tenant-token (no invariant may go unchecked)' };
    }
  }
  if (args.baseUrl !== undefined && args.token === undefined) return { usage: '--token is required with --base-url' };
  const profile = PROFILES[args.profile];
  const runs = args.runs ?? profile.runs;
  const shard = args.shard === undefined ? null : parseShard(args.shard);
  if (shard !== null && 'usage' in shard) return shard;
  if (shard !== null && args.seed === undefined) return { usage: '--shard needs --seed: every shard of a run must use the same seed' };
  if (shard !== null && args.path !== undefined) return { usage: '--path replays one run of the whole sequence: leave out --shard' };
  if (shard !== null && shard.count > runs) return { usage: `--shard ${args.shard}: more shards than the ${runs} runs` };
  return {
    selection,
    certified,
    shard,
    plannedRuns: shard === null ? runs : shardRunCount(runs, shard),
    seed: args.seed ?? Math.floor(Math.random() * 2 ** 31),
    runs,
    maxCommands: args.maxCommands ?? profile.maxCommands,
    timeLimitMs: profile.timeLimitMs,
    concurrency: args.concurrency ?? profile.concurrency,
  };
}
