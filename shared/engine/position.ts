/** Running totals of one position (coldkey, hotkey, netuid), as the replay (./state) keeps them. */
import type { FiatCost, LotBook } from './lots';
import type { Totals } from './totals';

/** Fixed-point scale of the root yield index (1.0 = 1e18). */
export const ROOT_INDEX_SCALE = 1_000_000_000_000_000_000n;

/**
 * The bigint totals of a position, as cells of the replay's typed store (./totals): offset of each
 * from the position's first cell. The ones every trade touches come first, so they share cache lines.
 */
export const CELL = {
  alpha: 0,
  windowMin: 1,
  windowMax: 2,
  taoIn: 3,
  taoOut: 4,
  friction: 5,
  alphaBought: 6,
  alphaSold: 7,
  realized: 8,
  feesTao: 9,
  feesAlpha: 10,
  alphaTransferredIn: 11,
  alphaTransferredOut: 12,
  alphaEmitted: 13,
  alphaUnexplained: 14,
  alphaUnexplainedIn: 15,
  alphaRootClaim: 16,
  alphaFeePaid: 17,
  alphaBurned: 18,
  alphaOpening: 19,
  openingTao: 20,
  carryTaoIn: 21,
  carryTaoOut: 22,
  incomeBasis: 23,
  costCarriedIn: 24,
  costCarriedOut: 25,
  incomeTao: 26,
  emissionTao: 27,
  rootClaimTao: 28,
  realizedFiat: 29,
  incomeFiat: 30,
  winStartNet: 31,
  alphaLeaseDividend: 32,
  leaseDividendTao: 33,
  alphaIncentive: 34,
  incentiveTao: 35,
} as const;
export type CellName = keyof typeof CELL;
/** Cells per position. */
export const CELLS = 36;

/**
 * Running totals of one position (coldkey, hotkey, netuid). All bigint rao / alpha-rao. The bigint
 * totals (`CELL`) are properties that read and write the position's cells; the replay's hot path
 * (./state) updates the cells directly.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- its cells' accessors, see below
export class PositionAcc {
  /** Whether the position held α at any time since its last checkpoint (only held α earns emission). */
  held = false;
  /** Disposal proceeds (trade legs) = taoOut − carried out. */
  get proceeds(): bigint {
    return this.taoOut - this.carryTaoOut;
  }
  /** Cost booked on acquisitions (trade cost + reward basis). */
  get costAcquired(): bigint {
    return this.taoIn - this.carryTaoIn + this.incomeBasis;
  }
  frictionUnknownLegs = 0;
  feesUnknown = 0;
  fiatIncomplete = false;
  emissionsUnpriced = 0;
  readonly emissions: number[] = [];
  /**
   * TAO flows netted per benchmark window (see PortfolioState.windows); the open window is kept apart.
   * Every flow is a change of taoIn − taoOut, so the open window's flow is what that net gained since
   * the window opened (no running sum to update per event).
   */
  readonly flowWin: number[] = [];
  readonly flowAmt: bigint[] = [];
  curWin = -1;
  get curFlow(): bigint {
    return this.taoIn - this.taoOut - this.winStartNet;
  }
  /** Closed windows plus the open one. */
  flowWindows(): { win: number[]; amt: bigint[] } {
    if (this.curWin < 0) return { win: this.flowWin, amt: this.flowAmt };
    return { win: [...this.flowWin, this.curWin], amt: [...this.flowAmt, this.curFlow] };
  }
  /** The next position of the same lot book (./state's index chains a book's positions). */
  nextInBook: PositionAcc | undefined = undefined;
  lastCheckpointBlock = -1;
  /** The block of the latest legs since the last checkpoint (-1: none). */
  legBlock = -1;
  /** The block of the position's latest legs of all (-1: none), which a checkpoint does not reset. */
  lastLegBlock = -1;
  poolValue: bigint | null = null;
  epochIndex: bigint | null = null;
  /** Legs of a later block: the α after the previous block with legs is one an epoch may have paid on. */
  noteLegBlock(block: number): void {
    if (this.legBlock === block) return;
    if (this.legBlock >= 0) this.noteAlpha();
    this.legBlock = block;
    if (block > this.lastLegBlock) this.lastLegBlock = block;
  }
  /** No leg has changed the position's α yet. */
  noLegs(): boolean {
    return (
      this.alphaBought === 0n &&
      this.alphaSold === 0n &&
      this.alphaTransferredIn === 0n &&
      this.alphaTransferredOut === 0n &&
      this.alphaRootClaim === 0n &&
      this.alphaLeaseDividend === 0n &&
      this.alphaIncentive === 0n &&
      this.alphaFeePaid === 0n &&
      this.alphaBurned === 0n
    );
  }
  /** Realized `tao` (rao) and its fiat amount (null: not known, flagged, never guessed; 0 without fiat prices). */
  realize(tao: bigint, fiat: FiatCost): void {
    this.totals.add(this.base + CELL.realized, tao);
    if (fiat === null) this.fiatIncomplete = true;
    else this.realizedFiat += fiat;
  }
  /** A cost its book returned (a disposal with no proceeds, a late cost) is a realized loss, with its fiat cost. */
  lose(cost: bigint): void {
    const fiat = this.book.fiatOut();
    if (cost !== 0n || fiat !== 0n) this.realize(-cost, fiat === null ? null : -fiat);
  }
  /** The current α is one an epoch of the interval may have paid on. */
  noteAlpha(): void {
    const b = this.base;
    this.totals.widen(b + CELL.alpha, b + CELL.windowMin, b + CELL.windowMax);
  }
  constructor(
    readonly key: string,
    readonly coldkey: string,
    readonly hotkey: string,
    readonly netuid: number,
    /** The (coldkey, netuid) lot book this position's α lives in (shared with its other hotkeys). */
    readonly book: LotBook,
    /** The store of the position's bigint totals, and its first cell there (`CELL` offsets from it). */
    readonly totals: Totals,
    readonly base: number,
  ) {}
}

