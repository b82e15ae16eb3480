/**
 * Time series for charts, rebuilt from the first event (not from install day): value, cost basis,
 * cumulative realized PnL and income, net invested, per-subnet figures, stake/unstake markers, and
 * one line per benchmark (see ./benchmarks: the same units as the cards, so each line's last point
 * is its card).
 *
 * Daily points are taken at the end of each UTC day that has any event or checkpoint (or basket activity,
 * ./basket-days), valued at the last block seen that day (days without any block in the data are skipped: no block, no price). The
 * series always ends with a point at the as-of block (the figures' "now"), so its last point and the
 * cards are the same computation: values sum per position exactly as the figures do.
 * Per-event points (optional) are taken after every ledger entry and checkpoint; each costs
 * O(positions), so use them for single positions/subnets or modest portfolios.
 */
import type { LedgerEntry, LedgerLeg } from './ledger';
import type { PositionCheckpoint } from './emissions';
import type { PriceBook } from './prices';
import { PortfolioState, type StateOptions } from './state';
import { replay, type ReplayItem } from './replay';
import { alphaToTao } from './units';
import { benchmarkIds, type BenchmarkId } from '../vocab';
import { benchmarkLine, benchmarkUnitsFor, type BenchmarkUnits, type RootIndexPoint } from './benchmarks';
import { MomentFeed, type BasketMoment } from './basket-days';
import { KeptLines } from './series-lines';
import { RunningSums, type PointSums } from './series-point';

/** Cumulative figures of one subnet at a point. */
export interface SubnetPoint {
  value: bigint;
  costBasis: bigint;
  realizedCum: bigint;
  incomeCum: bigint;
  /** TAO in − TAO out so far (the subnet's Hold TAO line). */
  netInvested: bigint;
}

export interface SeriesPoint {
  /** ms: end of day (daily) or event time (per event) */
  t: number;
  /** UTC day YYYY-MM-DD */
  day: string;
  blockNumber: number;
  value: bigint;
  costBasis: bigint;
  realizedCum: bigint;
  unrealized: bigint;
  incomeCum: bigint;
  /** Income (emissions + root claims, TAO at accrual) since the previous point. */
  incomeInPeriod: bigint;
  /** TAO in − TAO out so far: the Hold TAO line, and the net flow between points. */
  netInvested: bigint;
  /** Value of each benchmark's units at this point. */
  benchmarks: Record<BenchmarkId, bigint>;
  bySubnet: Map<number, SubnetPoint>;
}

/** TAO staked and unstaked on one subnet in one UTC day (chart markers). */
export interface FlowMarker {
  day: string;
  /** ms: end of the day */
  t: number;
  netuid: number;
  /** TAO paid for α bought (gross). */
  staked: bigint;
  /** TAO received for α sold (net). */
  unstaked: bigint;
  stakes: number;
  unstakes: number;
}

export interface SeriesOptions {
  daily?: boolean;
  perEvent?: boolean;
  /** Only positions matching this filter are included (per-position / per-subnet charts). */
  filter?: (coldkey: string, hotkey: string, netuid: number) => boolean;
  /** Explicit root yield index for the Root stake line (else the observed one). */
  rootIndex?: readonly RootIndexPoint[];
}

export interface Series {
  daily: SeriesPoint[];
  perEvent: SeriesPoint[];
  markers: FlowMarker[];
}

const DAY_MS = 86_400_000;

export function buildSeries(
  ledger: readonly LedgerEntry[],
  checkpoints: readonly PositionCheckpoint[],
  stateOpts: StateOptions,
  end: { block: number; timestamp: number },
  opts: SeriesOptions,
  /** Blocks that change no stake position but still close their day (basket activity: ./basket-days). */
  moments: readonly BasketMoment[] = [],
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
  const feed = new MomentFeed(rec.before).add(moments);
  replay(state, entries, cps, end.block, feed.before, rec.after);
  feed.upTo(Number.MAX_SAFE_INTEGER); // those after the last item (all are within the as-of block)
  state.noteBlock(end.block, end.timestamp);
  return rec.finish();
}

