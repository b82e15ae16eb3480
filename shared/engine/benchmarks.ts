/**
 * TAO index vs concentrated bet. Holding TAO is the index of the whole network; each benchmark
 * replays the position's own TAO flows (acquisitions +tao, disposals −tao, carries included) in
 * another asset and compares the end value with the bet.
 *
 * - Hold TAO: the flows kept as TAO → benchmark value = taoIn − taoOut; excess = spotValue + taoOut −
 *   taoIn = totalReturn. Split: emission effect = income at accrual; friction effect = −friction;
 *   price effect = the rest (price moves of bought α, and of emitted α after accrual). The three sum
 *   to the excess exactly by construction.
 * - Root stake: the flows staked on root at the root yield observed in the user's own root positions
 *   (root emissions + root-claim payouts per α of root stake, see PortfolioState.rootIndex) or an
 *   explicit index series. Unavailable (flagged) when neither exists.
 * - Subnet basket: each flow spread over all dynamic subnets by market cap (price × alphaOut) at the
 *   flow block, valued at as-of prices. Since w_n / p_n = alphaOut_n / Σ mcap, the growth of one TAO
 *   put in at block b is G(b) = Σ alphaOut_n(b)·P_n(now) / Σ alphaOut_n(b)·p_n(b), maintained in one
 *   sweep over snapshots. Price only: no emissions, no fees.
 * Rounding: flows are netted per position while the growth factor is constant, then each window's
 * benchmark value is floor(net flow × growth) (see ./units).
 */
import type { AdditiveFigures } from './pnl';
import type { LedgerEntry } from './ledger';
import type { PriceBook, SubnetSnapshot } from './prices';
import { ROOT_INDEX_SCALE, type PortfolioState } from './state';
import { positionKey } from './emissions';
import { floorDiv } from './units';

export interface HoldTaoBenchmark {
  /** What the same flows kept as TAO are worth now. */
  benchmarkValue: bigint;
  /** Bet value now (spot value of the α) plus TAO already taken out, minus nothing: comparable to benchmark + excess. */
  betValue: bigint;
  excess: bigint;
  priceEffect: bigint;
  emissionEffect: bigint;
  frictionEffect: bigint;
}

export interface FlowBenchmark {
  available: boolean;
  /** False when some flows predate the data the benchmark needs (those flows are kept as TAO). */
  complete: boolean;
  benchmarkValue: bigint;
  /** spotValue − benchmarkValue (both "worth now" of the same flows; TAO taken out is inside the benchmark netting). */
  excess: bigint;
}

export interface Benchmarks {
  holdTao: HoldTaoBenchmark;
  rootStake: FlowBenchmark;
  subnetBasket: FlowBenchmark;
}

export function holdTao(
  f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>,
): HoldTaoBenchmark {
  const benchmarkValue = f.taoIn - f.taoOut;
  const excess = f.spotValue - benchmarkValue;
  const emissionEffect = f.incomeTao;
  const frictionEffect = -f.friction;
  return {
    benchmarkValue,
    betValue: f.spotValue,
    excess,
    emissionEffect,
    frictionEffect,
    priceEffect: excess - emissionEffect - frictionEffect,
  };
}

/** A flow of TAO into (+) or out of (−) one position at one block. */
export interface Flow {
  positionKey: string;
  netuid: number;
  blockNumber: number;
  tao: bigint;
}

export function flowsOf(entries: readonly LedgerEntry[]): Flow[] {
  const out: Flow[] = [];
  for (const e of entries) {
    for (const leg of e.legs) {
      if (leg.basis !== 'trade' && leg.basis !== 'carry') continue;
      out.push({
        positionKey: positionKey(leg.coldkey, leg.hotkey, leg.netuid),
        netuid: leg.netuid,
        blockNumber: e.blockNumber,
        tao: leg.alpha >= 0n ? leg.tao : -leg.tao,
      });
    }
  }
  return out;
}

/** Benchmark value of each position's flows for the root-stake and basket benchmarks. */
export interface FlowBenchmarkValues {
  root: Map<string, bigint>;
  basket: Map<string, bigint>;
  rootAvailable: boolean;
  basketAvailable: boolean;
  /** Positions with flows before the first snapshot (basket falls back to holding TAO for them). */
  basketIncomplete: Set<string>;
}

export interface RootIndexPoint {
  blockNumber: number;
  /** Value of 1 staked unit, ROOT_INDEX_SCALE = 1.0 */
  index: bigint;
}

/**
 * Root-stake and basket benchmark values from the positions' per-window net flows
 * (PortfolioState.windows): growth factors are evaluated once per window.
 */
