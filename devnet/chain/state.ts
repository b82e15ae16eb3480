/**
 * The chain's state model on top of the change-log store: typed reads of every storage item the
 * devnet serves, the share pools behind positions, pool reserves, subnet registration, and the
 * position indexes (per coldkey) that the runtime APIs and the actors use.
 */
import { stringToU8a, u8aToHex } from '@polkadot/util';
import type { Acc } from './accounts.js';
import { GrowthIndex } from './emissions.js';
import {
  ALPHA_V2_SPEC,
  decreaseShares,
  increaseShares,
  positionValue,
  reconcileDenominator,
  retireV1,
} from './share-pool.js';
import { alphaPriceRao, feeRate } from './pools.js';
import { storageKey, type ItemName } from '../scale/keys.js';
import { StateStore } from './store.js';
import { BALANCER_SPEC, BalancerBook } from './balancer-book.js';
import { LockBook } from './locks.js';
import type { AccountState, SubnetDef } from './types.js';

/** The basket era's first runtime (served from 455); LastColdkeyHotkeyStakeBlock root-only from it (inferred). */
export const BASKET_SPEC = 441;

const posKey = (hot: Acc, netuid: number) => `${hot}|${netuid}`;

export class ChainState extends StateStore {
  /** hotkey → owner coldkey */
  readonly owners = new Map<Acc, Acc>();
  /** coldkey → positions (hot|netuid) it ever held: the index behind get_stake_info_for_coldkey */
  readonly coldPositions = new Map<Acc, Set<string>>();
  /** coldkey → positions currently non-zero (actor bookkeeping; may be stale after a reorg, actions are re-checked) */
  readonly openPositions = new Map<Acc, Map<string, { hotkey: Acc; netuid: number }>>();
  readonly tracked = new Set<Acc>();
  /** earliest block each tracked (cold, hot|netuid) position existed */
  readonly trackedPositionsFrom = new Map<string, number>();
  /** balancer weights of the dynamic subnets (spec ≥ 423) */
  readonly balancer: BalancerBook = new BalancerBook(this);
  /** silent α changes no event explains, injected for reconciliation tests (ground truth) */
  injections: { block: number; coldkey: Acc; hotkey: Acc; netuid: number; alpha: bigint }[] = [];
  /** no pool injection from this block on (a test knob) */
  quietPoolsFrom = Number.POSITIVE_INFINITY;
  /** conviction locks (spec ≥ 411) */
  readonly locks: LockBook = new LockBook(this);

  /** Per-epoch values derived from the growth index: last epoch's dividends and TotalHotkeyAlpha. */
  override onNewHotkeyPool(hot: Acc, netuid: number): void {
    this.putCell(
      {
        item: 'AlphaDividendsPerSubnet',
        kind: 'fn',
        read: (b) => {
          const d = this.dividends(hot, netuid, b);
          return d > 0n ? d : undefined;
        },
      },
      storageKey('AlphaDividendsPerSubnet', netuid, hot),
    );
    this.putCell(
      {
        item: 'TotalHotkeyAlphaLastEpoch',
        kind: 'fn',
        read: (b) => {
          const e = this.epochs.epochsAt(netuid, b); // absent (not 0) at an epoch before the hotkey's pool
          return e ? this.getLog('TotalHotkeyAlpha', this.epochs.epochBlock(netuid, e), hot, netuid) : undefined;
        },
      },
      storageKey('TotalHotkeyAlphaLastEpoch', hot, netuid),
    );
  }

  // ---------------------------------------------------------------- typed reads

  account(cold: Acc, b = this.cur): AccountState {
    return this.getLog<AccountState>('SystemAccount', b, cold) ?? { nonce: 0, free: 0n };
  }

  setAccount(cold: Acc, a: AccountState): void {
    this.setLog('SystemAccount', a, cold);
  }

