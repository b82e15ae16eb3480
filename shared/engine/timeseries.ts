/**
 * Time series for charts, rebuilt from the first event (not from install day): portfolio value,
 * per-subnet value, cost basis, cumulative realized PnL, unrealized PnL, emission income per period
 * and cumulative, and benchmark lines (Hold TAO = net TAO put in; Root stake at the observed root
 * yield index; Subnet basket with one market-cap-weighted purchase per day of net flow).
 *
 * Daily points are taken at the end of each UTC day that has any event/checkpoint, valued at the last
 * block seen that day (days without any block in the data are skipped: no block, no price).
 * Per-event points (optional) are taken after every ledger entry and checkpoint; each costs
 * O(positions), so use them for single positions/subnets or modest portfolios.
 */
import type { LedgerEntry } from './ledger';
import type { PositionCheckpoint } from './emissions';
import type { PriceBook } from './prices';
import { PortfolioState, ROOT_INDEX_SCALE, type StateOptions } from './state';
import { replay, type ReplayItem } from './replay';
import { alphaToTao, floorDiv } from './units';

export interface SeriesPoint {
  /** ms: end of day (daily) or event time (per event) */
  t: number;
  /** UTC day YYYY-MM-DD */
  day: string;
  blockNumber: number;
  value: bigint;
  valueBySubnet: Map<number, bigint>;
  costBasis: bigint;
  realizedCum: bigint;
  unrealized: bigint;
  incomeCum: bigint;
  /** Income (emissions + root claims, TAO at accrual) since the previous point. */
  incomeInPeriod: bigint;
  holdTao: bigint;
  rootStake: bigint;
  subnetBasket: bigint;
}

export interface SeriesOptions {
  daily?: boolean;
  perEvent?: boolean;
  /** Only positions matching this filter are included (per-position / per-subnet charts). */
  filter?: (coldkey: string, hotkey: string, netuid: number) => boolean;
}

export interface Series {
  daily: SeriesPoint[];
  perEvent: SeriesPoint[];
}

const DAY_MS = 86_400_000;

export function buildSeries(
  ledger: readonly LedgerEntry[],
  checkpoints: readonly PositionCheckpoint[],
  stateOpts: StateOptions,
  asOfBlock: number,
  opts: SeriesOptions,
): Series {
  const filter = opts.filter;
  const entries = filter
    ? ledger
        .map((e) => e.withLegs(e.legs.filter((l) => filter(l.coldkey, l.hotkey, l.netuid))))
        .filter((e) => e.legs.length > 0)
    : ledger;
  const cps = filter ? checkpoints.filter((c) => filter(c.coldkey, c.hotkey, c.netuid)) : checkpoints;
  const state = new PortfolioState({ ...stateOpts, fiat: null });
  const rec = seriesRecorder(state, opts);
  replay(state, entries, cps, asOfBlock, rec.before, rec.after);
  return rec.finish();
}

export interface SeriesRecorder {
  before: (ts: number, block: number) => void;
  after: (item: ReplayItem) => void;
  finish: () => Series;
}

/**
 * Hooks that sample a replay as it runs (so the main computation can produce the series in the
 * same pass). `state` is the state being replayed.
 */
