/**
 * SwapRuntimeApi. Up to 393 the devnet's pools are constant product; from 423 the balancer
 * (balancer.ts) answers as the runtime does (runtime/src/lib.rs SwapRuntimeApi, swap impls.rs
 * sim_swap): the simulation runs the real swap with fees and no price limit, so
 * sim_swap_alpha_for_tao(n, α) gives exactly what remove_stake(α) pays — tao_amount = StakeRemoved.tao,
 * alpha_amount = StakeRemoved.alpha (net), alpha_fee = StakeRemoved.fee. See docs/chain/balancer.md.
 */
import type { Chain } from './chain.js';
import { alphaOut, balancerFee, taoOut } from './balancer.js';
import { buyAlpha, feeRate, sellAlpha, swapFee } from './pools.js';
import { subnetsAt } from './api-stake-info.js';

const ONE = 1n << 64n;
const sat = (x: bigint) => (x < 0n ? 0n : x);

export function simSwap(chain: Chain, netuid: number, amount: bigint, taoForAlpha: boolean, b: number) {
  const spec = chain.specAt(b);
  if (!chain.balancer.active(netuid, b)) {
    const y = chain.subnetTao(netuid, b);
    const x = chain.subnetAlphaIn(netuid, b);
    const fee = netuid === 0 ? 0n : swapFee(spec, amount);
    if (taoForAlpha) {
      const alpha = netuid === 0 ? amount : buyAlpha(y, x, amount - fee);
      return { taoAmount: amount, alphaAmount: alpha, taoFee: fee, alphaFee: 0, taoSlippage: 0, alphaSlippage: 0 };
    }
    const tao = netuid === 0 ? amount : sellAlpha(y, x, amount - fee);
    return { taoAmount: tao, alphaAmount: amount, taoFee: 0, alphaFee: fee, taoSlippage: 0, alphaSlippage: 0 };
  }
  const q = chain.balancer.quote(netuid, b);
  const r = chain.balancer.reserves(netuid, b);
  const price = chain.balancer.priceBits(netuid, b);
  const fee = balancerFee(amount, feeRate(spec));
  const net = amount - fee;
  if (taoForAlpha) {
    const alpha = alphaOut(q, r, net);
    const noSlippage = price === 0n ? 0n : (amount * ONE) / price;
    return {
      taoAmount: net,
      alphaAmount: alpha,
      taoFee: fee,
      alphaFee: 0,
      taoSlippage: 0,
      alphaSlippage: sat(noSlippage - alpha),
    };
  }
  const tao = taoOut(q, r, net);
  const noSlippage = (amount * price) / ONE;
  return {
    taoAmount: tao,
    alphaAmount: net,
    taoFee: 0,
    alphaFee: fee,
    taoSlippage: sat(noSlippage - tao),
    alphaSlippage: 0,
  };
}

/** current_alpha_price_all: every subnet's price (root and stable subnets 1e9). */
export function allPrices(chain: Chain, b: number) {
  return subnetsAt(chain, b).map((netuid) => ({ netuid, price: chain.priceRao(netuid, b) }));
}