export interface SeriesRecorder {
  before: (ts: number, block: number) => void;
  after: (item: ReplayItem) => void;
  /** Call once the state's as-of block and time are final; adds the as-of point and the benchmark lines. */
  finish: (units?: Record<BenchmarkId, BenchmarkUnits>) => Series;
}

/**
 * Hooks that sample a replay as it runs (so the main computation can produce the series in the
 * same pass). `state` is the state being replayed.
 */
export function seriesRecorder(state: PortfolioState, opts: SeriesOptions): SeriesRecorder {
  const prices: PriceBook = state.opts.prices;
  const daily: SeriesPoint[] = [];
  const perEvent: SeriesPoint[] = [];
  const markers = new Map<number, FlowMarker>();
  // Markers of days before the current one no longer change: copied once, in order (`finish`).
  const closedMarkers: FlowMarker[] = [];
  let openMarkers: FlowMarker[] = [];
  let lastIncome = 0n;
  let lastIncomeDaily = 0n;
  let curDay = -1;
  let curBlock = -1;
  let curTs = 0;
  // The daily points' benchmark lines, kept between finishes (./series-lines).
  const keptLines = new KeptLines();

  // Once the recorder has finished (live sync appends after), points come from running sums (./series-point).
  const running = new RunningSums(state);
  let live = false;

  /** Every position and lot book visited: the sums of a point during the replay. */
  const visit = (block: number): { total: PointSums; bySubnet: Map<number, SubnetPoint> } => {
    const priceOf = new Map<number, bigint | null>();
    const bySubnet = new Map<number, SubnetPoint>();
    const total: PointSums = { value: 0n, costBasis: 0n, realizedCum: 0n, incomeCum: 0n, netInvested: 0n };
    for (const p of state.positions.values()) {
      let s = bySubnet.get(p.netuid);
      if (!s) {
        s = { value: 0n, costBasis: 0n, realizedCum: 0n, incomeCum: 0n, netInvested: 0n };
        bySubnet.set(p.netuid, s);
      }
      const flow = p.taoIn - p.taoOut;
      total.realizedCum += p.realized;
      total.incomeCum += p.incomeTao;
      total.netInvested += flow;
      s.realizedCum += p.realized;
      s.incomeCum += p.incomeTao;
      s.netInvested += flow;
      if (p.alpha === 0n) continue;
      let price = priceOf.get(p.netuid);
      if (price === undefined) {
        price = prices.priceAt(p.netuid, block)?.price ?? null;
        priceOf.set(p.netuid, price);
      }
      // Per position, as the figures value it: the sum of these is the spot value card.
      const v = price === null ? 0n : alphaToTao(p.alpha, price);
      total.value += v;
      s.value += v;
    }
    for (const [key, b] of state.books) {
      const c = b.cost();
      total.costBasis += c;
      const netuid = state.bookPositions.get(key)?.[0]?.netuid;
      const s = netuid === undefined ? undefined : bySubnet.get(netuid);
      if (s) s.costBasis += c;
    }
    return { total, bySubnet };
  };

  const point = (t: number, block: number, incomePrev: bigint): SeriesPoint => {
    const { total, bySubnet } = live ? running.at(block) : visit(block);
    return {
      t,
      day: new Date(t).toISOString().slice(0, 10),
      blockNumber: block,
      value: total.value,
      costBasis: total.costBasis,
      realizedCum: total.realizedCum,
      unrealized: total.value - total.costBasis,
      incomeCum: total.incomeCum,
      incomeInPeriod: total.incomeCum - incomePrev,
      netInvested: total.netInvested,
      benchmarks: Object.fromEntries(benchmarkIds.map((id) => [id, 0n])) as Record<BenchmarkId, bigint>,
      bySubnet,
    };
  };

  const closeDay = (block: number): void => {
    if (curDay < 0 || !opts.daily) return;
    const pt = point(curDay * DAY_MS + DAY_MS - 1, block, lastIncomeDaily);
    lastIncomeDaily = pt.incomeCum;
    daily.push(pt);
  };

  // Markers per (UTC day, subnet); the key is numeric and single-leg entries build no array (hot path).
  const mark = (ts: number, entry: LedgerEntry): void => {
    const n = entry.legCount;
    const legs = n === 1 ? null : entry.legs;
    for (let i = 0; i < n; i++) {
      const leg = legs ? (legs[i] as LedgerLeg) : entry.firstLeg;
      if (leg.basis !== 'trade' || (leg.category !== 'bought' && leg.category !== 'sold')) continue;
      const day = Math.floor(ts / DAY_MS);
      const key = day * 65_536 + leg.netuid;
      let m = markers.get(key);
      if (!m) {
        m = {
          day: new Date(day * DAY_MS).toISOString().slice(0, 10),
          t: day * DAY_MS + DAY_MS - 1,
          netuid: leg.netuid,
          staked: 0n,
          unstaked: 0n,
          stakes: 0,
          unstakes: 0,
        };
        markers.set(key, m);
        openMarkers.push(m);
      }
      if (leg.category === 'bought') {
        m.staked += leg.tao;
        m.stakes++;
      } else {
        m.unstaked += leg.tao;
        m.unstakes++;
      }
    }
  };

  const before = (ts: number, block: number): void => {
    const day = Math.floor(ts / DAY_MS);
    if (day !== curDay) {
      closeDay(curBlock);
      curDay = day;
    }
    curBlock = block;
    curTs = ts;
  };
  const after = (item: ReplayItem): void => {
    if (live) running.note(item);
    if (item.kind === 'entry') mark(curTs, item.entry);
    if (opts.perEvent) {
      const pt = point(curTs, curBlock, lastIncome);
      lastIncome = pt.incomeCum;
      perEvent.push(pt);
    }
  };
  /**
   * The series so far, ending at the as-of point. Leaves the recorder as it was, so the replay can go
   * on (the incremental path) and a later finish gives what a full replay would.
   */
  const finish = (units?: Record<BenchmarkId, BenchmarkUnits>): Series => {
    live = true;
    let days = daily;
    if (opts.daily && curDay >= 0) {
      // The as-of point: the state's last block (a later snapshot still moves values) on its day.
      days = [...daily];
      const endDay = Math.floor(state.lastTimestamp / DAY_MS);
      const endBlock = Math.max(curBlock, state.lastBlock);
      let day = curDay;
      let incomePrev = lastIncomeDaily;
      if (endDay > curDay) {
        const pt = point(curDay * DAY_MS + DAY_MS - 1, curBlock, incomePrev);
        incomePrev = pt.incomeCum;
        days.push(pt);
        day = endDay;
      }
      days.push(point(day * DAY_MS + DAY_MS - 1, endBlock, incomePrev));
    }
    const lines = units ?? benchmarkUnitsFor({ state, prices, asOfBlock: state.lastBlock, rootIndex: opts.rootIndex });
    const perEventLines = (points: readonly SeriesPoint[]): SeriesPoint[] => {
      const blocks = points.map((p) => p.blockNumber);
      const values = benchmarkIds.map((id) => benchmarkLine(lines[id], blocks));
      return points.map((p, i) => ({
        ...p,
        benchmarks: Object.fromEntries(benchmarkIds.map((id, k) => [id, values[k]?.[i] as bigint])) as Record<
          BenchmarkId,
          bigint
        >,
      }));
    };
    const byTime = (a: FlowMarker, b: FlowMarker): number => a.t - b.t || a.netuid - b.netuid;
    const today = curDay * DAY_MS;
    for (const m of openMarkers.filter((x) => x.t < today).sort(byTime)) closedMarkers.push({ ...m });
    openMarkers = openMarkers.filter((x) => x.t >= today);
    return {
      daily: keptLines.withLines(lines, days, daily.length),
      perEvent: perEventLines(perEvent),
      markers: [...closedMarkers, ...openMarkers.sort(byTime).map((m) => ({ ...m }))],
    };
  };
  return { before, after, finish };
}
