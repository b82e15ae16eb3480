/**
 * One event → one leg: the per-runtime reading of StakeAdded / StakeRemoved / α burns into a
 * position's gross α change, its TAO flow and its fee (rules in ./runtime, docs/chain/fees.md).
 */
import { impliedPreFieldFee, removedAlphaIsNet, removeFeeUnit, taoFieldsNetOfFee, SPEC_FEE_FIELD } from './runtime';
import type { PriceBook } from './prices';
import type { LedgerLeg, StakeEvent } from './ledger';
import type { LegBasis, LegCategory } from '../vocab';
import type { PortfolioState } from './state';
import { alphaToTao } from './units';

/** The position an event names. Stake events always name one; a stored row without is corrupt. */
export function positionOf(e: StakeEvent): { coldkey: string; hotkey: string; netuid: number } {
  if (e.hotkey === null || e.netuid === null) {
    throw new Error(
      `${e.kind} at block ${e.blockNumber} (event ${e.eventIndex}) names no ${e.hotkey === null ? 'hotkey' : 'subnet'}: ` +
        'the stored facts are damaged; re-sync this wallet.',
    );
  }
  return { coldkey: e.coldkey, hotkey: e.hotkey, netuid: e.netuid };
}

/**
 * Fill a leg's pre-event spot value of |alpha| (snapshot at block − 1). `magnitude` is |alpha| when the
 * caller already has it (a disposal's gross α), which saves negating it again once per event.
 */
export function withSpot(
  leg: LedgerLeg,
  prices: PriceBook | undefined,
  block: number,
  magnitude: bigint = leg.alpha < 0n ? -leg.alpha : leg.alpha,
): LedgerLeg {
  if (!prices) return leg;
  const a = magnitude;
  if (leg.netuid === 0) {
    // Root is 1:1 (α is TAO): the value comes from no snapshot, so `spotBlock` stays null.
    leg.spotTao = a;
    return leg;
  }
  const s = prices.snapshotRefAt(leg.netuid, block - 1);
  if (s === null) return leg;
  leg.spotTao = alphaToTao(a, s.price);
  leg.spotBlock = s.blockNumber;
  return leg;
}

/** `withSpot`'s value alone (a trade applied straight from its event, ./state `applyTradeEvent`). */
export function spotTaoOf(
  prices: PriceBook | undefined,
  netuid: number,
  block: number,
  magnitude: bigint,
): bigint | null {
  if (!prices) return null;
  if (netuid === 0) return magnitude;
  const s = prices.snapshotRefAt(netuid, block - 1);
  return s === null ? null : alphaToTao(magnitude, s.price);
}

/**
 * A leg with no spot value yet, always a new object. (A leg object reused across events was tried: it
 * lives in the old generation, so every bigint written into it is an old-to-new pointer the write
 * barrier records and the next young collection must visit; a fresh leg dies young for free. On the
 * 1M-event bench a fresh leg per trade took about a fifth off the computation's CPU time.)
 */
function makeLeg(
  e: StakeEvent,
  alpha: bigint,
  category: LegCategory,
  basis: LegBasis,
  tao: bigint,
  fee: bigint | null,
  feeUnit: LedgerLeg['feeUnit'],
): LedgerLeg {
  const { coldkey, hotkey, netuid } = positionOf(e);
  return { coldkey, hotkey, netuid, alpha, category, basis, tao, fee, feeUnit, spotTao: null, spotBlock: null };
}

export type AddContext = { side: 'add' } | { side: 'move' | 'move-same-subnet'; originTaoNet: bigint | null };
/** The context of a plain StakeAdded (one shared object: the hot path builds no context per event). */
export const PLAIN_ADD: AddContext = { side: 'add' };

/** The TAO fee of a StakeAdded (null: charged, but unobservable at 252–256 for a move side). */
export function addedFee(e: StakeEvent, ctx: AddContext): bigint | null {
  // From v3 the fee field is the TAO fee; before v3 StakeAdded.tao is net of it.
  if (!taoFieldsNetOfFee(e.specVersion) || e.specVersion >= SPEC_FEE_FIELD) return e.fee;
  const fee = impliedPreFieldFee(e.specVersion, ctx.side);
  // 252–256 move: the TAO leaving the origin (net) is what entered the destination (gross).
  if (fee === null && ctx.side !== 'add' && ctx.originTaoNet !== null) return ctx.originTaoNet - e.tao;
  return fee;
}

