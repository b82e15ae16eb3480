/**
 * BetaBasketRuntimeApi (runtime ≥ 441; the shapes are those of the real finney 455 metadata, see
 * docs/chain/baskets.md). Values come from the fund book (basket.ts): NAV and `value_tao` are the
 * fee-free full-liquidation ("realizable") value of each escrow row, `spot_*` is α × spot price.
 * The beta display figures (display_beta, display_price) are the devnet's simple reading — owed
 * shares and NAV per share — an assumption: the runtime splices them onto a published index.
 */
import type { Acc } from './accounts.js';
import type { Chain } from './chain.js';
import type { Row } from './basket.js';

const ONE64 = 1n << 64n;

function spotValue(chain: Chain, r: Row, b: number): bigint {
  return r.netuid === 0 ? r.alpha : (r.alpha * chain.priceRao(r.netuid, b)) / 1_000_000_000n;
}

/** Every hotkey with a fund at block b (including one a later hotkey swap moved away). */
export function fundHotkeys(chain: Chain, b: number): Acc[] {
  return [...chain.basket.funds].filter((h) => chain.basket.shares(h, b) > 0n).sort();
}

function summary(chain: Chain, hot: Acc, b: number) {
  const rows = chain.basket.rows(hot, b);
  return {
    hotkey: hot,
    navTao: rows.reduce((s, r) => s + r.tao, 0n),
    spotNavTao: rows.reduce((s, r) => s + spotValue(chain, r, b), 0n),
    shares: chain.basket.shares(hot, b),
    depositedTao: chain.basket.deposited(hot, b),
    redeemedTao: chain.basket.redeemed(hot, b),
    // dividends accumulate in place (no weight vector is simulated)
    weights: [],
    holdings: rows.map((r) => ({
      netuid: r.netuid,
      alpha: r.alpha,
      spotTao: spotValue(chain, r, b),
      realizableTao: r.tao,
    })),
  };
}

/** One staker's position on one fund, or null when nothing is owed there. */
function position(chain: Chain, hot: Acc, cold: Acc, b: number) {
  const owed = chain.basket.owed(hot, cold, b);
  const total = chain.basket.shares(hot, b);
  if (owed === 0n || total === 0n) return null;
  const rows = chain.basket.rows(hot, b);
  const nav = rows.reduce((s, r) => s + r.tao, 0n);
  const spot = rows.reduce((s, r) => s + spotValue(chain, r, b), 0n);
  return {
    hotkey: hot,
    beta: owed,
    betaTotal: total,
    navTao: nav,
    valueTao: chain.basket.payout(hot, cold, b),
    spotValueTao: (spot * owed) / total,
  };
}

function betaPosition(chain: Chain, hot: Acc, cold: Acc, b: number) {
  const p = position(chain, hot, cold, b);
  if (!p) return null;
  return {
    hotkey: hot,
    beta: p.beta,
    displayBeta: { bits: p.beta * ONE64 },
    displayPrice: { bits: (p.navTao * ONE64) / p.betaTotal },
    valueTao: p.valueTao,
    spotValueTao: p.spotValueTao,
    provisional: false,
  };
}

/** The coldkey's funds: validators it root-stakes on or holds a watermark with, at block b. */
function fundsOf(chain: Chain, cold: Acc, b: number): Acc[] {
  return fundHotkeys(chain, b).filter((h) => chain.basket.owed(h, cold, b) > 0n);
}

/** The answer of one BetaBasketRuntimeApi method (undefined: not simulated). */
export function basketApi(chain: Chain, method: string, args: { acc(i: number): Acc }, b: number): unknown {
  switch (method) {
    case 'get_basket_payout':
      return chain.basket.payout(args.acc(0), args.acc(1), b);
    case 'get_root_basket_owed': {
      const cold = args.acc(0);
      return fundsOf(chain, cold, b).reduce((s, h) => s + chain.basket.payout(h, cold, b), 0n);
    }
    case 'get_validator_basket_nav':
      return chain.basket.nav(args.acc(0), b);
    case 'get_validator_basket':
      return chain.basket.rows(args.acc(0), b).map((r) => [r.netuid, r.alpha, r.tao]);
    case 'get_root_basket_total_nav':
      return fundHotkeys(chain, b).reduce((s, h) => s + chain.basket.nav(h, b), 0n);
    case 'get_validator_weights':
      return [];
    case 'get_validator_basket_summary':
      return summary(chain, args.acc(0), b);
    case 'get_all_validator_baskets':
      return fundHotkeys(chain, b).map((h) => summary(chain, h, b));
    case 'get_root_basket_positions': {
      const cold = args.acc(0);
      return fundsOf(chain, cold, b).map((h) => [h, chain.basket.owed(h, cold, b), chain.basket.payout(h, cold, b)]);
    }
    case 'get_basket_position':
      return position(chain, args.acc(0), args.acc(1), b);
    case 'get_root_basket_portfolio': {
      const cold = args.acc(0);
      return fundsOf(chain, cold, b).map((h) => position(chain, h, cold, b));
    }
    case 'get_beta_position':
      return betaPosition(chain, args.acc(0), args.acc(1), b);
    case 'get_beta_portfolio': {
      const cold = args.acc(0);
      return fundsOf(chain, cold, b).map((h) => betaPosition(chain, h, cold, b));
    }
    default:
      return undefined;
  }
}
