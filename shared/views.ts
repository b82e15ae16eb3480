// Portfolio views carried by the contract: the engine's figures, flattened for the UI
// (no Maps; bigint amounts, which both transports carry exactly).
import type {
  BasketFiat,
  BasketFigures,
  BasketRecord,
  Benchmarks,
  Figures,
  FlowMarker,
  LedgerKind,
  LedgerLeg,
  SeriesPoint,
} from './engine';
import type { BasketIncomeTiming, CostBasisMethod, ExitSource, LedgerFlag, RewardTreatment } from './vocab';
import type { SubnetDissolution, SubnetSuccessor } from './subnet-labels';

/**
 * What a holding can be sold for now and what is locked (docs/chain/locks.md,
 * docs/chain/pricing-and-exit.md). `figures.exitValue` of the same view equals `exitValue` here.
 */
export interface HoldingView {
  /** Head checkpoint whose chain facts (locks, exit quote) this is; null: none applies (closed form). */
  block: number | null;
  /** α under a conviction lock: not sellable now, still held and still earning. */
  locked: bigint;
  /** α that can be sold now (held − locked). */
  available: bigint;
  /** The locked α at the spot price: shown apart, never part of the exit value. */
  lockedValue: bigint;
  /** TAO that selling the available α returns now, fees and slippage included. */
  exitValue: bigint;
  /** Where the exit value comes from ('mixed': an aggregate of both). */
  exitSource: ExitSource;
  /** False where the runtime had no locks or no head facts apply (locked reads 0). */
  locksRead: boolean;
}

/** An α change at a checkpoint that no rule explains: kept apart, never income (docs/chain/reconciliation.md). */
export interface UnexplainedView {
  coldkey: string;
  walletLabel: string | null;
  hotkey: string;
  netuid: number;
  /**
   * The change happened after `fromBlock` and by `block`, the checkpoint that saw it; null when `block`
   * is the position's first checkpoint (the change happened since the events that opened it).
   */
  fromBlock: number | null;
  block: number;
  timestamp: number;
  /** Signed α-rao: + appeared, − vanished. */
  alpha: bigint;
  /** Its value at the checkpoint's spot price (rao, signed). */
  tao: bigint;
}

// How much an unexplained change may be and still be the share pool's rounding (one rule for every screen).
export { isShareRounding, SHARE_ROUNDING_ALPHA } from './engine/reconcile';

export interface PositionView {
  key: string;
  coldkey: string;
  walletLabel: string | null;
  hotkey: string;
  netuid: number;
  /**
   * Spot price used (rao per 1e9 alpha-rao) and the snapshot block it came from; both null when the
   * subnet the position was in no longer trades at its netuid (`successor`, `dissolved`).
   */
  price: bigint | null;
  priceBlock: number | null;
  /** As `SubnetView.successor`, by this position's own last change. */
  successor: SubnetSuccessor | null;
  /** As `SubnetView.dissolved`, by this position's own last change: its α was paid out in TAO there. */
  dissolved: SubnetDissolution | null;
  figures: Figures;
  benchmarks: Benchmarks | null;
  holding: HoldingView;
}

export interface SubnetView {
  netuid: number;
  /** The name and token symbol of the subnet the positions were in (see `successor`). */
  name: string | null;
  symbol: string | null;
  /**
   * The subnet at this netuid as of the view's block, when the positions were in an earlier one there,
   * since dissolved (a netuid registered again, shared/subnet-labels.ts); then `price` is null: the
   * earlier subnet has none.
   */
  successor: SubnetSuccessor | null;
  /**
   * The subnet's recorded dissolution, when no later subnet holds the netuid as of the view's block
   * (docs/chain/swaps-and-dissolution.md); then `price` is null: a dissolved subnet has no pool.
   */
  dissolved: SubnetDissolution | null;
  price: bigint | null;
  figures: Figures;
  benchmarks: Benchmarks | null;
  holding: HoldingView;
  positionKeys: string[];
}

