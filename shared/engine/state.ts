/**
 * The replay state machine: applies ledger entries and checkpoints in block order to per-position
 * accumulators and per-(coldkey, netuid) lot books. Everything downstream (PnL, series, benchmarks)
 * reads this state; the incremental path keeps one instance alive and feeds it new entries.
 */
import type { LedgerEntry, LedgerLeg } from './ledger';
import { emissionAt, recordAt, type EmissionRecord, type PositionCheckpoint } from './emissions';
import { revalue, rootClaimed, splitDelta } from './reconcile';
import { subFiat, type FiatCost } from './lot-base';
import type { LotBook } from './lots';
import { PositionIndex } from './position-index';
import type { CostBasisMethod, FeeUnit, RewardTreatment } from '../vocab';
import { CELL, ROOT_INDEX_SCALE, type PositionAcc } from './position';
import type { Totals } from './totals';
import { BenchmarkWindows } from './windows';
import { carryLots, type CarrySink } from './carry';

export type { RewardTreatment } from '../vocab';
export { bookKey, PositionAcc, ROOT_INDEX_SCALE } from './position';
import type { PriceBook } from './prices';
import type { FiatBook } from './fiat';
import type { FundBook } from './analytics/fund-index';

export interface StateOptions {
  method: CostBasisMethod;
  rewards: RewardTreatment;
  prices: PriceBook;
  fiat?: FiatBook | null;
  trackedColdkeys?: ReadonlySet<string>;
  /** Validator fund total-return readings and root stake (the "Your validator's fund" benchmark). */
  funds?: FundBook;
  /** Per coldkey, where its recorded history begins (PortfolioInput.historyStarts). */
  historyStarts?: Readonly<Record<string, number>>;
}

export class PortfolioState {
  private readonly index: PositionIndex;
  /** The positions' bigint totals (./totals): the hot path below adds to their cells in place. */
  private readonly totals: Totals;
  readonly positions: ReadonlyMap<string, PositionAcc>;
  readonly books: ReadonlyMap<string, LotBook>;
  /** book key → positions sharing it (cost attribution). */
  readonly bookPositions: ReadonlyMap<string, readonly PositionAcc[]>;
  readonly emissions: EmissionRecord[] = [];
  /** Opening balances as found (tax exports' deposits); not in `emissions`: neither accrual nor unexplained. */
  readonly openings: EmissionRecord[] = [];
  lastBlock = -1;
  lastTimestamp = 0;
  /** A carry's owed α reached `p`'s book after the carry (the incremental path notes that book). */
  onForward: ((p: PositionAcc) => void) | null = null;
  /** Acquisition order for lots (FIFO/LIFO ties); carried lots keep theirs. */
  private nextOrder = 0;
  private readonly sink: CarrySink = {
    order: () => this.nextOrder++,
    forwarded: (p) => this.onForward?.(p),
  };
  /** Per coldkey, the block of its first checkpoint: where its recorded history begins. */
  private readonly historyStart = new Map<string, number>();
  /** Total α on root (netuid 0) across tracked positions, and the observed root yield index (ROOT_INDEX_SCALE). */
  rootAlpha = 0n;
  rootIndex = ROOT_INDEX_SCALE;
  readonly rootIndexSeries: { blockNumber: number; index: bigint }[] = [];

  /** Benchmark windows (./windows): spans of the replay in which no benchmark index moves. */
  private readonly win: BenchmarkWindows;
  /** Each window's first block and the root yield index in it. */
  readonly windows: readonly { blockNumber: number; rootIndex: bigint }[];

  constructor(readonly opts: StateOptions) {
    this.win = new BenchmarkWindows(opts.prices.snapshotBlocks());
    this.windows = this.win.list;
    this.index = new PositionIndex(opts.method);
    this.totals = this.index.totals;
    ({ positions: this.positions, books: this.books, bookPositions: this.bookPositions } = this.index);
  }

  /** A TAO flow of `p` is about to be booked at `block` (before taoIn/taoOut change): ./windows. */
  private flow(p: PositionAcc, block: number): void {
    this.win.flow(p, block, this.rootIndex);
  }

  position(coldkey: string, hotkey: string, netuid: number): PositionAcc {
    return this.index.position(coldkey, hotkey, netuid);
  }

  /** Look a position up without creating it. */
  find(coldkey: string, hotkey: string, netuid: number): PositionAcc | undefined {
    return this.index.find(coldkey, hotkey, netuid);
  }

  book(coldkey: string, netuid: number): LotBook {
    return this.index.book(coldkey, netuid);
  }