  subnetTao(netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('SubnetTAO', b, netuid) ?? 0n;
  }
  subnetAlphaIn(netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('SubnetAlphaIn', b, netuid) ?? 0n;
  }
  subnetAlphaOut(netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('SubnetAlphaOut', b, netuid) ?? 0n;
  }
  totalHotkeyAlpha(hot: Acc, netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('TotalHotkeyAlpha', b, hot, netuid) ?? 0n;
  }
  totalHotkeyShares(hot: Acc, netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('TotalHotkeyShares', b, hot, netuid) ?? 0n;
  }
  shares(hot: Acc, cold: Acc, netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('Alpha', b, hot, cold, netuid) ?? 0n;
  }
  /** Position alpha exactly as the runtime computes it (share-pool get_value). */
  stake(hot: Acc, cold: Acc, netuid: number, b = this.cur): bigint {
    return positionValue(this, hot, cold, netuid, b);
  }
  stakingHotkeys(cold: Acc, b = this.cur): Acc[] {
    return this.getLog<Acc[]>('StakingHotkeys', b, cold) ?? [];
  }
  rootClaimType(cold: Acc, b = this.cur): 'Swap' | 'Keep' {
    return this.getLog<'Swap' | 'Keep'>('RootClaimType', b, cold) ?? 'Swap';
  }
  /**
   * α a position gained from emission at epoch block b: its shares before the block valued at the
   * pool's TotalHotkeyAlpha grown by this epoch, minus their value before. (Stake changes in block b
   * itself come after on_initialize and are not emission.)
   */
  emissionAt(hot: Acc, cold: Acc, netuid: number, b: number): bigint {
    const c = this.ref('TotalHotkeyAlpha', [hot, netuid]).cell;
    if (!c || c.kind !== 'indexed') return 0n;
    const n = c.log.at(b - 1);
    if (n === undefined) return 0n;
    const gi = this.growthOf(netuid);
    const grown = GrowthIndex.value(n, gi.at(this.epochs.epochsAt(netuid, b)));
    return positionValue(this, hot, cold, netuid, b - 1, grown) - positionValue(this, hot, cold, netuid, b - 1);
  }

  /** Nominator dividends of the hotkey's last epoch (AlphaDividendsPerSubnet), derived from the growth index. */
  dividends(hot: Acc, netuid: number, b: number): bigint {
    const e = this.epochs.epochsAt(netuid, b);
    if (e === 0) return 0n;
    const c = this.ref('TotalHotkeyAlpha', [hot, netuid]).cell;
    if (!c || c.kind !== 'indexed') return 0n;
    const n = c.log.at(b);
    if (n === undefined) return 0n;
    const gi = this.growthOf(netuid);
    return GrowthIndex.value(n, gi.at(e)) - GrowthIndex.value(n, gi.at(e - 1));
  }
  priceRao(netuid: number, b = this.cur): bigint {
    if (this.balancer.active(netuid, b)) return this.balancer.priceRao(netuid, b);
    return alphaPriceRao(netuid, this.subnetTao(netuid, b), this.subnetAlphaIn(netuid, b));
  }
  positionsOf(cold: Acc): { hotkey: Acc; netuid: number }[] {
    const s = this.coldPositions.get(cold);
    if (!s) return [];
    return [...s].map((k) => {
      const [hotkey, n] = k.split('|') as [string, string];
      return { hotkey, netuid: Number(n) };
    });
  }

  /** Subnets the coldkey ever held a position on with the hotkey. */
  netuidsWith(cold: Acc, hot: Acc): number[] {
    const out: number[] = [];
    const prefix = `${hot}|`;
    for (const k of this.coldPositions.get(cold) ?? [])
      if (k.startsWith(prefix)) out.push(Number(k.slice(prefix.length)));
    return out;
  }

  /** The subnets a root validator earns root dividends on (set by the world that drives the chain). */
  dividendSubnetsOf: (hot: Acc) => number[] = () => [];

  /** Hotkeys the coldkey ever held a position with on the subnet (a subset of its StakingHotkeys). */
  hotkeysOn(cold: Acc, netuid: number): Acc[] {
    const out: Acc[] = [];
    const suffix = `|${netuid}`;
    for (const k of this.coldPositions.get(cold) ?? []) if (k.endsWith(suffix)) out.push(k.slice(0, -suffix.length));
    return out;
  }

