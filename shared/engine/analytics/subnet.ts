/**
 * Subnet health from local snapshots, and what exiting a position would cost now.
 * - Pool depth: the pool's TAO and α reserves and the market cap (α outstanding × price) at the
 *   as-of snapshot.
 * - Net TAO flow into the pool over 7 / 30 days: the change of the pool's TAO reserve since the last
 *   snapshot at least that old (stakes in − unstakes out, plus the TAO the chain injects as emission:
 *   the snapshots hold the reserve, not its parts). Null when no snapshot is that old.
 * - Exit slippage of selling 25 / 50 / 100 % of the position now: spot value − what the pool would
 *   return (../runtime quoteExit, fee included), and that gap as a share of the spot value.
 * The share of network emissions is not in the stored snapshots, so it is not computed here.
 */
import type { PriceBook } from '../prices';
import { quoteExit } from '../runtime';
import { alphaToTao, ratio } from '../units';
import { snapshotAtTime } from './positions';

const DAY_MS = 86_400_000;

export interface PoolHealth {
  taoReserve: bigint | null;
  alphaReserve: bigint | null;
  marketCap: bigint | null;
  netTaoFlow7d: bigint | null;
  netTaoFlow30d: bigint | null;
}

export function poolHealth(prices: PriceBook, netuid: number, asOf: { block: number; timestamp: number }): PoolHealth {
  const now = prices.snapshotAt(netuid, asOf.block);
  const flow = (days: number): bigint | null => {
    const then = snapshotAtTime(prices, netuid, asOf.timestamp - days * DAY_MS, asOf.block);
    return now && then ? now.taoIn - then.taoIn : null;
  };
  return {
    taoReserve: now?.taoIn ?? null,
    alphaReserve: now?.alphaIn ?? null,
    marketCap: now ? alphaToTao(now.alphaOut, now.price) : null,
    netTaoFlow7d: flow(7),
    netTaoFlow30d: flow(30),
  };
}

export const EXIT_FRACTIONS = [25, 50, 100] as const;

export interface ExitCost {
  /** Percent of the position sold. */
  percent: (typeof EXIT_FRACTIONS)[number];
  alpha: bigint;
  spotValue: bigint;
  exitValue: bigint;
  /** spotValue − exitValue: slippage and fee. */
  cost: bigint;
  /** cost ÷ spotValue. */
  share: number | null;
  approximate: boolean;
}

export function exitCosts(
  prices: PriceBook,
  netuid: number,
  alpha: bigint,
  block: number,
  fallbackSpec: number,
): ExitCost[] | null {
  const pool = prices.poolAt(netuid, block);
  if (!pool || alpha <= 0n) return null;
  const spec = prices.snapshotAt(netuid, block)?.specVersion ?? fallbackSpec;
  return EXIT_FRACTIONS.map((percent) => {
    const a = (alpha * BigInt(percent)) / 100n;
    const spotValue = alphaToTao(a, pool.price);
    const quote = quoteExit(a, pool, spec);
    const cost = spotValue - quote.tao;
    return {
      percent,
      alpha: a,
      spotValue,
      exitValue: quote.tao,
      cost,
      share: ratio(cost, spotValue),
      approximate: quote.approximate,
    };
  });
}
