// Chain facts as sync records them and everything else reads them: one declaration each.
// Amounts are exactly what the chain says (bigint rao / alpha-rao); the accounting engine applies
// the per-runtime gross/net/fee rules (docs/chain/fees.md).
import type { ChainEventKind, FeeUnit } from './vocab';

/** One stake-relevant chain event of a tracked coldkey, as decoded from its block. */
export interface StakeEventFact {
  extrinsicIndex: number | null;
  eventIndex: number;
  kind: ChainEventKind;
  coldkey: string;
  /** The other coldkey of a transfer (destination), else null. */
  counterpartyColdkey: string | null;
  /** Null for events that name no hotkey (RootClaimed, TransactionFeePaidWithAlpha). */
  hotkey: string | null;
  /** Null for events that name no subnet (RootClaimed; TransactionFeePaidWithAlpha before spec 411). */
  netuid: number | null;
  destHotkey: string | null;
  destNetuid: number | null;
  tao: bigint;
  alpha: bigint;
  fee: bigint;
  /** Null when the runtime's event has no fee field. */
  feeUnit: FeeUnit | null;
  /** The decoded event as JSON, kept for audit. */
  raw: string;
}

/** A stored stake event: the decoded fact with its block. */
export interface StakeEvent extends Omit<StakeEventFact, 'raw'> {
  blockNumber: number;
  blockHash: string;
  /** Unix ms of the block. */
  timestamp: number;
  specVersion: number;
}

/** A stake event read back from the database, with its row id. */
export interface StoredStakeEvent extends StakeEvent {
  id: number;
}

/** The coldkey's α on one (hotkey, subnet) at a checkpoint block. */
export interface PositionRow {
  hotkey: string;
  netuid: number;
  alpha: bigint;
  /** The hotkey pool's value per share × POOL_VALUE_SCALE (null: not read or no pool); see docs/chain/reconciliation.md. */
  poolValue?: bigint | null;
  /** The coldkey owns the hotkey (`Owner`). */
  ownsHotkey?: boolean | null;
  /** The subnet's epoch counter after the block (null on root or when not read). */
  epochIndex?: bigint | null;
}

/**
 * The coldkey's shares in one validator's fund at a checkpoint (runtimes 441+, docs/chain/baskets.md):
 * owed shares and their TAO value (what a claim would pay). A fund not listed at a read checkpoint is
 * owed nothing.
 */
export interface BasketRow {
  /** The validator hotkey whose fund it is. */
  hotkey: string;
  shares: bigint;
  value: bigint;
}

/** Where a snapshot's price came from (docs/chain/prices.md). */
export type PriceSource = 'runtime' | 'balancer' | 'reserves';

export interface SubnetRow {
  netuid: number;
  taoIn: bigint;
  alphaIn: bigint;
  alphaOut: bigint;
  /** rao per 1 α (price × 1e9, floored), as current_alpha_price reports it; root 1e9. */
  price: bigint;
  priceSource: PriceSource;
  /** SwapBalancer quote weight q (Perquintill, 1e18 = 1) when read from storage on a balancer runtime. */
  balancerQuote: bigint | null;
  /** Swap.FeeRate (parts of 65535) when read from storage. */
  feeRate: number | null;
  name: string | null;
  symbol: string | null;
  /**
   * NetworkRegisteredAt: the block the subnet now at this netuid was registered. A netuid pruned and
   * registered again is another subnet (another lifetime); null where it was not read.
   */
  registeredAt: number | null;
  /** From get_all_dynamic_info only (null for snapshots read from storage). */
  taoInEmission: bigint | null;
  alphaInEmission: bigint | null;
  alphaOutEmission: bigint | null;
}
