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
 * Rounding: each flow's benchmark value is floor(flow × growth) (see ./units).
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
  benchmarkValue: bigint;
  /** spotValue − benchmarkValue (both "worth now" of the same flows; TAO taken out is inside the benchmark netting). */
  excess: bigint;
}

export interface Benchmarks {
  holdTao: HoldTaoBenchmark;
  rootStake: FlowBenchmark;
  subnetBasket: FlowBenchmark;
}

export function holdTao(f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>): HoldTaoBenchmark {
  const benchmarkValue = f.taoIn - f.taoOut;
  const excess = f.spotValue - benchmarkValue;
  const emissionEffect = f.incomeTao;
  const frictionEffect = -f.friction;
  return { benchmarkValue, betValue: f.spotValue, excess, emissionEffect, frictionEffect, priceEffect: excess - emissionEffect - frictionEffect };
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
        positionKey: positionKey(leg.coldkey, leg.hotkey, leg.netuid), netuid: leg.netuid, blockNumber: e.blockNumber,
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
}

export interface RootIndexPoint {
  blockNumber: number;
  /** Value of 1 staked unit, ROOT_INDEX_SCALE = 1.0 */
  index: bigint;
}

export function flowBenchmarkValues(
  flows: readonly Flow[],
  prices: PriceBook,
  asOfBlock: number,
  rootIndex: readonly RootIndexPoint[],
): FlowBenchmarkValues {
  const sorted = [...flows].sort((a, b) => a.blockNumber - b.blockNumber);
  const root = new Map<string, bigint>();
  const basket = new Map<string, bigint>();

  // Root: units = flow / I(b); value = units × I(now). Done exactly as flow × I(now) / I(b).
  const idx = [...rootIndex].sort((a, b) => a.blockNumber - b.blockNumber);
  const rootAvailable = idx.length > 0;
  const indexAt = (b: number): bigint => {
    let lo = 0;
    let hi = idx.length;
    while (lo < hi) { const m = (lo + hi) >>> 1; if ((idx[m] as RootIndexPoint).blockNumber <= b) lo = m + 1; else hi = m; }
    return lo === 0 ? ROOT_INDEX_SCALE : (idx[lo - 1] as RootIndexPoint).index;
  };
  const iNow = indexAt(asOfBlock);

  // Basket: sweep snapshots in block order keeping S1 = Σ alphaOut·P_now and S2 = Σ alphaOut·p.
  const nowPrice = new Map<number, bigint>();
  const all: SubnetSnapshot[] = [];
  for (const n of prices.netuids()) {
    if (n === 0) continue;
    const p = prices.priceAt(n, asOfBlock);
    if (p) nowPrice.set(n, p.price);
    for (const s of prices.series(n)) if (s.blockNumber <= asOfBlock) all.push(s);
  }
  all.sort((a, b) => a.blockNumber - b.blockNumber);
  const current = new Map<number, SubnetSnapshot>();
  let s1 = 0n;
  let s2 = 0n;
  let si = 0;
  let basketAvailable = all.length > 0;
  for (const f of sorted) {
    while (si < all.length && (all[si] as SubnetSnapshot).blockNumber <= f.blockNumber) {
      const s = all[si++] as SubnetSnapshot;
      const prev = current.get(s.netuid);
      const pNow = nowPrice.get(s.netuid) ?? 0n;
      if (prev) { s1 -= prev.alphaOut * pNow; s2 -= prev.alphaOut * prev.price; }
      s1 += s.alphaOut * pNow;
      s2 += s.alphaOut * s.price;
      current.set(s.netuid, s);
    }
    const r = rootAvailable ? floorDiv(f.tao * iNow, indexAt(f.blockNumber)) : f.tao;
    root.set(f.positionKey, (root.get(f.positionKey) ?? 0n) + r);
    if (s2 === 0n) { basketAvailable = false; basket.set(f.positionKey, (basket.get(f.positionKey) ?? 0n) + f.tao); continue; }
    basket.set(f.positionKey, (basket.get(f.positionKey) ?? 0n) + floorDiv(f.tao * s1, s2));
  }
  return { root, basket, rootAvailable, basketAvailable };
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
  const rootIdx = rootIndexOverride ?? state.rootIndexSeries;
  const fv = flowBenchmarkValues(flowsOf(state.entries), prices, state.lastBlock, rootIdx);
  const positions = new Map<string, Benchmarks>();
  const subnetSums = new Map<number, Sums>();
  const totalSums = emptySums();
  for (const [key, { netuid, figures: f }] of figures) {
    const b = makeBenchmarks(f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n, fv);
    positions.set(key, b);
    let s = subnetSums.get(netuid);
    if (!s) { s = emptySums(); subnetSums.set(netuid, s); }
    addSums(s, f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n);
    addSums(totalSums, f, fv.root.get(key) ?? 0n, fv.basket.get(key) ?? 0n);
  }
  const subnets = new Map<number, Benchmarks>();
  for (const [n, s] of subnetSums) subnets.set(n, makeBenchmarks(s, s.root, s.basket, fv));
  return { positions, subnets, total: makeBenchmarks(totalSums, totalSums.root, totalSums.basket, fv) };
}

interface Sums { taoIn: bigint; taoOut: bigint; spotValue: bigint; incomeTao: bigint; friction: bigint; root: bigint; basket: bigint }
function emptySums(): Sums { return { taoIn: 0n, taoOut: 0n, spotValue: 0n, incomeTao: 0n, friction: 0n, root: 0n, basket: 0n }; }
function addSums(s: Sums, f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>, root: bigint, basket: bigint): void {
  s.taoIn += f.taoIn; s.taoOut += f.taoOut; s.spotValue += f.spotValue; s.incomeTao += f.incomeTao; s.friction += f.friction;
  s.root += root; s.basket += basket;
}

function makeBenchmarks(f: Pick<AdditiveFigures, 'taoIn' | 'taoOut' | 'spotValue' | 'incomeTao' | 'friction'>, root: bigint, basket: bigint, fv: FlowBenchmarkValues): Benchmarks {
  return {
    holdTao: holdTao(f),
    rootStake: { available: fv.rootAvailable, benchmarkValue: root, excess: f.spotValue - root },
    subnetBasket: { available: fv.basketAvailable, benchmarkValue: basket, excess: f.spotValue - basket },
  };
}