export function flowBenchmarkValues(
  state: PortfolioState,
  prices: PriceBook,
  asOfBlock: number,
  rootIndexOverride?: readonly RootIndexPoint[],
): FlowBenchmarkValues {
  const windows = state.windows;
  // Root: value = flow × I(now) / I(window).
  const override = rootIndexOverride ? [...rootIndexOverride].sort((a, b) => a.blockNumber - b.blockNumber) : null;
  const indexAt = (b: number): bigint => {
    if (!override) return ROOT_INDEX_SCALE;
    let v = ROOT_INDEX_SCALE;
    for (const p of override) {
      if (p.blockNumber <= b) v = p.index;
      else break;
    }
    return v;
  };
  const rootAvailable = override ? override.length > 0 : state.rootIndexSeries.length > 0;
  const iNow = override ? indexAt(asOfBlock) : state.rootIndex;
  const iWin = windows.map((w) => (override ? indexAt(w.blockNumber) : w.rootIndex));

  // Basket: sweep snapshots in block order keeping S1 = Σ alphaOut·P_now and S2 = Σ alphaOut·p.
  const nowPrice = new Map<number, bigint>();
  const all: SubnetSnapshot[] = [];
  for (const n of prices.netuids()) {
    if (n === 0) continue;
    const p = prices.priceValueAt(n, asOfBlock);
    if (p !== null) nowPrice.set(n, p);
    for (const s of prices.series(n)) if (s.blockNumber <= asOfBlock) all.push(s);
  }
  all.sort((a, b) => a.blockNumber - b.blockNumber);
  const current = new Map<number, SubnetSnapshot>();
  let s1 = 0n;
  let s2 = 0n;
  let si = 0;
  const g1: bigint[] = [];
  const g2: bigint[] = [];
  for (const w of windows) {
    while (si < all.length && (all[si] as SubnetSnapshot).blockNumber <= w.blockNumber) {
      const s = all[si++] as SubnetSnapshot;
      const prev = current.get(s.netuid);
      const pNow = nowPrice.get(s.netuid) ?? 0n;
      if (prev) {
        s1 -= prev.alphaOut * pNow;
        s2 -= prev.alphaOut * prev.price;
      }
      s1 += s.alphaOut * pNow;
      s2 += s.alphaOut * s.price;
      current.set(s.netuid, s);
    }
    g1.push(s1);
    g2.push(s2);
  }
  const root = new Map<string, bigint>();
  const basket = new Map<string, bigint>();
  const basketAvailable = all.length > 0;
  const basketIncomplete = new Set<string>();
  for (const p of state.positions.values()) {
    let r = 0n;
    let b = 0n;
    const { win, amt } = p.flowWindows();
    for (let i = 0; i < win.length; i++) {
      const w = win[i] as number;
      if ((windows[w] as { blockNumber: number }).blockNumber > asOfBlock) break;
      const flow = amt[i] as bigint;
      r += rootAvailable ? floorDiv(flow * iNow, iWin[w] as bigint) : flow;
      const d = g2[w] as bigint;
      if (d === 0n) {
        basketIncomplete.add(p.key);
        b += flow;
      } else b += floorDiv(flow * (g1[w] as bigint), d);
    }
    root.set(p.key, r);
    basket.set(p.key, b);
  }
  return { root, basket, rootAvailable, basketAvailable, basketIncomplete };
}

export interface BenchmarkSet {
  positions: Map<string, Benchmarks>;
  subnets: Map<number, Benchmarks>;
  total: Benchmarks;
}

/** Benchmarks for every position, subnet and the total, from the state and the position figures. */
export function computeBenchmarks(
  state: PortfolioState,
  figures: ReadonlyMap<string, { netuid: number; figures: AdditiveFigures }>,
  prices: PriceBook,
  rootIndexOverride?: readonly RootIndexPoint[],
): BenchmarkSet {
  const fv = flowBenchmarkValues(state, prices, state.lastBlock, rootIndexOverride);
  const positions = new Map<string, Benchmarks>();
  const subnetSums = new Map<number, Sums>();
  const totalSums = emptySums();
  for (const [key, { netuid, figures: f }] of figures) {
    const b = makeBenchmarks(f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n, fv, !fv.basketIncomplete.has(key));
    positions.set(key, b);
    let s = subnetSums.get(netuid);
    if (!s) {
      s = emptySums();
      subnetSums.set(netuid, s);
    }
    addSums(s, f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n);
    addSums(totalSums, f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n);
  }
  const subnets = new Map<number, Benchmarks>();
  const complete = fv.basketIncomplete.size === 0;
  for (const [n, s] of subnetSums)
    subnets.set(n, makeBenchmarks(s, s.root, s.basket, fv, ![...fv.basketIncomplete].some((k) => k.endsWith(`|${n}`))));
  return { positions, subnets, total: makeBenchmarks(totalSums, totalSums.root, totalSums.basket, fv, complete) };
}

interface Sums {
  taoIn: bigint;
  taoOut: bigint;
  spotValue: bigint;
  incomeTao: bigint;
  friction: bigint;
  root: bigint;
  basket: bigint;
}
function emptySums(): Sums {
  return { taoIn: 0n, taoOut: 0n, spotValue: 0n, incomeTao: 0n, friction: 0n, root: 0n, basket: 0n };
}
function addSums(
  s: Sums,
  f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>,
  root: bigint,
  basket: bigint,
): void {
  s.taoIn += f.taoIn;
  s.taoOut += f.taoOut;
  s.spotValue += f.spotValue;
  s.incomeTao += f.incomeTao;
  s.friction += f.friction;
  s.root += root;
  s.basket += basket;
}

function makeBenchmarks(
  f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>,
  root: bigint,
  basket: bigint,
  fv: FlowBenchmarkValues,
  basketComplete: boolean,
): Benchmarks {
  return {
    holdTao: holdTao(f),
    rootStake: {
      available: fv.rootAvailable,
      complete: fv.rootAvailable,
      benchmarkValue: root,
      excess: f.spotValue - root,
    },
    subnetBasket: {
      available: fv.basketAvailable,
      complete: basketComplete,
      benchmarkValue: basket,
      excess: f.spotValue - basket,
    },
  };
}
