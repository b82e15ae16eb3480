/**
 * TAO index vs concentrated bet. Holding TAO is the index of the whole network; each benchmark
 * replays the bet's own TAO flows (acquisitions +τ, disposals −τ, basis-carrying moves and opening
 * balances included: exactly the flows behind taoIn and taoOut) in another asset and compares what
 * they would be worth now with what the bet is worth now.
 *
 * Benchmarks are a record keyed by benchmark id (BENCHMARKS in ../vocab): each entry says how its
 * index is built (./analytics/indexes). A new benchmark is one vocabulary entry plus one entry in
 * BENCHMARK_INDEXES; figures, chart lines and views follow from the list.
 *
 * One computation for card and chart: every flow buys units of the index once (per position and
 * benchmark window, see PortfolioState.windows, where no index moves). A subnet's benchmark value at
 * any block is floor(Σ its units × I(block) / INDEX_SCALE) and the portfolio's is the sum over
 * subnets. The cards value the units at the as-of block, the chart lines at each day's block, so the
 * last point of every line (portfolio or subnet) is its card by construction. A subnet's value is
 * split over its positions by largest remainder, so positions sum to subnets and subnets to the total.
 *
 * Decomposition of the excess over any benchmark k (all additive, exact):
 *   excess_k = price effect + emission effect + friction effect − benchmark gain_k
 * with emission effect = income at accrual, friction effect = −friction, price effect = the rest of
 * the bet's gain over holding TAO, benchmark gain_k = benchmark value_k − net invested (what the
 * benchmark earned on the same flows; 0 for Hold TAO).
 */
import { BenchmarkFigureRecord } from './figure-record';
import type { AdditiveFigures } from './pnl';
import type { PriceBook } from './prices';
import type { PortfolioState, PositionAcc } from './state';
import { benchmarkIds, type BenchmarkId } from '../vocab';
import { floorDiv } from './units';
export { allocateUnits, allocateValues } from './value-split';
import {
  HOLD_INDEX,
  INDEX_SCALE,
  IndexCursor,
  capWeightedIndex,
  equalWeightedIndex,
  pointsIndex,
  type BenchmarkIndex,
} from './analytics/indexes';
import { NO_FUND_INDEX } from './analytics/fund-index';

export interface BenchmarkFigure {
  /** False when the benchmark lacks the data it needs (no root stake observed, no snapshots). */
  available: boolean;
  /** False when some flows came before the benchmark's data starts (they wait as TAO until then). */
  complete: boolean;
  /** What the same TAO flows would be worth now in the benchmark. */
  benchmarkValue: bigint;
  /** What the bet is worth now (spot value of its α). */
  betValue: bigint;
  /** betValue − benchmarkValue = priceEffect + emissionEffect + frictionEffect − benchmarkGain. */
  excess: bigint;
  priceEffect: bigint;
  emissionEffect: bigint;
  frictionEffect: bigint;
  /** benchmarkValue − net invested: what the benchmark earned on the same flows. */
  benchmarkGain: bigint;
}
export type Benchmarks = Record<BenchmarkId, BenchmarkFigure>;

/** A root yield index given explicitly (1.0 = ROOT_INDEX_SCALE). */
export interface RootIndexPoint {
  blockNumber: number;
  index: bigint;
}

export interface BenchmarkContext {
  state: PortfolioState;
  prices: PriceBook;
  asOfBlock: number;
  rootIndex?: readonly RootIndexPoint[] | undefined;
}

/** A benchmark index, optionally with the exact unit price the replay saw at each benchmark window. */
export type WindowedIndex = BenchmarkIndex & { atWindow?: (window: number) => bigint };

/** Root yield observed in the user's own root positions: windows carry the index the replay saw. */
function observedRootIndex(state: PortfolioState): WindowedIndex {
  return {
    points: state.rootIndexSeries.map((p) => ({ blockNumber: p.blockNumber, value: p.index })),
    available: state.rootIndexSeries.length > 0,
    startBlock: null,
    atWindow: (w) => (state.windows[w] as { rootIndex: bigint }).rootIndex,
  };
}

