/**
 * Basket positions (./baskets) inside the portfolio's figures: the total, each wallet and each wallet
 * group include the basket positions of their coldkeys, so the headline value, total return, income,
 * realized and unrealized add up across subnet and basket positions (docs/chain/baskets.md#value). Subnet
 * aggregates do not (a fund is not a subnet; the Subnets page shows baskets in their own section).
 *
 * Per basket position: spot and exit value += what a claim would pay now, cost basis, realized,
 * unrealized, income, TAO in/out and total return += its figures. A claim is a TAO flow out of the basket
 * position and into the root position (`basket-claim`), so it nets to zero in the portfolio's TAO in/out.
 * Fiat (with TAO/fiat prices): its lot-based fiat cost, realized and income (./basket-types `BasketFiat`) add
 * to the subnets' as another lot's would, so unrealized fiat = value at the as-of day's price − fiat cost.
 *
 * The series (./timeseries) gets the same: each point adds the basket totals at its block (value, cost
 * basis, realized, income, net invested), so the chart's last point is the card.
 */
import type { FiatBook } from './fiat';
import type { AggregateResult, Figures, PnlResult } from './pnl';
import { emptyFigures } from './pnl';
import type { Series, SeriesPoint } from './timeseries';
import {
  BASKET_FIGURE_KEYS,
  type BasketFiat,
  type BasketFigures,
  type BasketPositionResult,
  type BasketRecord,
  type BasketResult,
  type BasketSample,
} from './basket-types';
import { ratio, taoToFiat } from './units';

/** A TAO flow of a basket position: purchases and shares received (+), claims and shares sent (−). */
export interface BasketFlow {
  key: string;
  blockNumber: number;
  tao: bigint;
}

const FLOW_SIGN: Partial<Record<BasketRecord['kind'], 1n | -1n>> = {
  purchase: 1n,
  'transfer-in': 1n,
  claim: -1n,
  'transfer-out': -1n,
};

/** The basket positions' TAO flows in block order (what the benchmarks buy and sell). */
export function basketFlows(b: BasketResult): BasketFlow[] {
  const out: BasketFlow[] = [];
  for (const r of b.records) {
    const sign = FLOW_SIGN[r.kind];
    if (sign !== undefined && r.tao !== 0n)
      out.push({ key: r.position, blockNumber: r.blockNumber, tao: sign * r.tao });
  }
  return out.sort((a, c) => a.blockNumber - c.blockNumber);
}

/** Figures plus basket positions (fiat: their lot-based figures, ./basket-types `BasketFiat`; values at the as-of day). */
function addBaskets(
  f: Figures,
  parts: readonly { figures: BasketFigures; fiat: BasketFiat | null }[],
  fiatPrice: bigint | null,
): Figures {
  if (parts.length === 0) return f;
  const out: Figures = { ...f, flags: { ...f.flags } };
  for (const { figures: b, fiat } of parts) {
    out.spotValue += b.value;
    out.exitValue += b.value;
    out.costBasis += b.costBasis;
    out.realized += b.realized;
    out.unrealized += b.unrealized;
    out.incomeTao += b.income;
    out.taoIn += b.taoIn;
    out.taoOut += b.taoOut;
    // A purchase's fee is friction like a subnet swap's (the benchmarks' friction effect).
    out.friction += b.fees;
    out.totalReturn += b.totalReturn;
    if (fiat) {
      out.realizedFiat += fiat.realized;
      out.incomeFiat += fiat.income;
      out.flags.fiatIncomplete ||= fiat.incomplete;
      if (fiat.costBasis === null) out.flags.fiatBasisUnknown = out.flags.fiatIncomplete = true;
      else out.costBasisFiat += fiat.costBasis;
    }
  }
  out.avgEntryPrice = null;
  out.totalReturnPct = ratio(out.totalReturn, out.taoIn);
  if (fiatPrice !== null) {
    const value = taoToFiat(out.spotValue, fiatPrice);
    out.spotValueFiat = value;
    // As ./figure-record has it: value − what the lots and fund shares held cost in fiat.
    out.unrealizedFiat = out.flags.fiatBasisUnknown ? null : value - out.costBasisFiat;
  }
  return out;
}