  /** Root dividends (root emissions, root-claim payouts) grow the observed root yield index. */
  private noteRootIncome(block: number, value: bigint): void {
    if (this.rootAlpha <= 0n || value <= 0n) return;
    this.rootIndex = (this.rootIndex * (this.rootAlpha + value)) / this.rootAlpha;
    this.win.close();
    this.rootIndexSeries.push({ blockNumber: block, index: this.rootIndex });
  }

  /**
   * A snapshot recorded after everything replayed so far (the incremental path): a benchmark window
   * boundary, exactly as if it had been in the price book from the start.
   */
  noteLaterSnapshot(block: number): void {
    this.win.noteLaterBoundary(block);
  }

  /** Move "now" forward (e.g. to a later price snapshot). */
  noteBlock(block: number, ts: number): void {
    this.advance(block, ts);
  }

  private advance(block: number, ts: number): void {
    if (block > this.lastBlock) this.lastBlock = block;
    if (ts > this.lastTimestamp) this.lastTimestamp = ts;
  }

  applyEntry(e: LedgerEntry): void {
    const block = e.blockNumber;
    const ts = e.timestamp;
    this.advance(block, ts);
    if (e.legCount === 1) {
      if (e.kind === 'share-reconcile') revalue(this, e.firstLeg);
      this.applyLeg(block, ts, e.firstLeg);
      return;
    }
    const legs = e.legs;
    if (legs.length === 2 && (legs[0] as LedgerLeg).basis === 'carry') {
      this.applyCarry(block, legs[0] as LedgerLeg, legs[1] as LedgerLeg);
      return;
    }
    for (const leg of legs) this.applyLeg(block, ts, leg);
  }

  /** Fiat value of `tao` on the day of `ts` (./fiat: null on a day without a price, listed); 0 without fiat prices. */
  private fiatOf(tao: bigint, ts: number): FiatCost {
    return this.opts.fiat ? this.opts.fiat.value(tao, ts) : 0n;
  }

  private noteFee(p: PositionAcc, fee: bigint | null, unit: FeeUnit): void {
    if (fee === null) {
      p.feesUnknown++;
      return;
    }
    if (fee === 0n) return;
    this.totals.add(p.base + (unit === 'tao' ? CELL.feesTao : CELL.feesAlpha), fee);
  }

  private applyLeg(block: number, ts: number, leg: LedgerLeg): void {
    const p = this.position(leg.coldkey, leg.hotkey, leg.netuid);
    // Root claims are the root yield the Root stake benchmark grows at; lease dividends are not.
    if (leg.basis === 'income' && leg.category === 'rootClaim') this.noteRootIncome(block, leg.tao);
    if (leg.basis === 'income' || leg.basis === 'expense') {
      p.noteLegBlock(block);
      this.totals.add(p.base + CELL.alpha, leg.alpha);
      if (leg.alpha > 0n) p.held = true;
      if (leg.netuid === 0) this.rootAlpha += leg.alpha;
    }
    const book = p.book;
    if (leg.basis === 'income') {
      if (leg.category === 'leaseDividend') {
        p.alphaLeaseDividend += leg.alpha;
        p.leaseDividendTao += leg.tao;
      } else if (leg.category === 'minerIncentive') {
        p.alphaIncentive += leg.alpha;
        p.incentiveTao += leg.tao;
      } else {
        p.alphaRootClaim += leg.alpha;
        p.rootClaimTao += leg.tao;
      }
      p.incomeTao += leg.tao;
      this.bookIncome(p, book, leg.alpha, leg.tao, ts);
      return;
    }
    if (leg.basis === 'expense') {
      const a = -leg.alpha;
      if (leg.category === 'burned') {
        p.alphaBurned += a;
        if (leg.spotTao !== null) p.friction += leg.spotTao;
        else p.frictionUnknownLegs++;
      } else {
        p.alphaFeePaid += a;
        if (leg.fee !== null) {
          p.friction += leg.fee;
          p.feesTao += leg.fee;
        }
      }
      p.lose(book.dispose(a));
      return;
    }
    // trade (carry legs outside a pair are treated as trades)
    const buy = leg.alpha > 0n || (leg.alpha === 0n && leg.category !== 'sold' && leg.category !== 'transferOut');
    const transfer = leg.category === (buy ? 'transferIn' : 'transferOut');
    this.trade(p, block, ts, buy, buy ? leg.alpha : -leg.alpha, leg.tao, leg.fee, leg.feeUnit, leg.spotTao, transfer);
  }