/** The gross TAO a StakeAdded paid, given its fee (`addedFee`). */
export function addedTao(e: StakeEvent, fee: bigint | null): bigint {
  return taoFieldsNetOfFee(e.specVersion) && fee !== null ? e.tao + fee : e.tao;
}

/** Acquisition leg from a StakeAdded: gross TAO paid, α received, TAO fee. */
export function addedLeg(
  e: StakeEvent,
  category: LegCategory,
  basis: LegBasis,
  ctx: AddContext,
  prices?: PriceBook,
): LedgerLeg {
  const fee = addedFee(e, ctx);
  return withSpot(makeLeg(e, e.alpha, category, basis, addedTao(e, fee), fee, 'tao'), prices, e.blockNumber);
}

/** The fee of a StakeRemoved (TAO before v3, α from v3; null: charged but unobservable, 252–256). */
export function removedFee(e: StakeEvent, side: 'remove' | 'move' | 'move-same-subnet'): bigint | null {
  return e.specVersion < SPEC_FEE_FIELD ? impliedPreFieldFee(e.specVersion, side) : e.fee;
}

/** The gross α a StakeRemoved took from the position: ≥397 the event carries the NET α swapped, the position lost α + fee. */
export function removedGross(e: StakeEvent): bigint {
  return removedAlphaIsNet(e.specVersion) && e.fee !== 0n ? e.alpha + e.fee : e.alpha;
}

/** Disposal leg from a StakeRemoved: gross α leaving, net TAO received, fee (TAO before v3, α from v3). */
export function removedLeg(
  e: StakeEvent,
  category: LegCategory,
  basis: LegBasis,
  side: 'remove' | 'move' | 'move-same-subnet',
  prices?: PriceBook,
): LedgerLeg {
  const gross = removedGross(e);
  const leg = makeLeg(e, -gross, category, basis, e.tao, removedFee(e, side), removeFeeUnit(e.specVersion));
  return withSpot(leg, prices, e.blockNumber, gross < 0n ? -gross : gross);
}

/** α that leaves a position with no proceeds (recycle, burn): an expense valued at spot. */
export function burnedLeg(e: StakeEvent, prices?: PriceBook): LedgerLeg {
  return withSpot(makeLeg(e, -e.alpha, 'burned', 'expense', 0n, 0n, 'alpha'), prices, e.blockNumber);
}

/**
 * A lone StakeAdded / StakeRemoved of a tracked wallet applied straight from the event (the replay's
 * fast path): exactly the `buy` / `sell` entry's one leg (`addedLeg`, `removedLeg`), without building
 * it. On the 1M-event bench the leg objects were about a third of the computation's allocation.
 */
export function applyTradeEvent(state: PortfolioState, e: StakeEvent, prices: PriceBook | undefined): void {
  if (e.hotkey === null || e.netuid === null) positionOf(e); // throws: the stored facts are damaged
  const netuid = e.netuid as number;
  const block = e.blockNumber;
  const p = state.position(e.coldkey, e.hotkey as string, netuid);
  if (e.kind === 'StakeAdded') {
    const fee = addedFee(e, PLAIN_ADD);
    const buy = e.alpha >= 0n;
    const amount = buy ? e.alpha : -e.alpha;
    const spot = spotTaoOf(prices, netuid, block, amount);
    state.trade(p, block, e.timestamp, buy, amount, addedTao(e, fee), fee, 'tao', spot, false);
    return;
  }
  // The leg's α is −gross: a disposal (0 α too: TAO received is proceeds), unless the event took less.
  const gross = removedGross(e);
  const buy = gross < 0n;
  const amount = buy ? -gross : gross;
  const spot = spotTaoOf(prices, netuid, block, amount);
  const fee = removedFee(e, 'remove');
  state.trade(p, block, e.timestamp, buy, amount, e.tao, fee, removeFeeUnit(e.specVersion), spot, false);
}
