/**
 * Ground truth of the basket era (docs/chain/baskets.md) for the scenario's user coldkeys: their fund
 * shares per validator over time (owed shares, what a claim would pay, the watermark, root stake) and
 * each fund's own figures (shares, NAV, BasketRate, BasketTwr, lifetime deposits and redemptions).
 * Sampled at every block where a basket event touched the fund, and at the head.
 */
import type { Chain } from './chain/chain.js';
import type { Acc } from './chain/accounts.js';
import { ss58 } from './chain/accounts.js';

export interface BasketTruth {
  /** a tracked coldkey's position in one validator's fund (emitted when it changed, and at the head) */
  baskets: {
    block: number;
    coldkey: string;
    hotkey: string;
    /** owed fund shares = floor(BasketRate · root stake) − BasketClaimed, ≥ 0 */
    shares: string;
    /** TAO a claim would pay now (get_basket_payout) */
    payout: string;
    /** BasketClaimed watermark (signed; negative = shares bought with stake_into_basket) */
    claimed: string;
    rootStake: string;
  }[];
  /** one fund's figures at each block where a basket event touched it, and at the head */
  funds: {
    block: number;
    hotkey: string;
    shares: string;
    nav: string;
    /** BasketRate bits (fixed point, 32 fractional bits) and BasketTwr bits (U64F64) */
    rate: string;
    twr: string;
    deposited: string;
    redeemed: string;
  }[];
}

const FUND_EVENTS = new Set(['BasketDeposited', 'BasketStakedIn', 'BasketClaimed', 'BasketHoldingConverted']);

/** Blocks at which each validator's fund was touched by a basket event (first argument = the hotkey). */
function fundBlocks(chain: Chain, upTo: number): Map<Acc, number[]> {
  const out = new Map<Acc, number[]>();
  for (const [b, rec] of [...chain.blocks.entries()].sort((x, y) => x[0] - y[0])) {
    if (b > upTo) break;
    for (const e of [...rec.init, ...rec.xts.flatMap((x) => x.events)]) {
      if (!FUND_EVENTS.has(e.name)) continue;
      const hot = e.args[0] as Acc;
      const list = out.get(hot) ?? [];
      if (list[list.length - 1] !== b) list.push(b);
      out.set(hot, list);
    }
  }
  return out;
}

export function buildBasketTruth(chain: Chain, upTo: number): BasketTruth {
  const baskets: BasketTruth['baskets'] = [];
  const funds: BasketTruth['funds'] = [];
  const bk = chain.basket;
  for (const [hot, blocks] of fundBlocks(chain, upTo)) {
    const samples = blocks[blocks.length - 1] === upTo ? blocks : [...blocks, upTo];
    const last = new Map<Acc, string>();
    for (const b of samples) {
      funds.push({
        block: b,
        hotkey: ss58(hot),
        shares: bk.shares(hot, b).toString(),
        nav: bk.nav(hot, b).toString(),
        rate: bk.rate(hot, b).toString(),
        twr: bk.twr(hot, b).toString(),
        deposited: bk.deposited(hot, b).toString(),
        redeemed: bk.redeemed(hot, b).toString(),
      });
      for (const cold of chain.tracked) {
        const row = {
          shares: bk.owed(hot, cold, b).toString(),
          payout: bk.payout(hot, cold, b).toString(),
          claimed: bk.claimed(hot, cold, b).toString(),
          rootStake: chain.stake(hot, cold, 0, b).toString(),
        };
        const key = JSON.stringify(row);
        const before = last.get(cold);
        if (before === key && b !== upTo) continue;
        if (before === undefined && row.shares === '0' && row.claimed === '0' && row.rootStake === '0') continue;
        last.set(cold, key);
        baskets.push({ block: b, coldkey: ss58(cold), hotkey: ss58(hot), ...row });
      }
    }
  }
  const order = (a: { block: number; hotkey: string }, b: typeof a) =>
    a.block - b.block || a.hotkey.localeCompare(b.hotkey);
  baskets.sort((a, b) => order(a, b) || a.coldkey.localeCompare(b.coldkey));
  funds.sort(order);
  return { baskets, funds };
}