export function seriesRecorder(state: PortfolioState, opts: SeriesOptions): SeriesRecorder {
  const prices: PriceBook = state.opts.prices;
  const daily: SeriesPoint[] = [];
  const perEvent: SeriesPoint[] = [];

  let netFlow = 0n;
  let rootUnits = 0n; // in ROOT_INDEX_SCALE units of TAO
  // Flows are netted while the root index is unchanged and converted to units once per index value.
  let rootPending = 0n;
  let rootPendingIndex = ROOT_INDEX_SCALE;
  const flushRoot = (): void => {
    if (rootPending !== 0n) rootUnits += floorDiv(rootPending * ROOT_INDEX_SCALE, rootPendingIndex);
    rootPending = 0n;
  };
  const basketUnits = new Map<number, bigint>();
  let dayFlow = 0n;
  let lastIncome = 0n;
  let lastIncomeDaily = 0n;
  let curDay = -1;
  let curBlock = -1;
  let curTs = 0;

  const buyBasket = (block: number): void => {
    if (dayFlow === 0n) return;
    // Spread the day's net flow by market cap = price × alphaOut → α units_n = flow × alphaOut_n / Σ(alphaOut·p).
    let den = 0n;
    const snaps = [];
    for (const n of prices.netuids()) {
      if (n === 0) continue;
      const s = prices.snapshotAt(n, block);
      if (!s || s.alphaOut === 0n) continue;
      snaps.push(s);
      den += s.alphaOut * s.price;
    }
    if (den === 0n) return;
    for (const s of snaps)
      basketUnits.set(
        s.netuid,
        (basketUnits.get(s.netuid) ?? 0n) + floorDiv(dayFlow * s.alphaOut * 1_000_000_000n, den),
      );
    dayFlow = 0n;
  };

  const point = (t: number, block: number, incomePrev: bigint): SeriesPoint => {
    flushRoot();
    const bySubnet = new Map<number, bigint>();
    let realized = 0n;
    let income = 0n;
    for (const p of state.positions.values()) {
      realized += p.realized;
      income += p.incomeTao;
      if (p.alpha === 0n) continue;
      bySubnet.set(p.netuid, (bySubnet.get(p.netuid) ?? 0n) + p.alpha);
    }
    let value = 0n;
    for (const [n, a] of bySubnet) {
      const pr = prices.priceAt(n, block);
      const v = pr ? alphaToTao(a, pr.price) : 0n;
      bySubnet.set(n, v);
      value += v;
    }
    let cost = 0n;
    for (const b of state.books.values()) cost += b.cost();
    let basket = 0n;
    for (const [n, u] of basketUnits) {
      const pr = prices.priceAt(n, block);
      if (pr) basket += alphaToTao(u, pr.price);
    }
    return {
      t,
      day: new Date(t).toISOString().slice(0, 10),
      blockNumber: block,
      value,
      valueBySubnet: bySubnet,
      costBasis: cost,
      realizedCum: realized,
      unrealized: value - cost,
      incomeCum: income,
      incomeInPeriod: income - incomePrev,
      holdTao: netFlow,
      rootStake: floorDiv(rootUnits * state.rootIndex, ROOT_INDEX_SCALE),
      subnetBasket: basket,
    };
  };

  const closeDay = (): void => {
    if (curDay < 0 || !opts.daily) return;
    buyBasket(curBlock);
    const pt = point(curDay * DAY_MS + DAY_MS - 1, curBlock, lastIncomeDaily);
    lastIncomeDaily = pt.incomeCum;
    daily.push(pt);
  };

  const before = (ts: number, block: number): void => {
    const day = Math.floor(ts / DAY_MS);
    if (day !== curDay) {
      closeDay();
      curDay = day;
    }
    curBlock = block;
    curTs = ts;
  };
  const after = (item: ReplayItem): void => {
    if (item.kind === 'entry') {
      for (const leg of item.entry.legs) {
        if (leg.basis !== 'trade' && leg.basis !== 'carry') continue;
        const f = leg.alpha >= 0n ? leg.tao : -leg.tao;
        netFlow += f;
        dayFlow += f;
        if (state.rootIndex !== rootPendingIndex) {
          flushRoot();
          rootPendingIndex = state.rootIndex;
        }
        rootPending += f;
      }
    }
    if (opts.perEvent) {
      const pt = point(curTs, curBlock, lastIncome);
      lastIncome = pt.incomeCum;
      perEvent.push(pt);
    }
  };
  const finish = (): Series => {
    closeDay();
    return { daily, perEvent };
  };
  return { before, after, finish };
}
