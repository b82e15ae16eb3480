// The chain's vocabulary: the events sync stores in `stake_events` and the silent position changes it
// stores in `silent_effects`. Re-exported by ./vocab (the import cycle is safe: `idsOf` there is a
// hoisted function declaration).
import { idsOf, type Term } from './vocab';

/** Chain events stored in `stake_events` (SubtensorModule events touching a tracked coldkey). */
export const CHAIN_EVENT_KINDS = {
  StakeAdded: { label: 'Stake added', help: 'TAO staked into a subnet pool for α (StakeAdded).' },
  StakeRemoved: { label: 'Stake removed', help: 'α unstaked from a subnet pool for TAO (StakeRemoved).' },
  StakeMoved: { label: 'Stake moved', help: 'Summary of a move between hotkeys or subnets (StakeMoved).' },
  StakeSwapped: { label: 'Stake swapped', help: 'Summary of a swap between subnets (StakeSwapped).' },
  StakeTransferred: {
    label: 'Stake transferred',
    help: 'Summary of a transfer to another coldkey (StakeTransferred).',
  },
  AlphaRecycled: { label: 'α recycled', help: 'α returned to the subnet’s unissued supply (AlphaRecycled).' },
  AlphaBurned: { label: 'α burned', help: 'α destroyed (AlphaBurned).' },
  RootClaimed: { label: 'Root claimed', help: 'Root dividends claimed (RootClaimed).' },
  TransactionFeePaidWithAlpha: {
    label: 'Fee paid in α',
    help: 'A transaction fee paid by selling α (TransactionFeePaidWithAlpha).',
  },
  // Runtimes 397–424 (docs/chain/mechanics.md).
  StakeLocked: { label: 'Stake locked', help: 'α locked to a hotkey for conviction; it still earns (StakeLocked).' },
  LockMoved: { label: 'Lock moved', help: 'A conviction lock moved to another hotkey (LockMoved).' },
  OrderExecuted: {
    label: 'Limit order filled',
    help: 'A limit order filled in your name; its stake event is the trade, this adds the order fee (OrderExecuted).',
  },
  OrderExecutedBatched: {
    label: 'Limit order filled (batch)',
    help: 'A limit order filled in a batch: α and TAO changed hands without a stake event (OrderExecuted).',
  },
  HotkeySwapped: {
    label: 'Hotkey swapped',
    help: 'Your validator hotkey was replaced; stake follows it (HotkeySwapped).',
  },
  HotkeySwappedOnSubnet: {
    label: 'Hotkey swapped on a subnet',
    help: 'Your validator hotkey was replaced on one subnet; stake follows it (HotkeySwappedOnSubnet).',
  },
  ColdkeySwapped: {
    label: 'Coldkey swapped',
    help: 'All stake of a coldkey moved to a new coldkey (ColdkeySwapped).',
  },
  AddStakeBurn: { label: 'Stake burned', help: 'TAO staked and the α bought burned at once (AddStakeBurn).' },
  // The basket era, runtimes 441+ (docs/chain/baskets.md).
  BasketStakedIn: {
    label: 'Bought fund shares',
    help: 'TAO spent on shares of a validator’s fund (stake_into_basket); no stake row appears (BasketStakedIn).',
  },
  BasketClaimed: {
    label: 'Fund shares claimed',
    help: 'Your shares in a validator’s fund sold and the TAO staked on root under it (BasketClaimed).',
  },
  BasketClaimDustSkipped: {
    label: 'Claim dust forfeited',
    help: 'A claim skipped holdings too small to sell; their estimated TAO went to the fund’s other holders (BasketClaimDustSkipped).',
  },
  StakeAndHotkeyTransferred: {
    label: 'Stake and hotkey transferred',
    help: 'Summary of a transfer of stake to another coldkey and hotkey (StakeAndHotkeyTransferred).',
  },
  // Runtimes 361+ (docs/chain/events.md#lease-dividends).
  SubnetLeaseDividendsDistributed: {
    label: 'Lease dividend',
    help: 'Your share of a leased subnet’s owner cut, paid as α staked to the lease hotkey (SubnetLeaseDividendsDistributed).',
  },
  // Runtimes 315+ (docs/chain/emissions.md#miner-incentive-auto-staked).
  AutoStakeAdded: {
    label: 'Miner incentive auto-staked',
    help: 'A miner’s incentive staked to your auto-stake destination hotkey (AutoStakeAdded).',
  },
} as const satisfies Record<string, Term>;
export type ChainEventKind = keyof typeof CHAIN_EVENT_KINDS;
export const chainEventKinds = idsOf(CHAIN_EVENT_KINDS);

/**
 * Summaries of a move, swap or transfer: labels that follow the StakeRemoved and StakeAdded carrying
 * the α, and move nothing themselves (docs/chain/events.md#summary-events-are-labels).
 */
export const SUMMARY_EVENT_KINDS: ReadonlySet<string> = new Set<ChainEventKind>([
  'StakeMoved',
  'StakeSwapped',
  'StakeTransferred',
  'StakeAndHotkeyTransferred',
]);

/**
 * Position changes without a stake event of the coldkey, recorded by sync in `silent_effects` (the
 * id is the name of the chain event that caused it).
 */
export const SILENT_EFFECT_KINDS = {
  HotkeySwapped: { label: 'Hotkey swapped', help: 'The validator hotkey was replaced; your α moved to the new one.' },
  ColdkeySwapped: { label: 'Coldkey swapped', help: 'All stake of the coldkey moved to a new coldkey.' },
  NetworkRemoved: { label: 'Subnet dissolved', help: 'The subnet was dissolved; its α was paid out in TAO.' },
  OrderExecutedBatched: {
    label: 'Limit order filled (batch)',
    help: 'A limit order filled in a batch: α and TAO changed hands without a stake event.',
  },
  SharePoolDenominatorReconciled: {
    label: 'Share pool reconciled',
    help: 'A chain migration recomputed the hotkey’s share pool on this subnet: your α changed with no trade and no income.',
  },
} as const satisfies Record<string, Term>;
export type SilentEffectKind = keyof typeof SILENT_EFFECT_KINDS;
