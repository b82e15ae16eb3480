/** Shared shapes and constants of the simulated chain. */
import type { Acc } from './accounts.js';

export interface SpecSpan {
  /** First block executed by this runtime. */
  from: number;
  spec: number;
}

export type Action =
  | { kind: 'add_stake'; coldkey: Acc; hotkey: Acc; netuid: number; tao: bigint }
  | { kind: 'remove_stake'; coldkey: Acc; hotkey: Acc; netuid: number; alpha: bigint }
  | { kind: 'unstake_all'; coldkey: Acc; hotkey: Acc }
  | {
      kind: 'move_stake';
      coldkey: Acc;
      originHotkey: Acc;
      destHotkey: Acc;
      originNetuid: number;
      destNetuid: number;
      alpha: bigint;
    }
  | {
      kind: 'transfer_stake';
      coldkey: Acc;
      destColdkey: Acc;
      hotkey: Acc;
      originNetuid: number;
      destNetuid: number;
      alpha: bigint;
    }
  | { kind: 'swap_stake'; coldkey: Acc; hotkey: Acc; originNetuid: number; destNetuid: number; alpha: bigint }
  | { kind: 'set_root_claim_type'; coldkey: Acc; claimType: 'Swap' | 'Keep' }
  /** the (coldkey, netuid) form (≥ 393 in the devnet; chain/miners.ts) */
  | { kind: 'set_coldkey_auto_stake_hotkey'; coldkey: Acc; netuid: number; hotkey: Acc }
  | { kind: 'transfer'; coldkey: Acc; dest: Acc; tao: bigint }
  /** recycle_alpha (reduces SubnetAlphaOut) / burn_alpha (does not); no LastColdkeyHotkeyStakeBlock write. */
  | { kind: 'recycle_alpha' | 'burn_alpha'; coldkey: Acc; hotkey: Acc; netuid: number; alpha: bigint }
  /** sudo(set_code): the runtime `spec` executes from the next block on. */
  | { kind: 'set_code'; coldkey: Acc; spec: number }
  // ---- spec ≥ 423 (docs/chain/staking-424.md, locks.md, limit-orders.md, swaps-and-dissolution.md)
  | { kind: 'lock_stake'; coldkey: Acc; hotkey: Acc; netuid: number; alpha: bigint }
  | { kind: 'move_lock'; coldkey: Acc; destHotkey: Acc; netuid: number }
  /** add_stake then burn the α bought */
  | { kind: 'add_stake_burn'; coldkey: Acc; hotkey: Acc; netuid: number; tao: bigint }
  /** swap_hotkey(old, new, None) signed by the hotkey's owner: every position on `hotkey` moves to `newHotkey` */
  | { kind: 'swap_hotkey'; coldkey: Acc; hotkey: Acc; newHotkey: Acc }
  /** sudo swap_coldkey(old, new): every position, lock and the free balance move to `newColdkey` */
  | { kind: 'swap_coldkey'; coldkey: Acc; oldColdkey: Acc; newColdkey: Acc }
  /** sudo root_dissolve_network: SubnetTAO paid out pro rata to the stakers' free balances */
  | { kind: 'dissolve_network'; coldkey: Acc; netuid: number }
  /** LimitOrders.execute_orders (one by one) or execute_batched_orders (netted), signed by a relayer */
  | { kind: 'limit_orders'; coldkey: Acc; netuid: number; batched: boolean; orders: LimitOrder[] }
  // ---- basket era (docs/chain/baskets.md)
  /** claim_root (every validator) or, with `hotkey`, claim_root_with_hotkey */
  | { kind: 'claim_root'; coldkey: Acc; hotkey?: Acc }
  | { kind: 'stake_into_basket'; coldkey: Acc; hotkey: Acc; tao: bigint }
  | {
      kind: 'transfer_stake_and_hotkey';
      coldkey: Acc;
      destColdkey: Acc;
      originHotkey: Acc;
      destHotkey: Acc;
      originNetuid: number;
      destNetuid: number;
      alpha: bigint;
    }
  /** locks `alpha` of the miner's own stake as collateral (no purchase) */
  | { kind: 'add_collateral'; coldkey: Acc; hotkey: Acc; netuid: number; alpha: bigint };

/** Calls of the ≥423 runtimes with their own module (chain/extrinsics-424.ts). */
export const MODERN_CALLS = [
  'lock_stake',
  'move_lock',
  'add_stake_burn',
  'swap_hotkey',
  'swap_coldkey',
  'dissolve_network',
  'limit_orders',
] as const satisfies readonly Action['kind'][];

/**
 * Calls outside the stake family (add/remove/unstake_all/move/transfer/swap/recycle/burn stake and
 * transfer_stake_and_hotkey): they pay no fee in α and the ≥423 guards of the older stake calls do not
 * apply to them (their own checks live with their modules).
 */
