/**
 * Miner incentive (devnet/README.md, Miners; subtensor run_coinbase.rs
 * `distribute_dividends_and_incentives` and dispatches.rs `set_coldkey_auto_stake_hotkey` at `14bc6f9f`).
 * A miner hotkey is owned by a tracked user coldkey. At each paid epoch of its subnet (runtimes ≥ 315) its
 * incentive is staked to `AutoStakeDestination(owner, netuid)` when set (with `AutoStakeAdded`), else to
 * the miner hotkey itself (silently), under the owner's coldkey: new shares at the pool's value, and the
 * hotkey joins the owner's StakingHotkeys (stake_utils.rs increase_stake_for_hotkey_and_coldkey_on_subnet).
 */
import type { Acc } from './accounts.js';
import { deriveAccount } from './accounts.js';
import type { Chain } from './chain.js';
import type { ScenarioConfig } from './scenario.js';
import type { World } from './world.js';

/** First runtime with AutoStakeAdded (the incentive itself is older; the devnet pays it from here). */
export const AUTO_STAKE_SPEC = 315;
/** First runtime the devnet runs whose AutoStakeDestination is keyed (coldkey, netuid): 315 keys it by coldkey only. */
export const AUTO_STAKE_NETUID_SPEC = 393;

export interface Miner {
  hotkey: Acc;
  owner: Acc;
  netuid: number;
  /** incentive per paid epoch before the per-epoch variation */
  alpha: bigint;
}

/** One incentive credit (the truth's `minerIncentives` line before ss58). */
export interface IncentiveCredit {
  block: number;
  coldkey: Acc;
  /** where the α landed: the destination, or the miner hotkey */
  hotkey: Acc;
  miner: Acc;
  netuid: number;
  alpha: bigint;
  /** AutoStakeAdded was emitted (a destination was set) */
  event: boolean;
}

type MinersCfg = NonNullable<ScenarioConfig['miners']>;

export class Miners {
  readonly all: Miner[] = [];
  /** scripted set_coldkey_auto_stake_hotkey and add_stake calls, by block */
  private readonly calls = new Map<number, (() => void)[]>();

  constructor(private readonly w: World) {}

  private get c(): Chain {
    return this.w.chain;
  }

  /**
   * Genesis: registers each miner hotkey to its user (Owner, StakingHotkeys: create_account_if_non_existent)
   * and schedules its owner's destination call and, for a `held` destination, the owner's earlier stake on it.
   */
  genesis(cfg: MinersCfg): void {
    this.c.hasMiners = true;
    cfg.list.forEach((m, i) => {
      const user = this.w.users[m.user];
      if (!user) throw new Error(`miners: no user ${m.user}`);
      const hotkey = deriveAccount(`${this.w.seed}:miner:${i}`);
      this.c.registerHotkey(hotkey, user.coldkey);
      this.c.addStakingHotkey(user.coldkey, hotkey);
      this.all.push({ hotkey, owner: user.coldkey, netuid: m.netuid, alpha: m.alphaPerEpoch });
      const d = m.destination;
      if (!d) return;
      const validators = (this.w.pairsByNet.get(m.netuid) ?? []).map((p) => p.hotkey);
      const mine = new Set(user.targets.filter((t) => t.netuid === m.netuid).map((t) => t.hotkey));
      // a validator hotkey the owner does not own, and (for `fresh`) holds nothing on
      let dest = d.kind === 'fresh' ? validators.find((h) => !mine.has(h)) : validators[0];
      // Every validator there is one of the owner's targets (some seeds pick them all): the owner gives
      // up staking to one of them, which makes it fresh, while other targets remain.
      if (d.kind === 'fresh' && !dest && user.targets.length > 1) dest = freeTarget(user.targets, m.netuid);
      if (!dest) throw new Error(`miners: no ${d.kind} destination on subnet ${m.netuid}`);
      if (d.kind === 'held') {
        if (d.stakeAt === undefined || d.stakeAt >= d.at) throw new Error('miners: a held destination is staked first');
        if (!mine.has(dest)) user.targets.push({ hotkey: dest, netuid: m.netuid });
        this.at(d.stakeAt, () => {
          this.c.submitExtrinsic({
            kind: 'add_stake',
            coldkey: user.coldkey,
            hotkey: dest,
            netuid: m.netuid,
            tao: d.stakeTao ?? 10_000_000_000n,
          });
        });
      }
      this.at(d.at, () => {
        this.c.submitExtrinsic({
          kind: 'set_coldkey_auto_stake_hotkey',
          coldkey: user.coldkey,
          netuid: m.netuid,
          hotkey: dest,
        });
      });
    });
  }

  private at(b: number, fn: () => void): void {
    const list = this.calls.get(b) ?? [];
    list.push(fn);
    this.calls.set(b, list);
  }

  /** Blocks the generator must visit. */
  blocks(): number[] {
    return [...this.calls.keys()];
  }

  /** Scripted calls of block b (after on_initialize, like the other scripted extrinsics). */
  atBlock(b: number): void {
    for (const fn of this.calls.get(b) ?? []) fn();
  }

  /** The set destination of (owner, netuid) in the state being built, if any. */
  destination(owner: Acc, netuid: number): Acc | undefined {
    return this.c.getLog<Acc>('AutoStakeDestination', this.c.cur, owner, netuid);
  }

  /**
   * A paid epoch of `netuid` (inside its initStep, with the owner cut and takes: new shares at the pool's
   * value, so their order changes no amount): each of the subnet's miners gets its incentive, varied per
   * epoch (90–110 %) so consecutive credits differ.
   */
  epoch(netuid: number): void {
    const c = this.c;
    if (c.specAt(c.cur) < AUTO_STAKE_SPEC) return;
    const epoch = BigInt(c.epochs.epochsAt(netuid, c.cur));
    for (const m of this.all) {
      if (m.netuid !== netuid) continue;
      const incentive = (m.alpha * (90n + ((epoch * 7n) % 21n))) / 100n;
      if (incentive <= 0n) continue;
      const dest = this.destination(m.owner, netuid);
      if (dest !== undefined)
        c.emit({
          pallet: 'SubtensorModule',
          name: 'AutoStakeAdded',
          args: [netuid, dest, m.hotkey, m.owner, incentive],
        });
      const to = dest ?? m.hotkey;
      c.increasePosition(to, m.owner, netuid, incentive);
      c.setIndexed('SubnetAlphaOut', netuid, c.subnetAlphaOut(netuid) + incentive, netuid);
      c.addStakingHotkey(m.owner, to);
      c.minerCredits.push({
        block: c.cur,
        coldkey: m.owner,
        hotkey: to,
        miner: m.hotkey,
        netuid,
        alpha: incentive,
        event: dest !== undefined,
      });
    }
  }
}

/** Drops the last of `targets` on `netuid` and returns its hotkey (undefined: none there). */
function freeTarget(targets: { hotkey: Acc; netuid: number }[], netuid: number): Acc | undefined {
  const i = targets.findLastIndex((t) => t.netuid === netuid);
  if (i < 0) return undefined;
  const [dropped] = targets.splice(i, 1);
  return dropped?.hotkey;
}