  /**
   * A trade leg of `p`: `amount` α (≥ 0) bought (`buy`) or sold, for `tao`; also the replay's fast path
   * for a lone buy or sell (./legs `applyTradeEvent`: no leg built). Hot path, one call per trade:
   * signs are applied by adding or subtracting (each bigint result, a negated amount too, allocates).
   */
  trade(
    p: PositionAcc,
    block: number,
    ts: number,
    buy: boolean,
    amount: bigint,
    tao: bigint,
    fee: bigint | null,
    feeUnit: FeeUnit,
    spotTao: bigint | null,
    transfer: boolean,
  ): void {
    this.advance(block, ts);
    p.noteLegBlock(block);
    const t = this.totals;
    const b = p.base;
    this.noteFee(p, fee, feeUnit);
    if (buy) {
      t.add(b + CELL.alpha, amount);
      if (amount > 0n) p.held = true;
      if (p.netuid === 0) this.rootAlpha += amount;
      t.add(b + (transfer ? CELL.alphaTransferredIn : CELL.alphaBought), amount);
      this.flow(p, block);
      t.add(b + CELL.taoIn, tao);
      if (spotTao !== null) {
        t.add(b + CELL.friction, tao);
        t.sub(b + CELL.friction, spotTao);
      } else p.frictionUnknownLegs++;
      p.lose(p.book.acquire(amount, tao, this.nextOrder++, this.fiatOf(tao, ts)));
      return;
    }
    t.sub(b + CELL.alpha, amount);
    if (p.netuid === 0) this.rootAlpha -= amount;
    t.add(b + (transfer ? CELL.alphaTransferredOut : CELL.alphaSold), amount);
    this.flow(p, block);
    t.add(b + CELL.taoOut, tao);
    if (spotTao !== null) {
      t.add(b + CELL.friction, spotTao);
      t.sub(b + CELL.friction, tao);
    } else p.frictionUnknownLegs++;
    const removed = p.book.dispose(amount);
    // Fiat gain: proceeds at the sale day's price − the lots' fiat cost (each at its acquisition day's price).
    if (this.opts.fiat) p.realize(tao - removed, subFiat(this.fiatOf(tao, ts), p.book.fiatOut()));
    else {
      t.add(b + CELL.realized, tao);
      t.sub(b + CELL.realized, removed);
    }
  }

  /** Same-subnet move of tracked positions: the flows here, the lots in ./carry. */
  private applyCarry(block: number, out: LedgerLeg, inn: LedgerLeg): void {
    const po = this.position(out.coldkey, out.hotkey, out.netuid);
    const pi = this.position(inn.coldkey, inn.hotkey, inn.netuid);
    const moved = -out.alpha;
    if (out.netuid === 0) this.rootAlpha += out.alpha + inn.alpha;
    po.noteLegBlock(block);
    pi.noteLegBlock(block);
    po.alpha += out.alpha;
    po.alphaTransferredOut += moved;
    this.flow(po, block);
    po.taoOut += out.tao;
    po.carryTaoOut += out.tao;
    this.noteFee(po, out.fee, out.feeUnit);
    if (out.spotTao !== null) po.friction += out.spotTao - out.tao;
    else po.frictionUnknownLegs++;

    pi.alpha += inn.alpha;
    if (inn.alpha > 0n) pi.held = true;
    pi.alphaTransferredIn += inn.alpha;
    this.flow(pi, block);
    pi.taoIn += inn.tao;
    pi.carryTaoIn += inn.tao;
    this.noteFee(pi, inn.fee, inn.feeUnit);
    if (inn.spotTao !== null) pi.friction += inn.tao - inn.spotTao;
    else pi.frictionUnknownLegs++;
    carryLots(po, pi, moved, inn.alpha, this.sink);
  }

  private bookIncome(p: PositionAcc, book: LotBook, alpha: bigint, value: bigint, ts: number): void {
    const income = this.opts.rewards === 'income';
    const basis = income ? value : 0n;
    p.incomeBasis += basis;
    // Income at receipt: the fiat basis is the fiat value when received; zero basis: none, in TAO and fiat.
    const fiat = this.fiatOf(value, ts);
    if (fiat === null) p.fiatIncomplete = true;
    else p.incomeFiat += fiat;
    p.lose(book.acquire(alpha, basis, this.nextOrder++, income ? fiat : 0n));
  }

  /** α found at the first checkpoint: an opening lot at the first recorded price, not income. */
  private openBalance(p: PositionAcc, cp: PositionCheckpoint, rec: EmissionRecord): void {
    p.alpha += rec.alpha;
    if (cp.netuid === 0) this.rootAlpha += rec.alpha;
    this.openings.push(rec);
    p.alphaOpening += rec.alpha;
    p.openingTao += rec.tao;
    this.flow(p, cp.blockNumber);
    p.taoIn += rec.tao;
    if (rec.price === null) p.emissionsUnpriced++;
    p.lose(p.book.acquire(rec.alpha, rec.tao, this.nextOrder++, this.fiatOf(rec.tao, cp.timestamp)));
  }