export const OTHER_CALLS = [
  'set_root_claim_type',
  'set_coldkey_auto_stake_hotkey',
  'transfer',
  'set_code',
  ...MODERN_CALLS,
  'claim_root',
  'stake_into_basket',
  'add_collateral',
] as const satisfies readonly Action['kind'][];
export type OtherCall = Extract<Action, { kind: (typeof OTHER_CALLS)[number] }>;
export function isOtherCall(a: Action): a is OtherCall {
  return (OTHER_CALLS as readonly string[]).includes(a.kind);
}

/** transfer_stake_and_hotkey's arguments in the extrinsic's order (also moveAcross's, after the origin coldkey). */
export function stakeAndHotkeyArgs(a: Extract<Action, { kind: 'transfer_stake_and_hotkey' }>) {
  return [a.destColdkey, a.originHotkey, a.destHotkey, a.originNetuid, a.destNetuid, a.alpha] as const;
}

/** A signed limit order (the devnet does not check signatures, prices or expiry: every order fills). */
export interface LimitOrder {
  /** opaque order id (H256) */
  id: string;
  signer: Acc;
  hotkey: Acc;
  side: 'buy' | 'sell';
  /** TAO for a buy, α for a sell */
  amount: bigint;
  /** parts per billion taken as the order fee (TAO) */
  feePpb: bigint;
  feeRecipient: Acc;
}

/** An effect on a position that no event of its own shows (ground truth only). */
export interface SilentEffect {
  kind:
    | 'HotkeySwap'
    | 'ColdkeySwap'
    | 'ColdkeySwapBalance'
    | 'DissolutionPayout'
    | 'BatchedFill'
    | 'BasketDividend'
    | 'BasketMigration'
    | 'ShareReconcile'
    | 'DustSwept';
  coldkey: Acc;
  hotkey: Acc;
  netuid: number;
  alpha: bigint;
  tao: bigint;
  destColdkey?: Acc;
  destHotkey?: Acc;
}

export interface EventRec {
  pallet: string;
  name: string;
  args: unknown[];
  /** Root-claim payouts behind a RootClaimed event (ground truth only; the chain event has no amounts). */
  payouts?: { kind: 'RootClaimKeep' | 'RootClaimSwap'; hotkey: Acc; netuid: number; alpha: bigint; tao: bigint }[];
  /** silent effects this event stands for (ground truth only) */
  silent?: SilentEffect[];
  /**
   * what the event does not carry (ground truth only): the signer (AddStakeBurn), OrderExecuted's hotkey,
   * the lease position of SubnetLeaseDividendsDistributed
   */
  meta?: { coldkey?: Acc; hotkey?: Acc; fee?: bigint; netuid?: number };
}

export interface ExtrinsicRec {
  signer: Acc;
  nonce: number;
  action: Action;
  events: EventRec[];
  ok: boolean;
  /** Submitted through the programmatic API (re-queued on reorg). */
  submitted: boolean;
  /** transaction fee withdrawn from the signer, rao */
  fee: bigint;
  /** spec ≥ 423: the fee was paid in α (pre-dispatch events, then TransactionFeePaidWithAlpha) */
  alphaFee?: { hotkey: Acc; netuid: number; alpha: bigint; tao: bigint; events: EventRec[] };
}

export interface BlockRec {
  init: EventRec[];
  xts: ExtrinsicRec[];
}

export interface TruthEvent {
  block: number;
  eventIndex: number;
  extrinsicIndex: number | null;
  kind: string;
  coldkey: Acc;
  hotkey: Acc;
  netuid: number;
  tao: bigint;
  alpha: bigint;
  fee: bigint;
  destColdkey?: Acc;
  destHotkey?: Acc;
  destNetuid?: number;
  /** OrderExecuted: LimitBuy / TakeProfit; batched = filled by execute_batched_orders (α moved silently) */
  orderType?: string;
  batched?: boolean;
}

export interface SubnetDef {
  netuid: number;
  ownerHotkey: Acc;
  ownerColdkey: Acc;
  name: string;
  symbol: string;
  registeredAt: number;
  /** nominator growth per epoch, parts per billion */
  growthPpb: bigint;
  /** per-block emission injected into the pool (run_coinbase, before extrinsics): TAO and alpha */
  taoInPerBlock: bigint;
  alphaInPerBlock: bigint;
  /** block at which the subnet was dissolved (NetworkRemoved), if it was */
  dissolvedAt?: number;
  /**
   * block at which a dissolution paid out and deleted the subnet's α rows: the dissolving call up to
   * 474, the settle phase of a block hook from 475 (docs/chain/swaps-and-dissolution.md)
   */
  settledAt?: number;
}

export interface AccountState {
  nonce: number;
  free: bigint;
}

export const GENESIS_HASH = '0x2f0555cc76fc2840a25a6ea3b9637146806f1f44b090c175ffde2a7e5ab36c03';
export const BLOCK_MS = 12_000;
/** Flat transaction fee per signed extrinsic (rao); finney's weight fee for staking calls is of this order. */
export const TX_FEE = 120_000n;
