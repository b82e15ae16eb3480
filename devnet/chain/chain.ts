/**
 * The simulated chain: its state model (ChainState) composed with the parts that change it —
 * staking primitives, signed extrinsics, silent payouts and block building. Everything here is
 * deterministic; randomness lives in the actors that drive it (actors.ts).
 */
import type { Acc } from './accounts.js';
import { BlockBuilder } from './blocks.js';
import { Extrinsics } from './extrinsics.js';
import { ModernExtrinsics } from './extrinsics-424.js';
import { LimitOrders } from './limit-orders.js';
import { Swaps } from './swaps.js';
import { BasketBook, ESCROW, ROOT_DIVIDEND_PPB } from './basket.js';
import { BasketExtrinsics } from './extrinsics-455.js';
import { Payouts } from './payouts.js';
import { Leases } from './leases.js';
import type { IncentiveCredit } from './miners.js';
import { BASKET_SPEC, ChainState } from './state.js';
import { Staking } from './staking.js';
import type { Action, BlockRec, EventRec, ExtrinsicRec, SpecSpan, TruthEvent } from './types.js';

export * from './types.js';

export class Chain extends ChainState {
  readonly builder: BlockBuilder = new BlockBuilder(this);
  readonly staking: Staking = new Staking(this);
  readonly extrinsics: Extrinsics = new Extrinsics(this);
  readonly payouts: Payouts = new Payouts(this);
  /** calls of the balancer era (spec ≥ 423) */
  readonly modernXt: ModernExtrinsics = new ModernExtrinsics(this);
  readonly swaps: Swaps = new Swaps(this);
  readonly orders: LimitOrders = new LimitOrders(this);
  /** beta baskets (spec ≥ 441) */
  readonly basket: BasketBook = new BasketBook(this, ROOT_DIVIDEND_PPB);
  readonly basketXt: BasketExtrinsics = new BasketExtrinsics(this);
  /** subnet leases (spec ≥ 361): contributors' dividends */
  readonly leases: Leases = new Leases(this);
  /** every miner incentive credit (chain/miners.ts), for the truth; `hasMiners` once a miner is registered */
  minerCredits: IncentiveCredit[] = [];
  hasMiners = false;

  constructor(seed: number, specs: SpecSpan[], genesisTime: number) {
    super(seed, specs, genesisTime);
  }

  // A root stake change (any path: staking, claims, epoch payouts, fills, swaps) first fixes what the
  // validator's fund has queued at the stake it accrued with (docs/chain/baskets.md, Dividends).
  override increasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): void {
    if (netuid === 0 && alpha > 0n) this.rootStakeChanging(hot, cold);
    super.increasePosition(hot, cold, netuid, alpha);
  }

  override decreasePosition(hot: Acc, cold: Acc, netuid: number, alpha: bigint): bigint {
    if (netuid === 0) this.rootStakeChanging(hot, cold);
    return super.decreasePosition(hot, cold, netuid, alpha);
  }

  private rootStakeChanging(hot: Acc, cold: Acc): void {
    if (cold !== ESCROW && this.specAt(this.cur) >= BASKET_SPEC)
      this.basket.queue.fix(hot, this.dividendSubnetsOf(hot));
  }

  /** Stored blocks (those where something happened). */
  get blocks(): Map<number, BlockRec> {
    return this.builder.blocks;
  }

  get truthEvents(): TruthEvent[] {
    return this.builder.truthEvents;
  }

  /** Deposits an event into the extrinsic (or Initialization phase) being built. */
  emit(e: EventRec): void {
    this.builder.emit(e);
  }

  check(a: Action): string | null {
    return this.extrinsics.check(a);
  }

  beginBlock(b: number): void {
    this.builder.beginBlock(b);
  }

  submitExtrinsic(a: Action, submitted = false): ExtrinsicRec {
    return this.builder.submitExtrinsic(a, submitted);
  }

  emitInit(e: EventRec): void {
    this.builder.emitInit(e);
  }

  initStep(fn: () => void): void {
    this.builder.initStep(fn);
  }

  endBlock(): void {
    this.builder.endBlock();
  }

  eventsOf(b: number): ReturnType<BlockBuilder['eventsOf']> {
    return this.builder.eventsOf(b);
  }

  rollbackAfter(keep: number): Action[] {
    return this.builder.rollbackAfter(keep);
  }

  epochPayout(netuid: number, ownerCut: bigint, validators: Acc[], takePpm: bigint): void {
    this.payouts.epochPayout(netuid, ownerCut, validators, takePpm);
  }

  rootClaim(cold: Acc, dividendSubnets: (hot: Acc) => number[], ratePpbPerBlock: bigint): void {
    this.payouts.rootClaim(cold, dividendSubnets, ratePpbPerBlock);
  }
}