/** How each benchmark's index is built: the one table a new benchmark adds to. */
export const BENCHMARK_INDEXES: { readonly [K in BenchmarkId]: (ctx: BenchmarkContext) => WindowedIndex } = {
  holdTao: () => HOLD_INDEX,
  rootStake: (ctx) =>
    ctx.rootIndex
      ? pointsIndex(ctx.rootIndex.map((p) => ({ blockNumber: p.blockNumber, value: p.index })))
      : observedRootIndex(ctx.state),
  subnetBasket: (ctx) => capWeightedIndex(ctx.prices, ctx.asOfBlock),
  subnetBasketEqual: (ctx) => equalWeightedIndex(ctx.prices, ctx.asOfBlock),
  validatorFund: (ctx) => ctx.state.opts.funds?.index(ctx.asOfBlock) ?? NO_FUND_INDEX,
};

/**
 * The benchmarks whose index is a function of the book's snapshots up to the as-of block alone (an
 * engine keeps it while no snapshot is added and every snapshot is at or before the as-of block).
 */
export const SNAPSHOT_INDEXES: ReadonlySet<BenchmarkId> = new Set<BenchmarkId>(['subnetBasket', 'subnetBasketEqual']);

/** Units of one benchmark bought by the flows: what the chart lines read. */
export interface BenchmarkUnits {
  index: WindowedIndex;
  /** Units bought per subnet in each benchmark window it had flows in (window order), for chart lines. */
  bySubnet: Map<number, { windows: number[]; units: bigint[] }>;
  /** Block of each benchmark window. */
  windowBlocks: number[];
}

/** What the set's figures read of the units besides (./benchmark-set keeps them; no view reads them). */
export interface PositionUnits {
  /** Units held per position key (rao at index 1.0). */
  byPosition: Map<string, bigint>;
  /** Positions with a flow before the index starts. */
  waiting: Set<string>;
}

/**
 * The units of closed flow windows, kept between computations of one replay (the incremental path):
 * a closed window's flow and its index value never change, so only newer windows are added.
 */
export interface ClosedUnits {
  startBlock: number | null;
  /** Per position: closed windows counted, their units, whether one came before the index start, its open window. */
  byPosition: Map<PositionAcc, { n: number; units: bigint; waiting: boolean; open: OpenUnits | undefined }>;
  /** Per subnet: units per closed window, indexed by window (holes: no flow then). */
  bySubnet: Map<number, bigint[]>;
  /** The index value at each window the last computation saw (null: holding TAO); a seen window's value never changes. */
  price: bigint[] | null;
}

/** The units of a position's open window and what they were bought from (reused while all are equal). */
interface OpenUnits {
  win: number;
  taoIn: bigint;
  taoOut: bigint;
  startNet: bigint;
  price: bigint | null;
  units: bigint;
}

/** The units of `p`'s open window at `price`, from `kept` when its flow and price are those it was bought from. */
export function openUnits(
  p: PositionAcc,
  price: readonly bigint[] | null,
  kept: { open: OpenUnits | undefined },
): bigint {
  const at = price === null ? null : (price[p.curWin] as bigint);
  const o = kept.open;
  if (
    o &&
    o.win === p.curWin &&
    o.price === at &&
    o.taoIn === p.taoIn &&
    o.taoOut === p.taoOut &&
    o.startNet === p.winStartNet
  )
    return o.units;
  const units = unitsAt(price, p.curWin, p.curFlow);
  kept.open = { win: p.curWin, taoIn: p.taoIn, taoOut: p.taoOut, startNet: p.winStartNet, price: at, units };
  return units;
}

/**
 * floor(flow × INDEX_SCALE / price at window w): the flow itself at index 1.0 (holding TAO: `price`
 * null; windows before an index moves), one truncating division for inflows (the floor already),
 * floorDiv only for outflows.
 */
function unitsAt(price: readonly bigint[] | null, w: number, flow: bigint): bigint {
  if (price === null) return flow;
  const at = price[w] as bigint;
  if (at === INDEX_SCALE) return flow;
  return flow >= 0n && at > 0n ? (flow * INDEX_SCALE) / at : floorDiv(flow * INDEX_SCALE, at);
}

/** The per-window units list of a subnet (indexed by window, holes: no flow then), made on first use. */
export function subnetUnits(m: Map<number, bigint[]>, netuid: number): bigint[] {
  let sub = m.get(netuid);
  if (!sub) {
    sub = [];
    m.set(netuid, sub);
  }
  return sub;
}

/**
 * Add the units of `p`'s flow windows closed since `done.n` to `done` and to its subnet's `closedSub`.
 * A function of its own, not a closure per benchmark: it runs once per position and benchmark, so it
 * is optimised early and stays so across benchmarks (closures made per call deoptimised the loop).
 */
