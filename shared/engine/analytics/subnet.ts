/**
 * Subnet health from local snapshots, and what exiting a position would cost now.
 * - Pool depth: the pool's TAO and α reserves and the market cap (α outstanding × price) at the
 *   as-of snapshot.
 * - Net TAO flow into the pool over 7 / 30 days: the change of the pool's TAO reserve since the last
 *   snapshot at least that old (stakes in − unstakes out, plus the TAO the chain injects as emission:
 *   the snapshots hold the reserve, not its parts). Null when no snapshot is that old, or it is of the
 *   subnet that had the netuid before a pruning.
 * - Exit slippage of selling 25 / 50 / 100 % of the position now: spot value − what the pool would
 *   return (../runtime quoteExit, fee included), and that gap as a share of the spot value.
 * - Share of network emissions: the subnet's TAO injection per block (DynamicInfo.tao_in_emission) over
 *   the sum of every subnet's at the latest snapshot block that recorded them all (only snapshots read
 *   with get_all_dynamic_info carry it; those read from storage do not). docs/chain/emissions.md.
 */
import { sameSubnet, type PriceBook } from '../prices';
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
  /** This subnet's share of the TAO injected into all pools per block (0..1), null when not recorded. */
  emissionShare: number | null;
  /** The snapshot block that share was read at. */
  emissionShareBlock: number | null;
}

export function poolHealth(prices: PriceBook, netuid: number, asOf: { block: number; timestamp: number }): PoolHealth {
  const now = prices.snapshotAt(netuid, asOf.block);
  const flow = (days: number): bigint | null => {
    const then = snapshotAtTime(prices, netuid, asOf.timestamp - days * DAY_MS, asOf.block);
    return now && then && sameSubnet(now, then) ? now.taoIn - then.taoIn : null;
  };
  return {
    taoReserve: now?.taoIn ?? null,
    alphaReserve: now?.alphaIn ?? null,
    marketCap: now ? alphaToTao(now.alphaOut, now.price) : null,
    netTaoFlow7d: flow(7),
    netTaoFlow30d: flow(30),
    ...emissionShare(prices, netuid, asOf.block),
  };
}

/** The subnet's tao_in_emission over all subnets' at its latest snapshot (at or before `block`) that has one. */
function emissionShare(
  prices: PriceBook,
  netuid: number,
  block: number,
): Pick<PoolHealth, 'emissionShare' | 'emissionShareBlock'> {
  const series = prices.series(netuid);
  for (let i = series.length - 1; i >= 0; i--) {
    const own = series[i]!;
    if (own.blockNumber > block || own.taoInEmission === undefined) continue;
    let total = 0n;
    for (const other of prices.netuids()) {
      const s = prices.snapshotAt(other, own.blockNumber);
      if (s?.blockNumber === own.blockNumber && s.taoInEmission !== undefined) total += s.taoInEmission;
    }
    return { emissionShare: ratio(own.taoInEmission, total), emissionShareBlock: own.blockNumber };
  }
  return { emissionShare: null, emissionShareBlock: null };
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
