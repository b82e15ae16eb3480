/** Running totals of one position (coldkey, hotkey, netuid), as the replay (./state) keeps them. */
import type { LotBook } from './lots';

/** Fixed-point scale of the root yield index (1.0 = 1e18). */
export const ROOT_INDEX_SCALE = 1_000_000_000_000_000_000n;

/** Running totals of one position (coldkey, hotkey, netuid). All bigint rao / alpha-rao. */
export class PositionAcc {
  alpha = 0n;
  alphaBought = 0n;
  alphaSold = 0n;
  alphaTransferredIn = 0n;
  alphaTransferredOut = 0n;
  alphaEmitted = 0n;
  /** α lost that no rule explains (decreases between checkpoints), as a positive amount. */
  alphaUnexplained = 0n;
  /** α gained that no rule explains (an increase on a position that held nothing in the interval). */
  alphaUnexplainedIn = 0n;
  /** Whether the position held α at any time since its last checkpoint (only held α earns emission). */
  held = false;
  alphaRootClaim = 0n;
  alphaFeePaid = 0n;
  alphaBurned = 0n;
  /**
   * α already held at the position's first checkpoint that no recorded event explains: an opening
   * balance (stake older than the recorded history, e.g. root stake from before dTAO). It is not
   * income: it enters like a purchase at the first recorded price (`openingTao`, part of taoIn).
   */
  alphaOpening = 0n;
  openingTao = 0n;
  /** TAO paid into the position (trade + carry acquisitions, gross). */
  taoIn = 0n;
  /** TAO received out of the position (trade + carry disposals, net). */
  taoOut = 0n;
  /** TAO of basis-carrying moves (part of taoIn/taoOut; kept apart so trade figures derive without extra work per event). */
  carryTaoIn = 0n;
  carryTaoOut = 0n;
  /** Basis booked for rewards (income treatment). */
  incomeBasis = 0n;
  /** Disposal proceeds (trade legs) = taoOut − carried out. */
  get proceeds(): bigint {
    return this.taoOut - this.carryTaoOut;
  }
  /** Cost booked on acquisitions (trade cost + reward basis). */
  get costAcquired(): bigint {
    return this.taoIn - this.carryTaoIn + this.incomeBasis;
  }
  costCarriedIn = 0n;
  costCarriedOut = 0n;
  realized = 0n;
  /** Emissions (positive intervals) + root claims, TAO value at accrual. */
  incomeTao = 0n;
  emissionTao = 0n;
  rootClaimTao = 0n;
  friction = 0n;
  frictionUnknownLegs = 0;
  feesTao = 0n;
  feesAlpha = 0n;
  feesUnknown = 0;
  realizedFiat = 0n;
  incomeFiat = 0n;
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
  /** taoIn − taoOut when the open window opened. */
  winStartNet = 0n;
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
  /**
   * The current checkpoint interval (./reconcile): the smallest and largest α after a block with legs
   * (the α at the last checkpoint included), the block of the latest legs (−1: none yet), and the pool
   * value per share at the last checkpoint.
   */
  windowMin = 0n;
  windowMax = 0n;
  legBlock = -1;
  poolValue: bigint | null = null;
  epochIndex: bigint | null = null;
  /** Legs of a later block: the α after the previous block with legs is one an epoch may have paid on. */
  noteLegBlock(block: number): void {
    if (this.legBlock === block) return;
    if (this.legBlock >= 0) this.noteAlpha();
    this.legBlock = block;
  }
  /** No leg has changed the position's α yet. */
  noLegs(): boolean {
    return (
      this.alphaBought === 0n &&
      this.alphaSold === 0n &&
      this.alphaTransferredIn === 0n &&
      this.alphaTransferredOut === 0n &&
      this.alphaRootClaim === 0n &&
      this.alphaFeePaid === 0n &&
      this.alphaBurned === 0n
    );
  }
  /** The current α is one an epoch of the interval may have paid on. */
  noteAlpha(): void {
    if (this.alpha < this.windowMin) this.windowMin = this.alpha;
    if (this.alpha > this.windowMax) this.windowMax = this.alpha;
  }
  constructor(
    readonly key: string,
    readonly coldkey: string,
    readonly hotkey: string,
    readonly netuid: number,
    /** The (coldkey, netuid) lot book this position's α lives in (shared with its other hotkeys). */
    readonly book: LotBook,
  ) {}
}

/** The key of a (coldkey, netuid) lot book: lots are pooled per coldkey and subnet across hotkeys. */
export function bookKey(coldkey: string, netuid: number): string {
  return `${coldkey}|${netuid}`;
}