  /** Positions believed open (non-zero) now. */
  openOf(cold: Acc): { hotkey: Acc; netuid: number }[] {
    const m = this.openPositions.get(cold);
    return m ? [...m.values()] : [];
  }

  // ---------------------------------------------------------------- genesis

  /** Registers a subnet (at the current block) with its pool and static storage. */
  addSubnet(def: SubnetDef, taoReserve: bigint, alphaReserve: bigint): void {
    this.subnets.set(def.netuid, def);
    const n = def.netuid;
    this.setLog('NetworksAdded', true, n);
    this.setLog('SubnetMechanism', n === 0 ? 0 : 1, n);
    this.setLog('Tempo', 360, n);
    this.setLog('NetworkRegisteredAt', BigInt(def.registeredAt), n);
    this.setLog('SubnetOwner', def.ownerColdkey, n);
    this.setLog('SubnetOwnerHotkey', def.ownerHotkey, n);
    this.setLog('TokenSymbol', u8aToHex(stringToU8a(def.symbol)), n);
    // The name: SubnetName at 233, the identity's from 315 (a runtime serves only the items it has).
    this.setLog('SubnetName', u8aToHex(stringToU8a(def.name)), n);
    this.setLog('SubnetIdentitiesV3', def.name, n);
    this.setReserve('SubnetTAO', n, taoReserve);
    this.setReserve('SubnetAlphaIn', n, alphaReserve);
    this.setIndexed('SubnetAlphaOut', n, 0n, n);
    this.setLog('TotalNetworks', this.subnets.size);
    this.registerHotkey(def.ownerHotkey, def.ownerColdkey);
    if (n === 0) return;
    // Price views derived from the reserves at read time: the swap v3 pallet exists at 283–422,
    // the balancer from 423 (the migration deletes the v3 items).
    const from = (b: number) => b >= def.registeredAt;
    const v3 = (b: number) => from(b) && this.specAt(b) >= 283 && this.specAt(b) < BALANCER_SPEC;
    const bal = (b: number) => from(b) && this.specAt(b) >= BALANCER_SPEC;
    const put = (item: ItemName, read: (b: number) => unknown) =>
      this.putCell({ item, kind: 'fn', read }, storageKey(item, n));
    put('SubnetMovingPrice', (b) => (from(b) ? { bits: this.movingPriceBits(n, b) } : undefined));
    put('SwapAlphaSqrtPrice', (b) => (v3(b) ? { bits: isqrt(this.priceBits(n, b, 128n)) } : undefined));
    put('SwapV3Initialized', (b) => (v3(b) ? true : undefined));
    put('SwapFeeRate', (b) => (v3(b) || bal(b) ? Number(feeRate(this.specAt(b))) : undefined));
    // Balancer-era items exist only in chains that reach it (older scenarios keep their key set).
    if (!this.specs.some((x) => x.spec >= BALANCER_SPEC)) return;
    put('SwapBalancer', (b) => (bal(b) ? { quote: this.balancer.quote(n, b) } : undefined));
    put('SwapPalSwapInitialized', (b) => (bal(b) ? true : undefined));
    const slot = (b: number) => (bal(b) ? this.epochs.slotAt(n, b) : undefined);
    put('LastEpochBlock', (b) => (slot(b) ? BigInt(slot(b)?.last ?? 0) : undefined));
    put('PendingEpochAt', (b) => (slot(b)?.pending ? BigInt(slot(b)?.pending ?? 0) : undefined));
    put('SubnetEpochIndex', (b) => (slot(b) ? BigInt(slot(b)?.index ?? 0) : undefined));
  }

  /** SubnetMovingPrice (I96F32): the devnet serves the spot price, not an EMA. */
  movingPriceBits(netuid: number, b: number): bigint {
    if (this.balancer.active(netuid, b)) return this.balancer.priceBits(netuid, b) >> 32n;
    return this.priceBits(netuid, b, 32n);
  }

  /** price = SubnetTAO / SubnetAlphaIn as fixed point with `frac` fractional bits. */
  private priceBits(netuid: number, b: number, frac: bigint): bigint {
    const x = this.subnetAlphaIn(netuid, b);
    return x === 0n ? 0n : (this.subnetTao(netuid, b) << frac) / x;
  }

