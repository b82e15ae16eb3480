/**
 * The simulated chain's mechanics on top of the change-log store: share pools, pools and the fee
 * rules of each runtime era, extrinsics and their event sequences, epoch payouts, root claims,
 * blocks that only exist when something happened, and ground-truth capture for chosen coldkeys.
 * Everything here is deterministic; randomness lives in the actors that drive it (world.ts).
 */
import { stringToU8a, u8aToHex } from '@polkadot/util';
import type { Acc } from './accounts.js';
import { GrowthIndex, epochBlock, epochsAt } from './emissions.js';
import { shareValue, sharesFor } from './fixed.js';
import { FLAT_FEE, alphaPriceRao, buyAlpha, feeEra, feeRate, minStake, sellAlpha, swapFee } from './pools.js';
import type { ItemName } from '../scale/keys.js';
import { storageKey } from '../scale/keys.js';
import { StateStore } from './store.js';
import { truthFor } from './truth-capture.js';
import type {
  AccountState,
  Action,
  BlockRec,
  EventRec,
  ExtrinsicRec,
  SpecSpan,
  SubnetDef,
  TruthEvent,
} from './types.js';
import { TX_FEE } from './types.js';

export * from './types.js';

const posKey = (hot: Acc, netuid: number) => `${hot}|${netuid}`;

export class Chain extends StateStore {
  readonly blocks = new Map<number, BlockRec>();
  /** hotkey → owner coldkey */
  readonly owners = new Map<Acc, Acc>();
  /** coldkey → positions (hot|netuid) it ever held: the index behind get_stake_info_for_coldkey */
  readonly coldPositions = new Map<Acc, Set<string>>();
  /** coldkey → positions currently non-zero (actor bookkeeping; may be stale after a reorg, actions are re-checked) */
  readonly openPositions = new Map<Acc, Map<string, { hotkey: Acc; netuid: number }>>();
  readonly tracked = new Set<Acc>();
  truthEvents: TruthEvent[] = [];
  /** earliest block each tracked (cold, hot|netuid) position existed */
  readonly trackedPositionsFrom = new Map<string, number>();
  private curRec: BlockRec | null = null;
  private curXt: ExtrinsicRec | null = null;

  constructor(seed: number, specs: SpecSpan[], genesisTime: number) {
    super(seed, specs, genesisTime);
  }