/**
 * One basket position as PnL figures (value as spot and exit value, income as incomeTao; α columns 0), with
 * its fiat figures when given (values at `fiatPrice`, the as-of day's).
 */
export function basketAsFigures(
  b: BasketFigures,
  fiat: BasketFiat | null = null,
  fiatPrice: bigint | null = null,
): Figures {
  return addBaskets(emptyFigures(), [{ figures: b, fiat }], fiatPrice);
}

/** The PnL result with the basket positions in its total, wallets and groups. */
export function withBasketTotals(
  pnl: PnlResult,
  baskets: BasketResult,
  opts: { walletGroups: Readonly<Record<string, readonly string[]>>; fiat: FiatBook | null },
): PnlResult {
  const held = baskets.positions.filter((p) => !isEmpty(p));
  if (held.length === 0) return pnl;
  const fiatPrice = opts.fiat ? opts.fiat.priceOn(pnl.asOfTimestamp) : null;
  const part = (p: BasketPositionResult) => ({ figures: p.figures, fiat: opts.fiat ? (p.fiat ?? null) : null });
  const merge = (a: AggregateResult, of: (p: BasketPositionResult) => boolean): AggregateResult => {
    const mine = held.filter(of);
    return mine.length === 0 ? a : { ...a, figures: addBaskets(a.figures, mine.map(part), fiatPrice) };
  };
  const wallets = new Map(pnl.wallets.map((w) => [w.key, w]));
  for (const p of held)
    if (!wallets.has(p.coldkey))
      wallets.set(p.coldkey, { key: p.coldkey, kind: 'wallet', figures: emptyFigures(), positions: [] });
  const groupOf = new Map(Object.entries(opts.walletGroups).map(([g, ws]) => [g, new Set(ws)]));
  return {
    ...pnl,
    // The days the basket positions' fiat figures lacked a price too (they are computed after the subnets').
    fiatMissingDays: opts.fiat ? opts.fiat.missing() : pnl.fiatMissingDays,
    total: merge(pnl.total, () => true),
    wallets: [...wallets.values()]
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((w) => merge(w, (p) => p.coldkey === w.key)),
    groups: pnl.groups.map((g) => merge(g, (p) => groupOf.get(g.key)?.has(p.coldkey) ?? false)),
  };
}

/** A basket position whose figures are all 0 adds nothing (one a swap carried away). */
const isEmpty = (p: BasketPositionResult): boolean => BASKET_FIGURE_KEYS.every((k) => p.figures[k] === 0n);

/** Each point plus the basket totals sampled at its block (`samples[i]` belongs to `points[i]`). */
function addToPoints(points: readonly SeriesPoint[], samples: readonly BasketSample[]): SeriesPoint[] {
  let prevIncome = 0n;
  return points.map((p, i) => {
    const s = samples[i];
    if (!s) return p;
    const gained = s.income - prevIncome;
    prevIncome = s.income;
    const value = p.value + s.value;
    const costBasis = p.costBasis + s.costBasis;
    return {
      ...p,
      value,
      costBasis,
      realizedCum: p.realizedCum + s.realized,
      unrealized: value - costBasis,
      incomeCum: p.incomeCum + s.income,
      incomeInPeriod: p.incomeInPeriod + gained,
      netInvested: p.netInvested + s.taoIn - s.taoOut,
    };
  });
}

/** The series with the basket positions in every point; `sampleAt(blocks)` gives their totals at blocks. */
export function withBasketSeries(series: Series, sampleAt: (blocks: readonly number[]) => BasketSample[]): Series {
  const blocksOf = (ps: readonly SeriesPoint[]) => ps.map((p) => p.blockNumber);
  return {
    ...series,
    daily: addToPoints(series.daily, sampleAt(blocksOf(series.daily))),
    perEvent: addToPoints(series.perEvent, sampleAt(blocksOf(series.perEvent))),
  };
}