export function addClosedUnits(
  p: PositionAcc,
  done: { n: number; units: bigint; waiting: boolean },
  closedSub: bigint[],
  price: readonly bigint[] | null,
  windowBlocks: readonly number[],
  startBlock: number | null,
): void {
  for (; done.n < p.flowWin.length; done.n++) {
    const w = p.flowWin[done.n] as number;
    const u = unitsAt(price, w, p.flowAmt[done.n] as bigint);
    if (startBlock !== null && (windowBlocks[w] as number) < startBlock) done.waiting = true;
    done.units += u;
    const had = closedSub[w];
    closedSub[w] = had === undefined ? u : had + u;
  }
}

/** `index` at each of the `windowBlocks` after those `into` has, appended to it (null: holding TAO, the flow itself). */
export function windowPrices(index: WindowedIndex, windowBlocks: readonly number[], into: bigint[] = []) {
  if (index === HOLD_INDEX) return null;
  const cursor = new IndexCursor(index);
  for (let w = into.length; w < windowBlocks.length; w++)
    into.push(index.atWindow ? index.atWindow(w) : cursor.at(windowBlocks[w] as number));
  return into;
}

/** One subnet's units per window it had flows in: its closed windows' and its positions' open ones, in window order. */
export function subnetWindows(
  closedUnits: readonly (bigint | undefined)[],
  open: readonly (bigint | undefined)[],
): { windows: number[]; units: bigint[] } {
  const ws: number[] = [];
  const us: bigint[] = []; // (the kept closed units are not changed)
  for (let w = 0; w < Math.max(closedUnits.length, open.length); w++) {
    const c = closedUnits[w];
    const o = open[w];
    if (c === undefined && o === undefined) continue;
    ws.push(w);
    us.push(c === undefined ? (o as bigint) : o === undefined ? c : c + o);
  }
  return { windows: ws, units: us };
}

export function benchmarkUnits(
  state: PortfolioState,
  index: WindowedIndex,
  closed?: ClosedUnits,
): BenchmarkUnits & PositionUnits {
  const windowBlocks = state.windows.map((w) => w.blockNumber);
  const price = windowPrices(index, windowBlocks);
  const keep: ClosedUnits =
    closed && closed.startBlock === index.startBlock
      ? closed
      : { startBlock: index.startBlock, byPosition: new Map(), bySubnet: new Map(), price };
  keep.price = price;
  if (closed && keep !== closed) Object.assign(closed, keep);
  const startBlock = index.startBlock;
  const byPosition = new Map<string, bigint>();
  // Units per subnet per window, indexed by window (holes: no flow in that window).
  const perSubnet = new Map<number, bigint[]>();
  const waiting = new Set<string>();
  for (const p of state.positions.values()) {
    let done = keep.byPosition.get(p);
    if (!done) {
      done = { n: 0, units: 0n, waiting: false, open: undefined };
      keep.byPosition.set(p, done);
    }
    addClosedUnits(p, done, subnetUnits(keep.bySubnet, p.netuid), price, windowBlocks, startBlock);
    let units = done.units;
    if (done.waiting) waiting.add(p.key);
    const sub = subnetUnits(perSubnet, p.netuid);
    if (p.curWin >= 0) {
      const u = openUnits(p, price, done);
      if (startBlock !== null && (windowBlocks[p.curWin] as number) < startBlock) waiting.add(p.key);
      units += u;
      const had = sub[p.curWin];
      sub[p.curWin] = had === undefined ? u : had + u;
    }
    byPosition.set(p.key, units);
  }
  const bySubnet = new Map<number, { windows: number[]; units: bigint[] }>();
  for (const [netuid, open] of perSubnet) bySubnet.set(netuid, subnetWindows(keep.bySubnet.get(netuid) ?? [], open));
  return { index, byPosition, bySubnet, windowBlocks, waiting };
}

/** Value of `units` at an index value. */
export function unitsValue(units: bigint, indexValue: bigint): bigint {
  return floorDiv(units * indexValue, INDEX_SCALE);
}

export type BetFigures = Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>;

/**
 * What a bet's figures against every benchmark share: of a figure's fields only the benchmark value,
 * the benchmark gain and the excess depend on the benchmark. The price effect does not: excess +
 * benchmark gain = betValue − netInvested, the benchmark value cancels.
 */
