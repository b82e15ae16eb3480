/**
 * "Your validator's fund": the benchmark index built from the chain's own total-return series of
 * the validators' funds, `BasketTwr[hotkey]` (docs/chain/baskets.md#baskettwr). Verified from
 * metadata 455 and 475: a `FixedU128` with 64 fractional bits (its default is 1.0 = 2^64), starting
 * at 1.0 and multiplied by `1 + stakers_value / total_root_stake` at every dividend share mint; flows
 * never move it, so τ1 staked from t0 to t1 (claiming and restaking) returns `Twr(t1) / Twr(t0)`.
 *
 * Which fund. Sync reads the series of every validator the user root-stakes with (or holds fund shares
 * of) at its checkpoints. With one validator the index is that fund's TWR, rebased to 1.0 at its first
 * reading. With several, the index is chained: at each reading block t it moves by the average of the
 * funds' relatives `Twr_v(t) / Twr_v(previous reading)`, weighted by what the tracked coldkeys had in
 * each fund over the step: their root stake on the validator plus the TAO value of their owed fund
 * shares, each at their last checkpoint before t (no look ahead). When none of the funds that moved
 * has anything of theirs behind it, the funds weigh equally.
 *
 * A reading below the previous one of the same validator is a new fund life (the chain retires the
 * series when a fund drains and starts again at 1.0, per the BasketTwr doc): that step counts as no
 * return for that fund and the next steps chain from the new value. Assumption (inferred): the series
 * never falls otherwise, since it only multiplies by 1 + a non-negative value per unit of stake.
 * How the benchmark is chosen and why: docs/chain/baskets.md#benchmark-your-validators-fund.
 *
 * Readings are taken at checkpoint blocks, which are also subnet-snapshot blocks, so the benchmark
 * windows (PortfolioState.windows) close there and no window spans a move of this index.
 */
import type { PositionCheckpoint } from '../emissions';
import type { BasketSnapshot } from '../baskets';
import { floorDiv } from '../units';
import { INDEX_SCALE, type BenchmarkIndex, type IndexPoint } from './indexes';

/** One reading of `BasketTwr[hotkey]` at a block (raw U64F64 bits: 1.0 = TWR_ONE). */
export interface BasketTwrPoint {
  blockNumber: number;
  hotkey: string;
  twr: bigint;
}

/** 1.0 in BasketTwr's fixed point (64 fractional bits). */
export const TWR_ONE = 1n << 64n;

/** The index when no reading exists (before runtime 441, or no validator fund). */
export const NO_FUND_INDEX: BenchmarkIndex = { points: [], available: false, startBlock: null };

/** A coldkey's checkpoint blocks in order, each with its TAO per validator hotkey (root stake or fund shares). */
interface RootHistory {
  blocks: number[];
  root: Map<string, bigint>[];
}

/** The map of a coldkey's entry at `block` (a new one when the block is new). */
function entryAt(histories: Map<string, RootHistory>, coldkey: string, block: number): Map<string, bigint> {
  let h = histories.get(coldkey);
  if (!h) histories.set(coldkey, (h = { blocks: [], root: [] }));
  if (h.blocks[h.blocks.length - 1] !== block) {
    h.blocks.push(block);
    h.root.push(new Map());
  }
  return h.root[h.root.length - 1] as Map<string, bigint>;
}

/** TWR readings and the tracked coldkeys' root stake over time; grows with the facts (Engine.append). */
export class FundBook {
  private readonly readings: BasketTwrPoint[] = [];
  /** `block|hotkey` of every reading kept (several coldkeys read the same fund at a block). */
  private readonly seen = new Set<string>();
  /** The last index built and what it was built from (facts added since, or another as-of, rebuild it). */
  private built: { version: number; upTo: number; index: BenchmarkIndex } | null = null;
  private version = 0;
  private readonly history = new Map<string, RootHistory>();
  /** Fund shares' TAO value per coldkey and validator at basket checkpoints (ledger baskets). */
  private readonly shares = new Map<string, RootHistory>();

  constructor(private readonly tracked: ReadonlySet<string>) {}