// The bigint totals (`CELL`), declared for the type checker: the accessors defined below the class
// give every position these properties (an interface, not `declare` fields, which Babel, used by
// Playwright to load the engine in the e2e suite, rejects).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- defined on the prototype below
export interface PositionAcc {
  alpha: bigint;
  alphaBought: bigint;
  alphaSold: bigint;
  alphaTransferredIn: bigint;
  alphaTransferredOut: bigint;
  alphaEmitted: bigint;
  /** α lost that no rule explains (decreases between checkpoints), as a positive amount. */
  alphaUnexplained: bigint;
  /** α gained that no rule explains (an increase on a position that held nothing in the interval). */
  alphaUnexplainedIn: bigint;
  alphaRootClaim: bigint;
  /** α paid out of subnet leases (docs/chain/events.md#lease-dividends). */
  alphaLeaseDividend: bigint;
  alphaIncentive: bigint;
  alphaFeePaid: bigint;
  alphaBurned: bigint;
  /**
   * α already held at the position's first checkpoint that no recorded event explains: an opening
   * balance (stake older than the recorded history, e.g. root stake from before dTAO). It is not
   * income: it enters like a purchase at the first recorded price (`openingTao`, part of taoIn).
   */
  alphaOpening: bigint;
  openingTao: bigint;
  /** TAO paid into the position (trade + carry acquisitions, gross). */
  taoIn: bigint;
  /** TAO received out of the position (trade + carry disposals, net). */
  taoOut: bigint;
  /** TAO of basis-carrying moves (part of taoIn/taoOut; kept apart so trade figures derive without extra work per event). */
  carryTaoIn: bigint;
  carryTaoOut: bigint;
  /** Basis booked for rewards (income treatment). */
  incomeBasis: bigint;
  costCarriedIn: bigint;
  costCarriedOut: bigint;
  realized: bigint;
  /** Emissions (positive intervals) + root claims + lease dividends, TAO value at accrual. */
  incomeTao: bigint;
  emissionTao: bigint;
  rootClaimTao: bigint;
  leaseDividendTao: bigint;
  incentiveTao: bigint;
  friction: bigint;
  feesTao: bigint;
  feesAlpha: bigint;
  realizedFiat: bigint;
  incomeFiat: bigint;
  /** taoIn − taoOut when the open window opened. */
  winStartNet: bigint;
  /**
   * The current checkpoint interval (./reconcile): the smallest and largest α after a block with legs
   * (the α at the last checkpoint included: `windowMin`, `windowMax`), the block of the latest legs
   * (−1: none yet), and the pool value per share at the last checkpoint.
   */
  windowMin: bigint;
  windowMax: bigint;
}

// The bigint totals as properties of every position: read and written through its cells.
for (const [name, offset] of Object.entries(CELL)) {
  Object.defineProperty(PositionAcc.prototype, name, {
    get(this: PositionAcc): bigint {
      return this.totals.get(this.base + offset);
    },
    set(this: PositionAcc, v: bigint): void {
      this.totals.set(this.base + offset, v);
    },
    enumerable: true,
    configurable: false,
  });
}

/** The key of a (coldkey, netuid) lot book: lots are pooled per coldkey and subnet across hotkeys. */
export function bookKey(coldkey: string, netuid: number): string {
  return `${coldkey}|${netuid}`;
}