  /** Per-epoch values derived from the growth index: last epoch's dividends and TotalHotkeyAlpha. */
  protected override onNewHotkeyPool(hot: Acc, netuid: number): void {
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
          const e = epochsAt(netuid, b);
          return e === 0 ? undefined : this.totalHotkeyAlpha(hot, netuid, epochBlock(netuid, e));
        },
      },
      storageKey('TotalHotkeyAlphaLastEpoch', hot, netuid),
    );
  }

  // ---------------------------------------------------------------- typed reads

  account(cold: Acc, b = this.cur): AccountState {
    return this.getLog<AccountState>('SystemAccount', b, cold) ?? { nonce: 0, free: 0n };
  }

  private setAccount(cold: Acc, a: AccountState): void {
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
    const share = this.shares(hot, cold, netuid, b);
    if (share === 0n) return 0n;
    return shareValue(this.totalHotkeyAlpha(hot, netuid, b), this.totalHotkeyShares(hot, netuid, b), share);
  }
  stakingHotkeys(cold: Acc, b = this.cur): Acc[] {
    return this.getLog<Acc[]>('StakingHotkeys', b, cold) ?? [];
  }
  rootClaimType(cold: Acc, b = this.cur): 'Swap' | 'Keep' {
    return this.getLog<'Swap' | 'Keep'>('RootClaimType', b, cold) ?? 'Swap';
  }
  /** Nominator dividends of the hotkey's last epoch (AlphaDividendsPerSubnet), derived from the growth index. */
  dividends(hot: Acc, netuid: number, b: number): bigint {
    const e = epochsAt(netuid, b);
    if (e === 0) return 0n;
    const c = this.ref('TotalHotkeyAlpha', [hot, netuid]).cell;
    if (!c || c.kind !== 'indexed') return 0n;
    const n = c.log.at(b);
    if (n === undefined) return 0n;
    const gi = this.growthOf(netuid);
    return GrowthIndex.value(n, gi.at(e)) - GrowthIndex.value(n, gi.at(e - 1));
  }
  priceRao(netuid: number, b = this.cur): bigint {
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
    this.setLog('SubnetName', u8aToHex(stringToU8a(def.name)), n);
    this.setReserve('SubnetTAO', n, taoReserve);
    this.setReserve('SubnetAlphaIn', n, alphaReserve);
    this.setIndexed('SubnetAlphaOut', n, 0n, n);
    this.setLog('TotalNetworks', this.subnets.size);
    this.registerHotkey(def.ownerHotkey, def.ownerColdkey);
    if (n === 0) return;
    // Price views derived from the reserves at read time (the swap v3 pallet exists from spec 283).
    const from = (b: number) => b >= def.registeredAt;
    const v3 = (b: number) => from(b) && this.specAt(b) >= 283;
    const put = (item: ItemName, read: (b: number) => unknown) =>
      this.putCell({ item, kind: 'fn', read }, storageKey(item, n));
    put('SubnetMovingPrice', (b) => (from(b) ? { bits: this.priceBits(n, b, 32n) } : undefined));
    put('SwapAlphaSqrtPrice', (b) => (v3(b) ? { bits: isqrt(this.priceBits(n, b, 128n)) } : undefined));
    put('SwapV3Initialized', (b) => (v3(b) ? true : undefined));
    put('SwapFeeRate', (b) => (v3(b) ? Number(feeRate(this.specAt(b))) : undefined));
  }

  /** price = SubnetTAO / SubnetAlphaIn as fixed point with `frac` fractional bits. */
  private priceBits(netuid: number, b: number, frac: bigint): bigint {
    const x = this.subnetAlphaIn(netuid, b);
    return x === 0n ? 0n : (this.subnetTao(netuid, b) << frac) / x;
  }

  registerHotkey(hot: Acc, owner: Acc): void {
    if (this.owners.has(hot)) return;
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

  private increasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): void {
    if (alpha <= 0n) return;
    const total = this.totalHotkeyAlpha(hot, netuid);
    const denom = this.totalHotkeyShares(hot, netuid);
    const share = this.shares(hot, cold, netuid);
    let add: bigint;
    if (denom === 0n || total === 0n) {
      // Empty pool: the first key gets shares 1:1 (share-pool update_value_for_one).
      add = alpha << 64n;
    } else {
      add = sharesFor(alpha, total, denom);
    }
    this.setIndexed('TotalHotkeyAlpha', netuid, total + alpha, hot, netuid);
    this.setLog('TotalHotkeyShares', denom + add, hot, netuid);
    this.setLog('Alpha', share + add, hot, cold, netuid);
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

  /** Removes `alpha` (≤ position) from a position; a full removal deletes the share entry. */
  private decreasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): void {
    const value = this.stake(hot, cold, netuid);
    const total = this.totalHotkeyAlpha(hot, netuid);
    const denom = this.totalHotkeyShares(hot, netuid);
    const share = this.shares(hot, cold, netuid);
    if (alpha >= value) {
      this.setIndexed('TotalHotkeyAlpha', netuid, total - value, hot, netuid);
      this.setLog('TotalHotkeyShares', denom - share, hot, netuid);
      this.setLog('Alpha', undefined, hot, cold, netuid);
      this.openPositions.get(cold)?.delete(posKey(hot, netuid));
      return;
    }
    let sub = sharesFor(alpha, total, denom);
    if (sub > share) sub = share;
    this.setIndexed('TotalHotkeyAlpha', netuid, total - alpha, hot, netuid);
    this.setLog('TotalHotkeyShares', denom - sub, hot, netuid);
    this.setLog('Alpha', share - sub, hot, cold, netuid);
  }

  private addStakingHotkey(cold: Acc, hot: Acc): void {
    const cur = this.stakingHotkeys(cold);
    if (!cur.includes(hot)) this.setLog('StakingHotkeys', [...cur, hot], cold);
  }

  private touchStakeBlock(cold: Acc, hot: Acc): void {
    // LastColdkeyHotkeyStakeBlock exists from spec 238.
    if (this.specAt(this.cur) >= 238) this.setLog('LastColdkeyHotkeyStakeBlock', BigInt(this.cur), cold, hot);
  }

  // ---------------------------------------------------------------- pools

  private setPool(netuid: number, tao: bigint, alphaIn: bigint, alphaOut: bigint): void {
    // Root stake also grows by (pre-334) root dividends that never entered SubnetTAO(0): clamp at 0.
    this.setReserve('SubnetTAO', netuid, tao < 0n ? 0n : tao);
    this.setReserve('SubnetAlphaIn', netuid, alphaIn);
    this.setIndexed('SubnetAlphaOut', netuid, alphaOut, netuid);
  }

  /** Pool reserves: linear cells, so the per-block emission injection is computed, never stored. */
  private setReserve(item: 'SubnetTAO' | 'SubnetAlphaIn', netuid: number, value: bigint): void {
    const sub = this.subnets.get(netuid);
    const rate = item === 'SubnetTAO' ? (sub?.taoInPerBlock ?? 0n) : (sub?.alphaInPerBlock ?? 0n);
    this.setLinear(item, rate, value, netuid);
  }

  /** SubnetVolume: cumulative TAO swapped through a dynamic subnet's pool (u128). */
  private addVolume(netuid: number, tao: bigint): void {
    if (netuid === 0) return;
    this.setLog('SubnetVolume', this.subnetVolume(netuid) + tao, netuid);
  }

  subnetVolume(netuid: number, b = this.cur): bigint {
    return this.getLog<bigint>('SubnetVolume', b, netuid) ?? 0n;
  }

  // ---------------------------------------------------------------- staking primitives

  private emit(e: EventRec): void {
    if (this.curXt) this.curXt.events.push(e);
    else if (this.curRec) this.curRec.init.push(e);
  }

  /** stake_into_subnet. feeMode: 'full' add fee, 'half' move side (flat era 25k), 'none'. Returns alpha bought. */
  private stakeInto(cold: Acc, hot: Acc, netuid: number, tao: bigint, feeMode: 'full' | 'half' | 'none'): bigint {
    const spec = this.specAt(this.cur);
    const era = feeEra(spec);
    let fee = 0n;
    let alpha: bigint;
    let evTao: bigint;
    const y = this.subnetTao(netuid);
    const x = this.subnetAlphaIn(netuid);
    const out = this.subnetAlphaOut(netuid);
    if (era === 'flat') {
      fee = feeMode === 'none' ? 0n : feeMode === 'half' ? FLAT_FEE / 2n : FLAT_FEE;
      if (fee > tao) fee = tao;
      const net = tao - fee;
      alpha = netuid === 0 ? net : buyAlpha(y, x, net);
      // The flat fee stays in the pool (added to SubnetTAO).
      this.setPool(netuid, y + tao, netuid === 0 ? x : x - alpha, out + alpha);
      evTao = net;
    } else {
      if (netuid !== 0 && feeMode !== 'none') fee = swapFee(spec, tao);
      const dy = tao - fee;
      alpha = netuid === 0 ? dy : buyAlpha(y, x, dy);
      // v3: the fee leaves the reserves (LP accumulators < 385, block author ≥ 385).
      this.setPool(netuid, y + dy, netuid === 0 ? x : x - alpha, out + alpha);
      evTao = tao;
    }
    this.increasePosition(hot, cold, netuid, alpha);
    this.touchStakeBlock(cold, hot);
    this.addStakingHotkey(cold, hot);
    this.addVolume(netuid, tao);
    this.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [cold, hot, evTao, alpha, netuid, fee] });
    return alpha;
  }

  /** unstake_from_subnet: sells `alpha` (≤ position). Returns TAO credited (net). */
  private unstakeFrom(cold: Acc, hot: Acc, netuid: number, alpha: bigint, feeMode: 'full' | 'half' | 'none'): bigint {
    const spec = this.specAt(this.cur);
    const era = feeEra(spec);
    this.decreasePosition(hot, cold, netuid, alpha);
    const y = this.subnetTao(netuid);
    const x = this.subnetAlphaIn(netuid);
    const out = this.subnetAlphaOut(netuid);
    let fee = 0n;
    let tao: bigint;
    if (era === 'flat') {
      const gross = netuid === 0 ? alpha : sellAlpha(y, x, alpha);
      fee = feeMode === 'none' ? 0n : feeMode === 'half' ? FLAT_FEE / 2n : FLAT_FEE;
      if (fee > gross) fee = gross;
      tao = gross - fee;
      this.setPool(netuid, y - tao, netuid === 0 ? x : x + alpha, out - alpha);
    } else {
      if (netuid !== 0 && feeMode !== 'none') fee = swapFee(spec, alpha);
      const dx = alpha - fee;
      tao = netuid === 0 ? dx : sellAlpha(y, x, dx);
      let newX = netuid === 0 ? x : x + dx;
      let newY = y - tao;
      if (spec >= 385 && fee > 0n) {
        // The alpha fee is sold fee-less and its TAO goes to the block author.
        const feeTao = sellAlpha(newY, newX, fee);
        newX += fee;
        newY -= feeTao;
      }
      this.setPool(netuid, newY, newX, out - alpha);
    }
    this.touchStakeBlock(cold, hot);
    this.addVolume(netuid, tao);
    this.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [cold, hot, tao, alpha, netuid, fee] });
    return tao;
  }

  /** transfer_stake_within_subnet (≥ 297): no swap, fee 0, tao = alpha × price. */
  private transferWithin(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, netuid: number, alpha: bigint): bigint {
    const tao = netuid === 0 ? alpha : (alpha * this.priceRao(netuid)) / 1_000_000_000n;
    this.decreasePosition(oHot, oCold, netuid, alpha);
    this.increasePosition(dHot, dCold, netuid, alpha);
    this.touchStakeBlock(dCold, dHot);
    this.addStakingHotkey(dCold, dHot);
    this.emit({ pallet: 'SubtensorModule', name: 'StakeRemoved', args: [oCold, oHot, tao, alpha, netuid, 0n] });
    this.emit({ pallet: 'SubtensorModule', name: 'StakeAdded', args: [dCold, dHot, tao, alpha, netuid, 0n] });
    return tao;
  }

  /** Cross-position move: unstake + stake with the fee sides of the runtime in force (facts §9A 2-3). */
  private moveAcross(oCold: Acc, dCold: Acc, oHot: Acc, dHot: Acc, oNet: number, dNet: number, alpha: bigint): bigint {
    const spec = this.specAt(this.cur);
    if (oNet === dNet && spec >= 297) return this.transferWithin(oCold, dCold, oHot, dHot, oNet, alpha);
    let feeO: 'full' | 'half' | 'none';
    let feeD: 'full' | 'half' | 'none';
    if (spec < 283) [feeO, feeD] = ['half', 'half'];
    else if (spec < 297) [feeO, feeD] = ['full', 'full'];
    else if (spec < 315) [feeO, feeD] = ['none', 'full'];
    else [feeO, feeD] = oNet === 0 ? ['none', 'full'] : ['full', 'none'];
    const tao = this.unstakeFrom(oCold, oHot, oNet, alpha, feeO);
    if (tao >= minStake(spec)) this.stakeInto(dCold, dHot, dNet, tao, feeD);
    return tao;
  }

  /** clear_small_nomination_if_required: a non-owner remainder below the minimum is unstaked too. */
  private clearDust(cold: Acc, hot: Acc, netuid: number): void {
    if (this.owners.get(hot) === cold) return;
    const rest = this.stake(hot, cold, netuid);
    if (rest === 0n) return;
    const restTao = netuid === 0 ? rest : (rest * this.priceRao(netuid)) / 1_000_000_000n;
    if (restTao >= minStake(this.specAt(this.cur))) return;
    const tao = this.unstakeFrom(cold, hot, netuid, rest, feeEra(this.specAt(this.cur)) === 'flat' ? 'none' : 'full');
    this.credit(cold, tao);
  }

  private credit(cold: Acc, tao: bigint): void {
    const a = this.account(cold);
    this.setAccount(cold, { nonce: a.nonce, free: a.free + tao });
  }

  // ---------------------------------------------------------------- extrinsics

  /** Validates an action against the current state; returns a reason when it cannot succeed. */
  check(a: Action): string | null {
    const spec = this.specAt(this.cur);
    const min = minStake(spec);
    const bal = this.account(a.coldkey).free;
    switch (a.kind) {
      case 'add_stake':
        if (!this.subnets.has(a.netuid)) return 'SubnetNotExists';
        if (a.tao < min) return 'AmountTooLow';
        if (bal < a.tao) return 'NotEnoughBalanceToStake';
        return null;
      case 'remove_stake':
        if (a.alpha <= 0n || this.stake(a.hotkey, a.coldkey, a.netuid) === 0n) return 'NotEnoughStakeToWithdraw';
        return null;
      case 'unstake_all':
        return this.openOf(a.coldkey).some(
          (p) => p.hotkey === a.hotkey && this.stake(p.hotkey, a.coldkey, p.netuid) > 0n,
        )
          ? null
          : 'NotEnoughStakeToWithdraw';
      case 'move_stake':
        if (!this.subnets.has(a.destNetuid)) return 'SubnetNotExists';
        return this.stake(a.originHotkey, a.coldkey, a.originNetuid) > 0n && a.alpha > 0n
          ? null
          : 'NotEnoughStakeToWithdraw';
      case 'transfer_stake':
      case 'swap_stake':
        if (!this.subnets.has(a.destNetuid)) return 'SubnetNotExists';
        if (a.kind === 'swap_stake' && a.originNetuid === a.destNetuid) return 'SameNetuid';
        return this.stake(a.hotkey, a.coldkey, a.originNetuid) > 0n && a.alpha > 0n ? null : 'NotEnoughStakeToWithdraw';
      case 'set_root_claim_type':
        return spec >= 334 ? null : 'CallUnavailable';
      case 'transfer':
        return bal >= a.tao ? null : 'InsufficientBalance';
      case 'set_code':
        return null;
      case 'recycle_alpha':
      case 'burn_alpha':
        if (spec < 315) return 'CallUnavailable';
        if (a.netuid === 0) return 'CannotBurnOrRecycleOnRootSubnet';
        return a.alpha > 0n && this.stake(a.hotkey, a.coldkey, a.netuid) >= a.alpha ? null : 'NotEnoughStakeToWithdraw';
    }
  }

  private apply(a: Action): void {
    const spec = this.specAt(this.cur);
    switch (a.kind) {
      case 'add_stake': {
        const acc = this.account(a.coldkey);
        this.setAccount(a.coldkey, { nonce: acc.nonce, free: acc.free - a.tao });
        this.stakeInto(a.coldkey, a.hotkey, a.netuid, a.tao, 'full');
        return;
      }
      case 'remove_stake': {
        const have = this.stake(a.hotkey, a.coldkey, a.netuid);
        const alpha = a.alpha > have ? have : a.alpha;
        this.credit(a.coldkey, this.unstakeFrom(a.coldkey, a.hotkey, a.netuid, alpha, 'full'));
        this.clearDust(a.coldkey, a.hotkey, a.netuid);
        return;
      }
      case 'unstake_all': {
        for (const p of this.openOf(a.coldkey).sort((x, y) => x.netuid - y.netuid)) {
          if (p.hotkey !== a.hotkey) continue;
          const have = this.stake(p.hotkey, a.coldkey, p.netuid);
          if (have > 0n) this.credit(a.coldkey, this.unstakeFrom(a.coldkey, p.hotkey, p.netuid, have, 'full'));
        }
        return;
      }
      case 'move_stake': {
        const alpha = this.clampAlpha(a.originHotkey, a.coldkey, a.originNetuid, a.alpha);
        const tao = this.moveAcross(
          a.coldkey,
          a.coldkey,
          a.originHotkey,
          a.destHotkey,
          a.originNetuid,
          a.destNetuid,
          alpha,
        );
        this.emit({
          pallet: 'SubtensorModule',
          name: 'StakeMoved',
          args: [a.coldkey, a.originHotkey, a.originNetuid, a.destHotkey, a.destNetuid, tao],
        });
        return;
      }
      case 'transfer_stake': {
        const alpha = this.clampAlpha(a.hotkey, a.coldkey, a.originNetuid, a.alpha);
        const tao = this.moveAcross(a.coldkey, a.destColdkey, a.hotkey, a.hotkey, a.originNetuid, a.destNetuid, alpha);
        this.emit({
          pallet: 'SubtensorModule',
          name: 'StakeTransferred',
          args: [a.coldkey, a.destColdkey, a.hotkey, a.originNetuid, a.destNetuid, tao],
        });
        return;
      }
      case 'swap_stake': {
        const alpha = this.clampAlpha(a.hotkey, a.coldkey, a.originNetuid, a.alpha);
        const tao = this.moveAcross(a.coldkey, a.coldkey, a.hotkey, a.hotkey, a.originNetuid, a.destNetuid, alpha);
        this.emit({
          pallet: 'SubtensorModule',
          name: 'StakeSwapped',
          args: [a.coldkey, a.hotkey, a.originNetuid, a.destNetuid, tao],
        });
        return;
      }
      case 'set_root_claim_type':
        this.setLog('RootClaimType', a.claimType, a.coldkey);
        if (spec >= 334) {
          this.emit({ pallet: 'SubtensorModule', name: 'RootClaimTypeSet', args: [a.coldkey, a.claimType] });
        }
        return;
      case 'transfer': {
        const from = this.account(a.coldkey);
        this.setAccount(a.coldkey, { nonce: from.nonce, free: from.free - a.tao });
        this.credit(a.dest, a.tao);
        this.emit({ pallet: 'Balances', name: 'Transfer', args: [a.coldkey, a.dest, a.tao] });
        return;
      }
      case 'set_code':
        this.emit({ pallet: 'System', name: 'CodeUpdated', args: [] });
        return;
      case 'recycle_alpha':
      case 'burn_alpha': {
        this.decreasePosition(a.hotkey, a.coldkey, a.netuid, a.alpha);
        if (a.kind === 'recycle_alpha')
          this.setIndexed('SubnetAlphaOut', a.netuid, this.subnetAlphaOut(a.netuid) - a.alpha, a.netuid);
        const name = a.kind === 'recycle_alpha' ? 'AlphaRecycled' : 'AlphaBurned';
        this.emit({ pallet: 'SubtensorModule', name, args: [a.coldkey, a.hotkey, a.alpha, a.netuid] });
        return;
      }
    }
  }

  private clampAlpha(hot: Acc, cold: Acc, netuid: number, alpha: bigint): bigint {
    const have = this.stake(hot, cold, netuid);
    return alpha > have ? have : alpha;
  }

  // ---------------------------------------------------------------- epoch payouts

  /**
   * Owner cut and validator take at an epoch (run_coinbase distribute_dividends_and_incentives):
   * silent share increases for the subnet owner and for each validator hotkey's owner coldkey
   * (update_value_for_one), no events. Nominators' alpha is unchanged by them: new shares are issued
   * at the current value per share.
   */
  epochPayout(netuid: number, ownerCut: bigint, validators: Acc[], takePpm: bigint): void {
    const sub = this.subnets.get(netuid);
    if (!sub) return;
    const pay = (hot: Acc, cold: Acc, alpha: bigint) => {
      if (alpha <= 0n) return;
      this.increasePosition(hot, cold, netuid, alpha);
      this.setIndexed('SubnetAlphaOut', netuid, this.subnetAlphaOut(netuid) + alpha, netuid);
    };
    pay(sub.ownerHotkey, sub.ownerColdkey, ownerCut);
    for (const hot of validators) {
      const owner = this.owners.get(hot);
      if (owner) pay(hot, owner, (this.dividends(hot, netuid, this.cur) * takePpm) / 1_000_000n);
    }
  }

  // ---------------------------------------------------------------- root claims

  /**
   * Auto root claim (spec ≥ 334, in on_initialize): pays each root-stake position of `cold` its
   * accrued alpha on the hotkey's dividend subnets; Keep stakes it on that subnet, Swap sells it
   * fee-less and adds the TAO to root stake. Only `RootClaimed{coldkey}` is emitted.
   */
  rootClaim(cold: Acc, dividendSubnets: (hot: Acc) => number[], ratePpbPerBlock: bigint): void {
    const claimType = this.rootClaimType(cold);
    const payouts: NonNullable<EventRec['payouts']> = [];
    for (const p of this.positionsOf(cold)) {
      if (p.netuid !== 0) continue;
      const rootStake = this.stake(p.hotkey, cold, 0);
      if (rootStake === 0n) continue;
      for (const n of dividendSubnets(p.hotkey)) {
        if (!this.subnets.has(n) || n === 0) continue;
        const key = storageKey('RootClaimed', n, p.hotkey, cold);
        const cell = this.cells.get(key);
        const lastBlocks = cell && cell.kind === 'log' ? cell.log.blocks : [];
        const since = lastBlocks.length
          ? (lastBlocks[lastBlocks.length - 1] as number)
          : (this.specs.find((s) => s.spec >= 334)?.from ?? this.cur);
        const elapsed = BigInt(Math.max(0, this.cur - since));
        const owed = (rootStake * elapsed * ratePpbPerBlock) / 1_000_000_000n;
        if (owed < 500_000n) continue; // RootClaimableThreshold
        const prev = (cell && cell.kind === 'log' ? (cell.log.at(this.cur) as bigint | undefined) : undefined) ?? 0n;
        this.setLog('RootClaimed', prev + owed, n, p.hotkey, cold);
        if (claimType === 'Keep') {
          this.increasePosition(p.hotkey, cold, n, owed);
          this.setIndexed('SubnetAlphaOut', n, this.subnetAlphaOut(n) + owed, n);
          payouts.push({ kind: 'RootClaimKeep', hotkey: p.hotkey, netuid: n, alpha: owed, tao: 0n });
        } else {
          const y = this.subnetTao(n);
          const x = this.subnetAlphaIn(n);
          const tao = sellAlpha(y, x, owed);
          this.setReserve('SubnetTAO', n, y - tao);
          this.setReserve('SubnetAlphaIn', n, x + owed);
          this.increasePosition(p.hotkey, cold, 0, tao);
          this.setReserve('SubnetTAO', 0, this.subnetTao(0) + tao);
          this.setIndexed('SubnetAlphaOut', 0, this.subnetAlphaOut(0) + tao, 0);
          payouts.push({ kind: 'RootClaimSwap', hotkey: p.hotkey, netuid: n, alpha: owed, tao });
        }
      }
    }
    this.emit({ pallet: 'SubtensorModule', name: 'RootClaimed', args: [cold], payouts });
  }

  // ---------------------------------------------------------------- blocks

  /** Starts building block b (state writes land at b). */
  beginBlock(b: number): void {
    if (b <= this.head && b !== 0) throw new Error(`block ${b} already exists (head ${this.head})`);
    this.cur = b;
    this.curRec = { init: [], xts: [] };
    this.curXt = null;
    if (this.specs.some((s) => s.from === b && b > 0)) {
      this.setLog('SystemLastRuntimeUpgrade', { specVersion: this.specAt(b), specName: 'node-subtensor' });
    }
  }

  /** Applies a signed extrinsic in the block being built. Invalid actions are included as failed. */
  submitExtrinsic(a: Action, submitted = false): ExtrinsicRec {
    if (!this.curRec) throw new Error('no block being built');
    const acc = this.account(a.coldkey);
    // The transaction fee is withdrawn up front whatever the outcome (Balances.Withdraw … TransactionFeePaid).
    const fee = acc.free < TX_FEE ? acc.free : TX_FEE;
    const xt: ExtrinsicRec = { signer: a.coldkey, nonce: acc.nonce, action: a, events: [], ok: true, submitted, fee };
    this.setAccount(a.coldkey, { nonce: acc.nonce + 1, free: acc.free - fee });
    this.curXt = xt;
    const err = this.check(a);
    if (err) xt.ok = false;
    else this.apply(a);
    this.curXt = null;
    this.curRec.xts.push(xt);
    return xt;
  }

  /** Emits an Initialization-phase event (inside initStep). */
  emitInit(e: EventRec): void {
    this.curRec?.init.push(e);
  }

  /** Runs a block-initialisation step (e.g. root claims) with Initialization-phase events. */
  initStep(fn: () => void): void {
    this.curXt = null;
    fn();
  }

  /** Finishes block b: stores it if anything happened and records ground truth. */
  endBlock(): void {
    const rec = this.curRec;
    if (!rec) throw new Error('no block being built');
    if (rec.init.length || rec.xts.length) {
      this.blocks.set(this.cur, rec);
      this.recordTruth(this.cur);
    }
    if (this.cur > this.head) this.head = this.cur;
    this.curRec = null;
  }

  /** Events of block b in System.Events order with their phase (null = Initialization). */
  eventsOf(b: number): { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] {
    const out: { phase: number | null; event: EventRec | 'success' | 'failed'; xt?: ExtrinsicRec }[] = [];
    const rec = this.blocks.get(b);
    for (const e of rec?.init ?? []) out.push({ phase: null, event: e });
    if (b > 0) out.push({ phase: 0, event: 'success' }); // timestamp.set inherent
    rec?.xts.forEach((xt, i) => {
      const phase = i + 1;
      out.push({ phase, event: { pallet: 'Balances', name: 'Withdraw', args: [xt.signer, xt.fee] }, xt });
      if (xt.ok) for (const e of xt.events) out.push({ phase, event: e, xt });
      out.push({
        phase,
        event: { pallet: 'TransactionPayment', name: 'TransactionFeePaid', args: [xt.signer, xt.fee, 0n] },
        xt,
      });
      out.push({ phase, event: xt.ok ? 'success' : 'failed', xt });
    });
    return out;
  }

  private recordTruth(b: number): void {
    if (this.tracked.size === 0) return;
    this.eventsOf(b).forEach(({ phase, event }, eventIndex) => {
      if (typeof event === 'string') return;
      for (const t of truthFor(this.tracked, b, eventIndex, phase, event)) this.truthEvents.push(t);
    });
  }

  // ---------------------------------------------------------------- finality / reorg

  /**
   * Drops every block above `keep` (a reorg of non-finalized blocks). Returns the user-submitted
   * actions that were in them, so the caller can re-include them on the new fork.
   */
  rollbackAfter(keep: number): Action[] {
    const requeue: Action[] = [];
    for (let b = this.head; b > keep; b--) {
      const rec = this.blocks.get(b);
      for (const xt of rec?.xts ?? []) if (xt.submitted) requeue.unshift(xt.action);
      this.blocks.delete(b);
      this.rollbackBlockCells(b, keep);
    }
    this.truthEvents = this.truthEvents.filter((t) => t.block <= keep);
    for (const [k, from] of this.trackedPositionsFrom) if (from > keep) this.trackedPositionsFrom.delete(k);
    this.head = keep;
    return requeue;
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
