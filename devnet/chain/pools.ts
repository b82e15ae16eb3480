/**
 * Pool swap math and the fee rules of each runtime era (docs/chain/fees.md, dynamic subnets):
 *  - spec < 283 ("flat"): flat 50,000 rao fee on add/remove, 25,000 per side on moves; the fee stays
 *    in SubnetTAO; StakeAdded.tao / StakeRemoved.tao are net of it; the event has a fee field from 257.
 *  - 283..394 ("v3"): fee = floor(amount·FeeRate/65535) (196 before 297, 33 after), in TAO on buys and
 *    alpha on sells; it leaves the reserves (LP accumulators < 385, block author ≥ 385, where the alpha
 *    fee is first sold fee-less). StakeAdded.tao = gross, StakeRemoved.alpha = gross.
 * Root (mechanism 0) is 1:1 and fee-free from 283. Constant product: out = floor(R_out·Δ/(R_in+Δ)).
 */
export const FLAT_FEE = 50_000n;
export const MIN_STAKE_233 = 500_000n;
export const MIN_STAKE = 2_000_000n;

export type FeeEra = 'flat' | 'v3';

export function feeEra(spec: number): FeeEra {
  return spec < 283 ? 'flat' : 'v3';
}

export function feeRate(spec: number): bigint {
  return spec < 297 ? 196n : 33n;
}

export function minStake(spec: number): bigint {
  return spec < 283 ? MIN_STAKE_233 : MIN_STAKE;
}

/** Whether the StakeAdded/StakeRemoved events of this runtime carry the 6th `fee` field. */
export function eventsHaveFee(spec: number): boolean {
  return spec >= 257;
}

/** TAO in → alpha out. */
export function buyAlpha(taoReserve: bigint, alphaReserve: bigint, taoIn: bigint): bigint {
  if (taoIn <= 0n) return 0n;
  return (alphaReserve * taoIn) / (taoReserve + taoIn);
}

/** alpha in → TAO out. */
export function sellAlpha(taoReserve: bigint, alphaReserve: bigint, alphaIn: bigint): bigint {
  if (alphaIn <= 0n) return 0n;
  return (taoReserve * alphaIn) / (alphaReserve + alphaIn);
}

export function swapFee(spec: number, amount: bigint): bigint {
  return (amount * feeRate(spec)) / 65535n;
}

/** Spot price in rao per 1 alpha (SwapRuntimeApi.current_alpha_price). */
export function alphaPriceRao(netuid: number, taoReserve: bigint, alphaReserve: bigint): bigint {
  if (netuid === 0) return 1_000_000_000n;
  if (alphaReserve === 0n) return 0n;
  return (taoReserve * 1_000_000_000n) / alphaReserve;
}