export interface WalletView {
  address: string;
  label: string | null;
  group: string | null;
  figures: Figures;
  holding: HoldingView;
}

export interface GroupView {
  name: string;
  figures: Figures;
  holding: HoldingView;
}

/** A series point as the renderer gets it: per-subnet values as a record (the engine keeps a map of figures). */
export type SeriesPointView = Omit<SeriesPoint, 'bySubnet'> & { valueBySubnet: Record<number, bigint> };

/** TAO staked / unstaked on one subnet in one UTC day (chart markers). */
export type FlowMarkerView = FlowMarker;

/** One basket position: the coldkey's shares of validator `hotkey`'s fund (docs/chain/baskets.md). */
export interface BasketPositionView {
  key: string;
  coldkey: string;
  walletLabel: string | null;
  hotkey: string;
  figures: BasketFigures;
  /** Its lot-based fiat figures, when TAO/fiat prices are imported (shared/engine/basket-types.ts). */
  fiat?: BasketFiat;
  /** Its drill-down: every purchase, dividend, claim and loss, in order. */
  records: BasketRecord[];
}

/** Basket positions beside the subnet positions; `total` (and each wallet and group) already includes them. */
export interface BasketsView {
  timing: BasketIncomeTiming;
  positions: BasketPositionView[];
  total: BasketFigures;
}

export interface PortfolioView {
  /** False until any stake event or checkpoint is stored. */
  hasData: boolean;
  asOfBlock: number;
  asOfTimestamp: number;
  method: CostBasisMethod;
  rewards: RewardTreatment;
  fiatCurrency: string;
  total: { figures: Figures; benchmarks: Benchmarks | null; holding: HoldingView };
  subnets: SubnetView[];
  wallets: WalletView[];
  groups: GroupView[];
  positions: PositionView[];
  /** Empty when asked for without it (portfolio:get with daily: false, as the app's pages do). */
  daily: SeriesPointView[];
  // Stake/unstake markers are in the analytics view only (AnalyticsView.markers): at 100,000 events they
  // were 3 MB of every portfolio:get answer that no screen read (bench/ui.ts).
  /** Every α change no rule explains, in block order. */
  unexplained: UnexplainedView[];
  /** UTC days that lacked a TAO/fiat price (null when no fiat prices are imported). */
  fiatMissingDays: string[] | null;
  /** Shares of validator funds (runtimes 441+). */
  baskets: BasketsView;
}

export type LedgerLegView = LedgerLeg;

export interface LedgerEntryView {
  seq: number;
  kind: LedgerKind;
  blockNumber: number;
  timestamp: number;
  specVersion: number;
  extrinsicIndex: number | null;
  legs: LedgerLegView[];
  /** Stored event ids / references behind this entry. */
  sources: string[];
  flags: LedgerFlag[];
}

/** What produced a position's figures: its ledger entries and the price used. */
export interface PositionDrilldown {
  position: PositionView;
  entries: LedgerEntryView[];
  /**
   * Asked in fiat: per entry and leg (as in `entries`), its TAO amount and its value at spot (null
   * without one) at the entry's day's imported price, in 1e-8 units of `currency`; null where that day
   * has no price.
   */
  fiat?: { currency: string; legs: { tao: bigint | null; spot: bigint | null }[][] };
}

export type { ExportFormat } from './vocab';

export interface ExportFile {
  filename: string;
  mime: string;
  content: string;
}

export interface FiatImportResult {
  currency: string;
  imported: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Rows of a day that already had an earlier time of day (a CoinGecko export's live row). */
  skipped: number;
  /** The columns read (header names, or date/price for a two-column file without one). */
  columns: { date: string; price: string };
}

export interface FiatSummary {
  currency: string;
  count: number;
  firstDate: string | null;
  lastDate: string | null;
}

export * from './views-analytics';
