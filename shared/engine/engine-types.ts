/** What the engine is given and gives back (./index: createEngine, computePortfolio). */
import type { LedgerEntry, PositionEffect, RootClaimPayout, StakeEvent } from './ledger';
import type { EmissionRecord, PositionCheckpoint } from './emissions';
import type { SubnetSnapshot } from './prices';
import type { FiatPriceRow } from './fiat';
import type { BasketIncomeTiming, CostBasisMethod } from '../vocab';
import type { RewardTreatment } from './state';
import type { PnlResult } from './pnl';
import type { BenchmarkSet, RootIndexPoint } from './benchmarks';
import type { Series, SeriesOptions } from './timeseries';
import type { BasketResult, BasketSnapshot } from './baskets';
import type { BasketTwrPoint } from './analytics/fund-index';

export interface PortfolioInput {
  events: readonly StakeEvent[];
  checkpoints: readonly PositionCheckpoint[];
  snapshots: readonly SubnetSnapshot[];
  rootClaims?: readonly RootClaimPayout[];
  /** Silent position changes recorded by sync (swaps, dissolution, batched limit orders). */
  effects?: readonly PositionEffect[];
  fiatPrices?: readonly FiatPriceRow[];
  trackedColdkeys: readonly string[];
  /** Runtime spec for exit fees when snapshots lack one (default: spec of the last event, else 297+). */
  currentSpecVersion?: number;
  /** Optional explicit root yield index (else derived from the user's root positions). */
  rootIndex?: readonly RootIndexPoint[];
  /** BasketTwr readings of the validators' funds (runtime 441+), for the validator-fund benchmark. */
  basketTwr?: readonly BasketTwrPoint[];
  /** Basket positions read at checkpoints (runtime 441+): owed fund shares and their value per validator. */
  baskets?: readonly BasketSnapshot[];
  /**
   * Per coldkey, the block where its recorded history begins: every position it held then is in a
   * checkpoint at that block (sync: the block before its first change). α found on a position first
   * at a later checkpoint is not an opening balance. Without it, the coldkey's first checkpoint block.
   */
  historyStarts?: Readonly<Record<string, number>>;
}

export interface EngineSettings {
  method: CostBasisMethod;
  rewards: RewardTreatment;
  /** Compute as of this block (inclusive); default: everything. */
  asOfBlock?: number;
  /** Wallet groups: name → coldkeys. */
  walletGroups?: Readonly<Record<string, readonly string[]>>;
  series?: SeriesOptions;
  /** When fund dividends (basket shares) are income; default at accrual. */
  basketIncome?: BasketIncomeTiming;
}

export const DEFAULT_SETTINGS: EngineSettings = { method: 'acb', rewards: 'income' };

export interface PortfolioResult {
  settings: EngineSettings;
  pnl: PnlResult;
  ledger: readonly LedgerEntry[];
  /** Emission records (drill-down: PositionAcc.emissions / figures.alphaEmitted). */
  emissions: readonly EmissionRecord[];
  /** Opening balances: α found at a position's first checkpoint, valued at the first recorded price. */
  openings: readonly EmissionRecord[];
  benchmarks: BenchmarkSet | null;
  /** Shares of validator funds (runtime 441+); `pnl` total, wallets and groups include them (./basket-totals). */
  baskets: BasketResult;
  series: Series | null;
}

/**
 * Facts recorded after everything an engine has folded (see `Engine.append`); `currentSpecVersion` is
 * the head's runtime now.
 */
export type FactsDelta = Pick<
  PortfolioInput,
  'events' | 'checkpoints' | 'snapshots' | 'rootClaims' | 'effects' | 'currentSpecVersion' | 'basketTwr' | 'baskets'
>;