  /** Adds readings, checkpoints and basket snapshots (each in block order, later than those added before). */
  add(
    readings: readonly BasketTwrPoint[],
    checkpoints: readonly PositionCheckpoint[],
    baskets: readonly BasketSnapshot[] = [],
  ): void {
    if (readings.length > 0 || checkpoints.length > 0 || baskets.length > 0) this.version++;
    for (const b of [...baskets].sort((x, y) => x.blockNumber - y.blockNumber)) {
      if (!this.tracked.has(b.coldkey)) continue;
      const m = entryAt(this.shares, b.coldkey, b.blockNumber);
      for (const r of b.rows) m.set(r.hotkey, (m.get(r.hotkey) ?? 0n) + r.value);
    }
    let added = false;
    for (const r of readings) {
      const k = `${r.blockNumber}|${r.hotkey}`;
      if (this.seen.has(k)) continue;
      this.seen.add(k);
      this.readings.push(r);
      added = true;
    }
    if (added) this.readings.sort((a, b) => a.blockNumber - b.blockNumber);
    for (const cp of checkpoints) {
      if (!this.tracked.has(cp.coldkey)) continue;
      const m = entryAt(this.history, cp.coldkey, cp.blockNumber);
      if (cp.netuid === 0) m.set(cp.hotkey, (m.get(cp.hotkey) ?? 0n) + cp.alpha);
    }
  }

  /** The chained fund index over the readings up to `asOfBlock` (see the module comment). */
  index(asOfBlock: number): BenchmarkIndex {
    // The index depends on the readings up to asOfBlock only: count them (binary search).
    let lo = 0;
    let hi = this.readings.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.readings[mid] as BasketTwrPoint).blockNumber <= asOfBlock) lo = mid + 1;
      else hi = mid;
    }
    const b = this.built;
    if (b && b.version === this.version && b.upTo === lo) return b.index;
    const index = this.build(asOfBlock);
    this.built = { version: this.version, upTo: lo, index };
    return index;
  }

  private build(asOfBlock: number): BenchmarkIndex {
    const groups: BasketTwrPoint[][] = [];
    for (const r of this.readings) {
      if (r.blockNumber > asOfBlock) break;
      const last = groups[groups.length - 1];
      if (last && (last[0] as BasketTwrPoint).blockNumber === r.blockNumber) last.push(r);
      else groups.push([r]);
    }
    if (groups.length === 0) return NO_FUND_INDEX;
    const cursors = new Map<RootHistory, number>();
    // What each validator's fund held of the user's over the step: root stake plus fund shares' value,
    // each at the coldkey's last entry before the step's block.
    const stakeBefore = (block: number): Map<string, bigint> => {
      const w = new Map<string, bigint>();
      for (const histories of [this.history, this.shares])
        for (const h of histories.values()) {
          let i = cursors.get(h) ?? -1;
          while (i + 1 < h.blocks.length && (h.blocks[i + 1] as number) < block) i++;
          cursors.set(h, i);
          if (i >= 0) for (const [hot, a] of h.root[i] as Map<string, bigint>) w.set(hot, (w.get(hot) ?? 0n) + a);
        }
      return w;
    };
    const prev = new Map<string, bigint>();
    const points: IndexPoint[] = [];
    let value = INDEX_SCALE;
    for (const group of groups) {
      const block = (group[0] as BasketTwrPoint).blockNumber;
      const steps = group.flatMap((r) => {
        const p = prev.get(r.hotkey);
        // A new fund life (the reading fell) or a zero reading counts as no return over the step.
        return p === undefined ? [] : [{ hotkey: r.hotkey, from: p, to: p > 0n && r.twr >= p ? r.twr : p }];
      });
      if (steps.some((s) => s.to !== s.from)) {
        const stake = stakeBefore(block);
        let weights = steps.map((s) => stake.get(s.hotkey) ?? 0n);
        if (weights.every((w) => w === 0n)) weights = steps.map(() => 1n);
        let total = 0n;
        let num = 0n;
        steps.forEach((s, i) => {
          const w = weights[i] as bigint;
          total += w;
          num += s.to === s.from ? w * value : floorDiv(w * value * s.to, s.from);
        });
        const next = floorDiv(num, total);
        if (next !== value) {
          value = next;
          points.push({ blockNumber: block, value });
        }
      }
      for (const r of group) prev.set(r.hotkey, r.twr);
    }
    return { points, available: true, startBlock: (groups[0]?.[0] as BasketTwrPoint).blockNumber };
  }
}
