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

/**
 * Root-stake and basket benchmark values of every position's flows, in one pass over the ledger
 * (already in block order) merged with a sweep over the snapshots. `keyOf` maps a leg to its position key.
 */
export function flowBenchmarkValues(
  entries: readonly LedgerEntry[],
  prices: PriceBook,
  asOfBlock: number,
  rootIndex: readonly RootIndexPoint[],
  keyOf: (coldkey: string, hotkey: string, netuid: number) => string = positionKey,
): FlowBenchmarkValues {
  const root = new Map<string, bigint>();
  const basket = new Map<string, bigint>();

  // Root: units = flow / I(b); value = units × I(now). Done exactly as flow × I(now) / I(b).
  const idx = [...rootIndex].sort((a, b) => a.blockNumber - b.blockNumber);
  const rootAvailable = idx.length > 0;
  let ri = 0;
  let iCur = ROOT_INDEX_SCALE;
  let iNow = ROOT_INDEX_SCALE;
  for (const p of idx) if (p.blockNumber <= asOfBlock) iNow = p.index;

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
  let basketAvailable = all.length > 0;
  // Flows are summed per position while the growth factors are constant (between snapshot or root
  // index changes) and converted once per window: floor(window net flow × growth).
  const pending = new Map<string, bigint>();
  const flush = (): void => {
    for (const [key, flow] of pending) {
      if (flow === 0n) continue;
      root.set(key, (root.get(key) ?? 0n) + (rootAvailable ? floorDiv(flow * iNow, iCur) : flow));
      basket.set(key, (basket.get(key) ?? 0n) + (s2 === 0n ? flow : floorDiv(flow * s1, s2)));
      if (s2 === 0n) basketAvailable = false;
    }
    pending.clear();
  };
  for (const e of entries) {
    if (e.blockNumber > asOfBlock) break;
    if (si < all.length && (all[si] as SubnetSnapshot).blockNumber <= e.blockNumber) {
      flush();
      while (si < all.length && (all[si] as SubnetSnapshot).blockNumber <= e.blockNumber) {
        const s = all[si++] as SubnetSnapshot;
        const prev = current.get(s.netuid);
        const pNow = nowPrice.get(s.netuid) ?? 0n;
        if (prev) { s1 -= prev.alphaOut * pNow; s2 -= prev.alphaOut * prev.price; }
        s1 += s.alphaOut * pNow;
        s2 += s.alphaOut * s.price;
        current.set(s.netuid, s);
      }
    }
    if (ri < idx.length && (idx[ri] as RootIndexPoint).blockNumber <= e.blockNumber) {
      flush();
      while (ri < idx.length && (idx[ri] as RootIndexPoint).blockNumber <= e.blockNumber) iCur = (idx[ri++] as RootIndexPoint).index;
    }
    for (const leg of e.legs) {
      if (leg.basis !== 'trade' && leg.basis !== 'carry') continue;
      const key = keyOf(leg.coldkey, leg.hotkey, leg.netuid);
      pending.set(key, (pending.get(key) ?? 0n) + (leg.alpha >= 0n ? leg.tao : -leg.tao));
    }
  }
  flush();
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
  ledger: readonly LedgerEntry[],
  figures: ReadonlyMap<string, { netuid: number; figures: AdditiveFigures }>,
  prices: PriceBook,
  rootIndexOverride?: readonly RootIndexPoint[],
): BenchmarkSet {
  const rootIdx = rootIndexOverride ?? state.rootIndexSeries;
  const keyOf = (c: string, h: string, n: number): string => state.find(c, h, n)?.key ?? positionKey(c, h, n);
  const fv = flowBenchmarkValues(ledger, prices, state.lastBlock, rootIdx, keyOf);
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