  /** Whether the subnet exists in the state of block b (registered and not dissolved). */
  subnetExists(netuid: number, b: number): boolean {
    const s = this.subnets.get(netuid);
    return s !== undefined && s.registeredAt <= b && (s.dissolvedAt === undefined || s.dissolvedAt > b);
  }

  registerHotkey(hot: Acc, owner: Acc, force = false): void {
    if (this.owners.has(hot) && !force) return;
    this.owners.set(hot, owner);
    this.setLog('Owner', owner, hot);
  }

  endow(cold: Acc, free: bigint): void {
    const a = this.account(cold);
    this.setAccount(cold, { nonce: a.nonce, free: a.free + free });
  }

  /** Genesis stake without an extrinsic or swap (initial validator self-stake). */
  seedStake(cold: Acc, hot: Acc, netuid: number, alpha: bigint): void {
    this.increasePosition(hot, cold, netuid, alpha);
    this.setIndexed('SubnetAlphaOut', netuid, this.subnetAlphaOut(netuid) + alpha, netuid);
    if (netuid === 0) this.setReserve('SubnetTAO', 0, this.subnetTao(0) + alpha);
    this.addStakingHotkey(cold, hot);
  }

  // ---------------------------------------------------------------- share pool

  increasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): void {
    if (alpha <= 0n) return;
    increaseShares(this, hot, cold, netuid, alpha);
    const k = posKey(hot, netuid);
    let s = this.coldPositions.get(cold);
    if (!s) this.coldPositions.set(cold, (s = new Set()));
    s.add(k);
    let open = this.openPositions.get(cold);
    if (!open) this.openPositions.set(cold, (open = new Map()));
    if (!open.has(k)) open.set(k, { hotkey: hot, netuid });
    if (this.tracked.has(cold)) {
      const tk = `${cold}|${k}`;
      if (!this.trackedPositionsFrom.has(tk)) this.trackedPositionsFrom.set(tk, this.cur);
    }
  }

  /** Removes `alpha` (≤ position) from a position; returns the α removed. */
  decreasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): bigint {
    const before = this.stake(hot, cold, netuid);
    const removed = decreaseShares(this, hot, cold, netuid, alpha);
    // V1 closes on a full removal; V2 when nothing is left (a full removal can leave a dust share).
    const closed = this.specAt(this.cur) < ALPHA_V2_SPEC ? alpha >= before : this.stake(hot, cold, netuid) === 0n;
    if (closed) this.openPositions.get(cold)?.delete(posKey(hot, netuid));
    return removed;
  }

  /** Deletes a position's share entries (dissolution): no value moves through the pool. */
  clearPosition(hot: Acc, cold: Acc, netuid: number): void {
    for (const item of ['Alpha', 'AlphaV2'] as const) {
      if (this.getLog(item, this.cur, hot, cold, netuid) !== undefined) this.setLog(item, undefined, hot, cold, netuid);
    }
    this.openPositions.get(cold)?.delete(posKey(hot, netuid));
  }

  /** Deletes a hotkey's pool on a subnet (dissolution). */
  clearPool(hot: Acc, netuid: number): void {
    this.clearItem('TotalHotkeyAlpha', hot, netuid);
    for (const item of ['TotalHotkeyShares', 'TotalHotkeySharesV2'] as const) {
      if (this.getLog(item, this.cur, hot, netuid) !== undefined) this.setLog(item, undefined, hot, netuid);
    }
  }

  /** 473: V1 shares of one pool become V2 (dust positions swept). */
  retireV1(hot: Acc, netuid: number, colds: Acc[], dust: bigint): { cold: Acc; alpha: bigint }[] {
    const swept = retireV1(this, hot, netuid, colds, dust);
    for (const s of swept) this.openPositions.get(s.cold)?.delete(posKey(hot, netuid));
    return swept;
  }

  /** 464: the pool's denominator becomes the sum of its live shares; true if it changed. */
  reconcileDenominator(hot: Acc, netuid: number, colds: Acc[]): boolean {
    return reconcileDenominator(this, hot, netuid, colds);
  }

  /** The subnet ceases to exist from the current block (dissolution). */
  markDissolved(netuid: number): void {
    const s = this.subnets.get(netuid);
    if (s) s.dissolvedAt = this.cur;
  }

  addStakingHotkey(cold: Acc, hot: Acc): void {
    const cur = this.stakingHotkeys(cold);
    if (!cur.includes(hot)) this.setLog('StakingHotkeys', [...cur, hot], cold);
  }

  /**
   * LastColdkeyHotkeyStakeBlock (from spec 238). From the basket era (441) only root stake changes and
   * root claims write it (docs/chain/baskets.md); `netuid` is the subnet of the stake change.
   */
  touchStakeBlock(cold: Acc, hot: Acc, netuid?: number): void {
    const spec = this.specAt(this.cur);
    if (spec < 238 || (spec >= BASKET_SPEC && netuid !== 0)) return;
    this.setLog('LastColdkeyHotkeyStakeBlock', BigInt(this.cur), cold, hot);
  }

  // ---------------------------------------------------------------- pools

  setPool(netuid: number, tao: bigint, alphaIn: bigint, alphaOut: bigint): void {
    // Root stake also grows by (pre-334) root dividends that never entered SubnetTAO(0): clamp at 0.
    this.setReserve('SubnetTAO', netuid, tao < 0n ? 0n : tao);
    this.setReserve('SubnetAlphaIn', netuid, alphaIn);
    this.setIndexed('SubnetAlphaOut', netuid, alphaOut, netuid);
  }

  /** Pool reserves: linear cells, so the per-block emission injection is computed, never stored. */
  setReserve(item: 'SubnetTAO' | 'SubnetAlphaIn', netuid: number, value: bigint): void {
    const rates = this.injection(netuid, this.cur);
    const rate = item === 'SubnetTAO' ? rates.tao : rates.alpha;
    if (!this.balancer.active(netuid, this.cur)) {
      this.setLinear(item, rate, value, netuid);
      return;
    }
    // A write keeps the weight in force just before it (swaps do not move the weight).
    const q = this.balancer.quote(netuid, this.cur);
    this.setLinear(item, rate, value, netuid);
    this.balancer.anchor(netuid, q);
  }

  /**
   * Per-block emission injected into the pool. In the balancer era the devnet injects TAO-heavy
   * (8× the TAO, ½ the α of the launch ratio), so the weight q moves away from ½ as it would on a
   * subnet whose α emission is capped: the price stays, SubnetTAO/SubnetAlphaIn drifts from it.
   */
  injection(netuid: number, b: number): { tao: bigint; alpha: bigint } {
    const sub = this.subnets.get(netuid);
    if (!sub || b >= this.quietPoolsFrom) return { tao: 0n, alpha: 0n };
    if (this.balancer.active(netuid, b)) return { tao: sub.taoInPerBlock * 8n, alpha: sub.alphaInPerBlock / 2n };
    return { tao: sub.taoInPerBlock, alpha: sub.alphaInPerBlock };
  }

  /** Re-writes the reserves so the injection rate of the block's era applies from here on. */
  rebaseReserves(netuid: number): void {
    this.setReserve('SubnetTAO', netuid, this.subnetTao(netuid));
    this.setReserve('SubnetAlphaIn', netuid, this.subnetAlphaIn(netuid));
  }

  /** SubnetVolume: cumulative TAO swapped through a dynamic subnet's pool (u128). */
  addVolume(netuid: number, tao: bigint): void {
    if (netuid === 0) return;
    this.setLog('SubnetVolume', this.subnetVolume(netuid) + tao, netuid);
  }

  subnetVolume(netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('SubnetVolume', b, netuid) ?? 0n;
  }

  credit(cold: Acc, tao: bigint): void {
    const a = this.account(cold);
    this.setAccount(cold, { nonce: a.nonce, free: a.free + tao });
  }
}

/** Integer square root: Newton's method from above, floor(sqrt(n)). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}
