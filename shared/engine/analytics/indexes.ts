/**
 * Benchmark indexes: the price of one unit of each benchmark over time, as a step function of the
 * block (fixed point, INDEX_SCALE = 1.0). Every benchmark is "the same TAO flows invested in this
 * index": a flow of f rao at block b buys f / I(b) units, and units are worth units × I(t) at t.
 * Hold TAO is the constant index; root stake is the observed root yield index; the subnet baskets
 * are chained price indexes over the subnet snapshots; a series read from the chain (a validator
 * fund's total-return series, for example) is an index of its own points.
 *
 * Chained baskets. At each snapshot block the index moves by the weighted price relatives of the
 * subnets whose price changed, weights taken from the previous snapshots:
 * - cap-weighted: I ← I × Σ αOut_n·p_n(new) / Σ αOut_n·p_n(old) (weights = market cap); while α
 *   outstanding does not change this is exactly "buy the cap-weighted basket and hold it";
 * - equal-weighted: I ← I × (1/N) Σ p_n(new) / p_n(old) (rebalanced to 1/N at every snapshot).
 * A subnet joins the weights at its first snapshot and contributes a return from its second; a netuid
 * registered again after a pruning is a new subnet (./prices `sameSubnet`). Root
 * (netuid 0) is not a subnet bet and is left out. Each step floors (see ../units).
 */
import { sameSubnet, type PriceBook, type SubnetSnapshot } from '../prices';
import { ROOT_INDEX_SCALE } from '../state';
import { floorDiv } from '../units';

/** Fixed-point scale of every benchmark index (1.0 = 1e18), the root yield index's scale. */
export const INDEX_SCALE = ROOT_INDEX_SCALE;

export interface IndexPoint {
  blockNumber: number;
  value: bigint;
}

export interface BenchmarkIndex {
  /** Steps in block order; the value at a block is the last step at or before it (INDEX_SCALE before the first). */
  readonly points: readonly IndexPoint[];
  /** False when the data the index needs is missing entirely (its figures are then not shown). */
  readonly available: boolean;
  /** First block the index knows; flows before it wait as TAO until then (the figures say `complete: false`). */
  readonly startBlock: number | null;
}

/** Value of an index at a block (binary search). */
export function indexAt(index: BenchmarkIndex, block: number): bigint {
  const pts = index.points;
  let lo = 0;
  let hi = pts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((pts[mid] as IndexPoint).blockNumber <= block) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? INDEX_SCALE : (pts[found] as IndexPoint).value;
}

/** Reads an index at non-decreasing blocks in amortised O(1) (sweeps over windows or days). */
export class IndexCursor {
  private i = -1;
  constructor(private readonly index: BenchmarkIndex) {}
  at(block: number): bigint {
    const pts = this.index.points;
    while (this.i + 1 < pts.length && (pts[this.i + 1] as IndexPoint).blockNumber <= block) this.i++;
    return this.i < 0 ? INDEX_SCALE : (pts[this.i] as IndexPoint).value;
  }
}

export const HOLD_INDEX: BenchmarkIndex = { points: [], available: true, startBlock: null };

/** An index given as points (root yield index, or a series read from the chain). */
export function pointsIndex(points: readonly IndexPoint[], opts: { startsKnown?: boolean } = {}): BenchmarkIndex {
  const sorted = [...points].sort((a, b) => a.blockNumber - b.blockNumber);
  return {
    points: sorted,
    available: sorted.length > 0,
    startBlock: opts.startsKnown || sorted.length === 0 ? null : (sorted[0] as IndexPoint).blockNumber,
  };
}

/** Snapshots in block order (then netuid), root excluded, grouped by block. */
function groupByBlock(all: SubnetSnapshot[]): SubnetSnapshot[][] {
  all.sort((a, b) => a.blockNumber - b.blockNumber || a.netuid - b.netuid);
  const groups: SubnetSnapshot[][] = [];
  for (const s of all) {
    const last = groups[groups.length - 1];
    if (last && (last[0] as SubnetSnapshot).blockNumber === s.blockNumber) last.push(s);
    else groups.push([s]);
  }
  return groups;
}

/** Subnet snapshots up to `asOfBlock`, root excluded, grouped by block in block order. */
function snapshotGroups(prices: PriceBook, asOfBlock: number): SubnetSnapshot[][] {
  const all: SubnetSnapshot[] = [];
  for (const n of prices.netuids()) {
    if (n === 0) continue;
    for (const s of prices.series(n)) if (s.blockNumber <= asOfBlock) all.push(s);
  }
  return groupByBlock(all);
}

/** What a chained step knows about the snapshots before it (kept up to date in O(changed) per block). */
interface Basket {
  /** Σ α outstanding × price over the current snapshots (market cap). */
  cap: bigint;
  /** Subnets with a positive price. */
  priced: bigint;
}

/** One chained step: the new index value from the snapshots replaced at one block. */
type Step = (
  index: bigint,
  changed: readonly { prev: SubnetSnapshot; next: SubnetSnapshot }[],
  basket: Basket,
) => bigint;