  /**
   * A position checkpoint: the chain's α against the α the ledger explains. The difference is split
   * into emission (growth of held α the hotkey pool's value per share accounts for) and unexplained α
   * (./reconcile); without pool values, growth of held α is emission and anything else unexplained.
   */
  applyCheckpoint(cp: PositionCheckpoint): EmissionRecord | null {
    if (this.opts.trackedColdkeys && !this.opts.trackedColdkeys.has(cp.coldkey)) return null;
    this.advance(cp.blockNumber, cp.timestamp);
    const p = this.position(cp.coldkey, cp.hotkey, cp.netuid);
    // Opening balance only for stake older than the coldkey's recorded history: a position with
    // nothing recorded before its first checkpoint, at or before the block where the history begins
    // (given, else the coldkey's first checkpoint block). A checkpoint holds every position the
    // coldkey has at its block (docs/chain/reconciliation.md), so α first found later arrived inside
    // the history: it is split like any interval's change (an owner's take or incentive is emission;
    // other α no event explains is unexplained), never a purchase from before the history.
    let start = this.opts.historyStarts?.[cp.coldkey] ?? this.historyStart.get(cp.coldkey);
    if (start === undefined) this.historyStart.set(cp.coldkey, (start = cp.blockNumber));
    const first = p.lastCheckpointBlock < 0 && p.noLegs() && cp.blockNumber <= start;
    const held = p.held || p.alpha > 0n;
    // The α after the latest legs counts when they came before the checkpoint block (an epoch in a
    // later block of the interval paid on it); legs in the checkpoint block came after its epoch.
    if (p.legBlock >= 0 && p.legBlock < cp.blockNumber) p.noteAlpha();
    const window = {
      alphaMin: p.windowMin,
      alphaMax: p.windowMax,
      poolValueFrom: p.poolValue,
      poolValueTo: cp.poolValue ?? null,
      ownsHotkey: cp.ownsHotkey === true,
      epochFrom: p.epochIndex,
      epochTo: cp.epochIndex ?? null,
      held,
      rootClaimed: rootClaimed(this.opts.prices, cp.netuid, p.lastCheckpointBlock, cp.blockNumber),
    };
    const fromBlock = p.lastCheckpointBlock;
    p.lastCheckpointBlock = cp.blockNumber;
    p.held = cp.alpha > 0n;
    p.windowMin = p.windowMax = cp.alpha;
    p.legBlock = -1;
    p.poolValue = cp.poolValue ?? null;
    p.epochIndex = cp.epochIndex ?? null;
    const delta = cp.alpha - p.alpha;
    if (delta === 0n) return null;
    if (first && delta > 0n) {
      this.openBalance(p, cp, emissionAt(this.emissions.length, cp, fromBlock, p.alpha, this.opts.prices));
      return null;
    }
    const split = splitDelta(delta, window);
    let last: EmissionRecord | null = null;
    if (split.emission > 0n) last = this.bookRecord(p, cp, fromBlock, split.emission, 'emission');
    if (split.unexplained !== 0n) last = this.bookRecord(p, cp, fromBlock, split.unexplained, 'unexplained');
    return last;
  }

  private bookRecord(
    p: PositionAcc,
    cp: PositionCheckpoint,
    fromBlock: number,
    alpha: bigint,
    kind: EmissionRecord['kind'],
  ): EmissionRecord {
    const rec = recordAt(this.emissions.length, cp, fromBlock, alpha, kind, this.opts.prices);
    this.emissions.push(rec);
    p.emissions.push(rec.id);
    if (cp.netuid === 0 && rec.kind === 'emission') this.noteRootIncome(cp.blockNumber, rec.tao);
    p.alpha += rec.alpha;
    if (cp.netuid === 0) this.rootAlpha += rec.alpha;
    const book = p.book;
    if (rec.alpha > 0n && rec.kind === 'unexplained') {
      // Kept as it is on chain (a lot with no cost), never income.
      p.alphaUnexplainedIn += rec.alpha;
      p.lose(book.acquire(rec.alpha, 0n, this.nextOrder++));
    } else if (rec.alpha > 0n) {
      p.alphaEmitted += rec.alpha;
      p.incomeTao += rec.tao;
      p.emissionTao += rec.tao;
      this.bookIncome(p, book, rec.alpha, rec.tao, cp.timestamp);
      if (rec.price === null) p.emissionsUnpriced++;
    } else {
      p.alphaUnexplained += -rec.alpha;
      p.lose(book.dispose(-rec.alpha));
    }
    return rec;
  }
}