export interface BetParts {
  netInvested: bigint;
  betValue: bigint;
  emissionEffect: bigint;
  frictionEffect: bigint;
  priceEffect: bigint;
}

/** `f`'s parts, written into `into` when given (a loop over many bets then makes no object per bet). */
export function betParts(f: BetFigures, into?: BetParts): BetParts {
  const netInvested = f.taoIn - f.taoOut;
  const frictionEffect = -f.friction;
  const priceEffect = f.spotValue - netInvested - f.incomeTao - frictionEffect;
  if (!into) return { netInvested, betValue: f.spotValue, emissionEffect: f.incomeTao, frictionEffect, priceEffect };
  into.netInvested = netInvested;
  into.betValue = f.spotValue;
  into.emissionEffect = f.incomeTao;
  into.frictionEffect = frictionEffect;
  into.priceEffect = priceEffect;
  return into;
}

/** The figure of one bet (its `betParts`) against one benchmark value. */
export function figureAt(b: BetParts, benchmarkValue: bigint, available: boolean, complete: boolean): BenchmarkFigure {
  return new BenchmarkFigureRecord(b, benchmarkValue, available, complete);
}

/** The figure of one bet against one benchmark value. */
export function benchmarkFigure(f: BetFigures, benchmarkValue: bigint, available: boolean, complete: boolean) {
  return figureAt(betParts(f), benchmarkValue, available, complete);
}

/** Add `f`'s additive fields into `into` (each named: a loop over the field names is a keyed access per field). */
export function addInto(into: BenchmarkFigure, f: BenchmarkFigure): void {
  into.benchmarkValue += f.benchmarkValue;
  into.betValue += f.betValue;
  into.excess += f.excess;
  into.priceEffect += f.priceEffect;
  into.emissionEffect += f.emissionEffect;
  into.frictionEffect += f.frictionEffect;
  into.benchmarkGain += f.benchmarkGain;
  into.complete &&= f.complete;
}

export function emptyFigure(available: boolean): BenchmarkFigure {
  return benchmarkFigure({ taoIn: 0n, taoOut: 0n, spotValue: 0n, incomeTao: 0n, friction: 0n }, 0n, available, true);
}

export function recordOf<T>(make: (id: BenchmarkId) => T): Record<BenchmarkId, T> {
  // Built in place (no array of pairs per record: computeBenchmarks builds several per position).
  const out: Partial<Record<BenchmarkId, T>> = {};
  for (const id of benchmarkIds) out[id] = make(id);
  return out as Record<BenchmarkId, T>;
}

export interface BenchmarkSet {
  asOfBlock: number;
  units: Record<BenchmarkId, BenchmarkUnits>;
  positions: Map<string, Benchmarks>;
  subnets: Map<number, Benchmarks>;
  total: Benchmarks;
}

/**
 * Chart lines: at each sample block (in block order), Σ over subnets (or the one asked for) of the
 * value of the units bought up to it at that block's index. The sample at the as-of block equals the
 * card of the portfolio (or of the subnet).
 */
export function benchmarkLine(u: BenchmarkUnits, sampleBlocks: readonly number[], netuid?: number): bigint[] {
  const cursor = new IndexCursor(u.index);
  const subnets =
    netuid === undefined ? [...u.bySubnet.values()] : [u.bySubnet.get(netuid) ?? { windows: [], units: [] }];
  const next = subnets.map(() => 0);
  const cum = subnets.map(() => 0n);
  const out: bigint[] = [];
  for (const block of sampleBlocks) {
    const at = cursor.at(block);
    let v = 0n;
    subnets.forEach((s, i) => {
      let j = next[i] as number;
      while (j < s.windows.length && (u.windowBlocks[s.windows[j] as number] as number) <= block)
        cum[i] = (cum[i] as bigint) + (s.units[j++] as bigint);
      next[i] = j;
      v += unitsValue(cum[i] as bigint, at);
    });
    out.push(v);
  }
  return out;
}

/** Units of every benchmark (chart lines of a separate replay, e.g. a filtered series). */
export function benchmarkUnitsFor(ctx: BenchmarkContext): Record<BenchmarkId, BenchmarkUnits> {
  return recordOf((id) => benchmarkUnits(ctx.state, BENCHMARK_INDEXES[id](ctx)));
}