/** Where a chained index stopped: enough to continue it over later snapshot blocks without the earlier ones. */
interface Chain {
  step: Step;
  /** Latest snapshot of each subnet, the basket over them, and the index value after the last block. */
  current: Map<number, SubnetSnapshot>;
  basket: Basket;
  value: bigint;
  /** The book's latest snapshot block and `added` count when folded (every snapshot of the book was). */
  lastBlock: number;
  added: number;
}

/** A chained basket index, continuable by `continueIndex` while its book only gains later blocks. */
export type ChainedIndex = BenchmarkIndex & { readonly chain: Chain | null };

/** Fold snapshot groups into the chain (mutated), pushing the index's new points. */
function foldGroups(chain: Chain, groups: readonly SubnetSnapshot[][], points: IndexPoint[]): void {
  const { current, basket } = chain;
  for (const group of groups) {
    const changed: { prev: SubnetSnapshot; next: SubnetSnapshot }[] = [];
    for (const next of group) {
      const prev = current.get(next.netuid);
      // A netuid registered again is a new subnet: it joins the weights, with no return from the old one.
      if (prev && prev.price !== next.price && sameSubnet(prev, next)) changed.push({ prev, next });
    }
    if (changed.length > 0) {
      const v = chain.step(chain.value, changed, basket);
      if (v !== chain.value) {
        chain.value = v;
        points.push({ blockNumber: (group[0] as SubnetSnapshot).blockNumber, value: v });
      }
    }
    for (const s of group) {
      const prev = current.get(s.netuid);
      if (prev) {
        basket.cap -= prev.alphaOut * prev.price;
        if (prev.price > 0n) basket.priced--;
      }
      basket.cap += s.alphaOut * s.price;
      if (s.price > 0n) basket.priced++;
      current.set(s.netuid, s);
    }
    chain.lastBlock = (group[0] as SubnetSnapshot).blockNumber;
  }
}

function chainedIndex(prices: PriceBook, asOfBlock: number, step: Step): ChainedIndex {
  const groups = snapshotGroups(prices, asOfBlock);
  const chain: Chain = {
    step,
    current: new Map(),
    basket: { cap: 0n, priced: 0n },
    value: INDEX_SCALE,
    lastBlock: -1,
    added: prices.added,
  };
  const points: IndexPoint[] = [];
  foldGroups(chain, groups, points);
  chain.lastBlock = prices.lastBlock; // root's snapshots too: a later one is found as new
  const first = groups[0];
  return {
    points,
    available: first !== undefined,
    startBlock: first ? (first[0] as SubnetSnapshot).blockNumber : null,
    // Continuable only when it folded the whole book (a later snapshot left out would be missed).
    chain: first !== undefined && prices.lastBlock <= asOfBlock ? chain : null,
  };
}

/**
 * The index `prev` continued over the snapshots its book gained since, when they are all at later blocks
 * than it folded (live sync appends a block's pools after the ones before): the same index as built anew,
 * in O(new snapshots + subnets). Null when it cannot be continued (a snapshot inserted at or before its
 * last block, or one past `asOfBlock`); `prev` is left as it was.
 */
export function continueIndex(
  prev: BenchmarkIndex & { readonly chain?: Chain | null },
  prices: PriceBook,
  asOfBlock: number,
): ChainedIndex | null {
  const last = prev.chain;
  if (!last || prices.lastBlock > asOfBlock) return null;
  const fresh: SubnetSnapshot[] = [];
  let found = 0;
  for (const n of prices.netuids()) {
    const series = prices.series(n);
    let i = series.length - 1;
    for (; i >= 0 && (series[i] as SubnetSnapshot).blockNumber > last.lastBlock; i--) {
      found++;
      if (n !== 0) fresh.push(series[i] as SubnetSnapshot);
    }
  }
  if (last.added + found !== prices.added) return null;
  const chain: Chain = { ...last, current: new Map(last.current), basket: { ...last.basket }, added: prices.added };
  const points = [...prev.points];
  foldGroups(chain, groupByBlock(fresh), points);
  chain.lastBlock = prices.lastBlock;
  return { points, available: prev.available, startBlock: prev.startBlock, chain };
}

/** Cap-weighted subnet basket: weights = α outstanding × price at the previous snapshot. */
export function capWeightedIndex(prices: PriceBook, asOfBlock: number): ChainedIndex {
  return chainedIndex(prices, asOfBlock, capStep);
}

const capStep: Step = (index, changed, { cap }) => {
  if (cap === 0n) return index;
  let newCap = cap;
  for (const { prev, next } of changed) newCap += prev.alphaOut * (next.price - prev.price);
  return floorDiv(index * newCap, cap);
};

/** Equal-weighted subnet basket: every priced subnet weighs 1/N, rebalanced at each snapshot. */
export function equalWeightedIndex(prices: PriceBook, asOfBlock: number): ChainedIndex {
  return chainedIndex(prices, asOfBlock, equalStep);
}

const equalStep: Step = (index, changed, { priced }) => {
  if (priced === 0n) return index;
  let delta = 0n;
  for (const { prev, next } of changed)
    if (prev.price > 0n) delta += floorDiv(index * (next.price - prev.price), prev.price);
  return index + floorDiv(delta, priced);
};
