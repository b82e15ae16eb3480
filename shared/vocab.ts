// Every domain vocabulary, declared once. Each is a record keyed by id; the id union, the zod enum,
// the UI option list, the CLI usage text and exhaustive `Record<Id, …>` tables are all derived from
// it, so a new kind, method, format or table is one entry here and the compiler (and the
// switch-exhaustiveness lint) points at every place that must handle it.

import { FUND_ACTIVITY_KINDS, type BasketRecordKind } from './vocab-baskets';

/** How one term is shown to people: a label, and one sentence for tooltips, glossary and --help. */
export interface Term {
  readonly label: string;
  readonly help: string;
}

/** The ids of a vocabulary as a non-empty tuple (what `z.enum` and option lists take). */
export function idsOf<const V extends Record<string, unknown>>(
  vocabulary: V,
): [keyof V & string, ...(keyof V & string)[]] {
  return Object.keys(vocabulary) as [keyof V & string, ...(keyof V & string)[]];
}

/** Type guard: is `value` one of the vocabulary's ids? (For values read from SQLite or files.) */
export function isIdOf<V extends Record<string, unknown>>(vocabulary: V, value: unknown): value is keyof V & string {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(vocabulary, value);
}

// ---------------------------------------------------------------------------------------------
// Accounting settings

export const COST_BASIS_METHODS = {
  acb: {
    label: 'Average cost (ACB)',
    short: 'ACB',
    help: 'Every unit sold carries the average cost of the subnet’s α held.',
  },
  fifo: { label: 'First in, first out', short: 'FIFO', help: 'The oldest α is sold first.' },
  lifo: { label: 'Last in, first out', short: 'LIFO', help: 'The newest α is sold first.' },
  hifo: { label: 'Highest cost first', short: 'HIFO', help: 'The α bought at the highest unit cost is sold first.' },
} as const satisfies Record<string, Term & { short: string }>;
export type CostBasisMethod = keyof typeof COST_BASIS_METHODS;
export const costBasisMethods = idsOf(COST_BASIS_METHODS);

export const REWARD_TREATMENTS = {
  income: {
    label: 'Income at receipt',
    short: 'rewards as income',
    help: 'Emitted α is income when received; its value then is its cost basis.',
  },
  zero: {
    label: 'Zero basis',
    short: 'zero-basis rewards',
    help: 'Emitted α has no cost basis; its value shows up as gain when sold or held.',
  },
} as const satisfies Record<string, Term & { short: string }>;
export type RewardTreatment = keyof typeof REWARD_TREATMENTS;
export const rewardTreatments = idsOf(REWARD_TREATMENTS);

// Basket positions (runtimes 441+): income timing and record kinds live in ./vocab-baskets.
export * from './vocab-baskets';

// ---------------------------------------------------------------------------------------------
// Chain facts and the ledger

// Chain event and silent effect kinds live in ./vocab-chain-events, ledger entry flags in ./vocab-entry-flags.
export * from './vocab-chain-events';
export * from './vocab-entry-flags';

/** Ledger entries the engine normalises events into. */
export const LEDGER_KINDS = {
  buy: { label: 'Stake (buy)', help: 'TAO paid into a pool for α: an acquisition at its TAO cost.' },
  sell: { label: 'Unstake (sell)', help: 'α sold to the pool for TAO: a disposal at its proceeds.' },
  move: { label: 'Move', help: 'α moved between your own positions on one subnet: its cost basis moves with it.' },
  'internal-transfer': {
    label: 'Transfer between your wallets',
    help: 'α moved between two wallets you track: its cost basis moves with it.',
  },
  swap: { label: 'Swap subnets', help: 'α of one subnet sold and another bought in one call.' },
  'transfer-in': { label: 'Transfer in', help: 'α received from a coldkey you do not track, at its TAO value.' },
  'transfer-out': { label: 'Transfer out', help: 'α sent to a coldkey you do not track, at its TAO value.' },
  'root-claim-keep': { label: 'Root claim (keep)', help: 'Root dividends claimed as α on the subnet: income.' },
  'root-claim-swap': { label: 'Root claim (swap)', help: 'Root dividends claimed as TAO staked on root: income.' },
  'lease-dividend': {
    label: 'Lease dividend',
    help: 'Your share of a leased subnet’s owner cut, paid as α: income, valued at the pool price when received.',
  },
  'miner-incentive': {
    label: 'Miner incentive',
    help: 'A miner’s incentive, staked to your auto-stake destination: income, valued at the pool price when received.',
  },
  'alpha-fee': { label: 'Fee paid in α', help: 'α sold to pay a transaction fee: an expense.' },
  recycle: { label: 'Recycle', help: 'α recycled: it leaves with no proceeds.' },
  burn: { label: 'Burn', help: 'α burned: it leaves with no proceeds.' },
  rename: {
    label: 'Hotkey swap',
    help: 'The validator replaced its hotkey: your α and its cost basis moved to the new hotkey, no gain or loss.',
  },
  'coldkey-swap': {
    label: 'Coldkey swap',
    help: 'Stake moved to a new coldkey: between two of your wallets its cost basis moves with it.',
  },
  dissolution: {
    label: 'Subnet dissolved',
    help: 'The subnet was dissolved: the position closed at the TAO paid out.',
  },
  'share-reconcile': {
    label: 'Share pool reconciled',
    help: 'A chain migration recomputed the share pool: α added at no cost, or removed with no proceeds. Not income.',
  },
  'basket-claim': {
    label: 'Fund shares claimed',
    help: 'Your shares in a validator’s fund were sold and the TAO staked on root under it: the root stake is acquired at that TAO.',
  },
} as const satisfies Record<string, Term>;
export type LedgerKind = keyof typeof LEDGER_KINDS;
export const ledgerKinds = idsOf(LEDGER_KINDS);

/** What an Activity row is: a ledger entry, or a basket record without one of its own (./vocab-baskets). */
export const ACTIVITY_KINDS = { ...LEDGER_KINDS, ...FUND_ACTIVITY_KINDS } as const satisfies Record<string, Term>;
export type ActivityKind = keyof typeof ACTIVITY_KINDS;
export const activityKinds = idsOf(ACTIVITY_KINDS);

/** The Activity row of each basket record kind (every kind decided here: a new one is a compile error). */
export const ACTIVITY_KIND_OF_FUND_RECORD: Record<BasketRecordKind, ActivityKind> = {
  purchase: 'fund-purchase',
  income: 'fund-income',
  // Completes the ledger's entry of the same BasketClaimed (the root stake it acquires): one row per claim.
  claim: 'basket-claim',
  dust: 'fund-dust',
  unexplained: 'fund-unexplained',
  'transfer-in': 'fund-transfer-in',
  'transfer-out': 'fund-transfer-out',
};

/** How the Activity list can be ordered (ties keep ledger order). */
export const ACTIVITY_SORT_KEYS = {
  time: { label: 'Time', help: 'Ledger order: block, then position in the block.' },
  kind: { label: 'Kind', help: 'By kind of entry, in plain words.' },
  subnet: { label: 'Subnet', help: 'By the subnet of the entry’s first leg.' },
  alpha: { label: 'α', help: 'By the α change of the entry’s first leg.' },
  tao: { label: 'TAO', help: 'By the TAO amount of the entry’s first leg.' },
} as const satisfies Record<string, Term>;
export type ActivitySortKey = keyof typeof ACTIVITY_SORT_KEYS;
export const activitySortKeys = idsOf(ACTIVITY_SORT_KEYS);

export const LEG_CATEGORIES = {
  bought: { label: 'Bought', help: 'α acquired for TAO.' },
  sold: { label: 'Sold', help: 'α sold for TAO.' },
  transferIn: { label: 'Transferred in', help: 'α received from another position or coldkey.' },
  transferOut: { label: 'Transferred out', help: 'α sent to another position or coldkey.' },
  rootClaim: { label: 'Root claim', help: 'Root dividends claimed.' },
  leaseDividend: {
    label: 'Lease dividend',
    help: 'A leased subnet’s owner cut paid to its contributors and beneficiary.',
  },
  minerIncentive: {
    label: 'Miner incentive',
    help: 'A miner’s incentive staked to the owner’s auto-stake destination.',
  },
  feePaid: { label: 'Fee paid', help: 'α sold to pay a transaction fee.' },
  burned: { label: 'Burned', help: 'α recycled or burned.' },
} as const satisfies Record<string, Term>;
export type LegCategory = keyof typeof LEG_CATEGORIES;

/**
 * trade: acquisition at cost / disposal for proceeds. carry: basis-carrying move between tracked
 * positions. income: reward valued at accrual. expense: α leaves with no proceeds.
 */
export const LEG_BASES = {
  trade: { label: 'Trade', help: 'An acquisition at its TAO cost or a disposal for its TAO proceeds.' },
  carry: { label: 'Carried', help: 'Moved between your own positions; the cost basis moves with it.' },
  income: { label: 'Income', help: 'A reward, valued when it was received.' },
  expense: { label: 'Expense', help: 'α that left with no proceeds (a fee, recycle or burn).' },
} as const satisfies Record<string, Term>;
export type LegBasis = keyof typeof LEG_BASES;

export const FEE_UNITS = {
  tao: { label: 'τ', help: 'Fee charged in TAO.' },
  alpha: { label: 'α', help: 'Fee charged in the subnet’s α.' },
} as const satisfies Record<string, Term>;
export type FeeUnit = keyof typeof FEE_UNITS;
export const feeUnits = idsOf(FEE_UNITS);

// ---------------------------------------------------------------------------------------------
// Benchmarks ("TAO as the index" against each concentrated Alpha bet)

export const BENCHMARKS = {
  holdTao: {
    label: 'Hold TAO',
    help: 'The same TAO flows kept as TAO: worth exactly the net TAO put in (TAO in − TAO out), negative when more TAO came out than went in.',
  },
  rootStake: {
    label: 'Root stake',
    help: 'The same TAO flows staked on root, growing at the root yield observed in your own root positions.',
  },
  subnetBasket: {
    label: 'Subnet basket (cap-weighted)',
    help: 'The same TAO flows invested in all subnets by market cap (price × α outstanding), reweighted at every price snapshot. Prices only: no emissions, no fees.',
  },
  subnetBasketEqual: {
    label: 'Subnet basket (equal-weighted)',
    help: 'The same TAO flows spread equally over all subnets, rebalanced to equal weights at every price snapshot. Prices only: no emissions, no fees.',
  },
  validatorFund: {
    label: 'Your validator’s fund (on-chain TWR)',
    help: 'The same TAO flows put into the fund of the validator you root-stake with (or hold fund shares of), growing at the chain’s own total-return index of that fund (BasketTwr, runtime 441 and later). With several validators, their returns are weighted by what you have in each (root stake plus fund shares). Flows before the first reading wait as TAO.',
  },
} as const satisfies Record<string, Term>;
export type BenchmarkId = keyof typeof BENCHMARKS;
/** What a benchmark value below zero means (the flows are the bet's; the benchmark only holds them). */
export const BENCHMARK_BELOW_ZERO =
  'A benchmark below zero means more TAO came out than went in by then: the same flows held in the benchmark would leave that much owed.';
export const benchmarkIds = idsOf(BENCHMARKS);

// Metrics (glossary and tooltips for every figure the engine computes) live in ./vocab-metrics.
export * from './vocab-metrics';

// ---------------------------------------------------------------------------------------------
// Exports

export const EXPORT_FORMATS = {
  'pnl-csv': {
    label: 'PnL report (CSV)',
    short: 'PnL CSV',
    help: 'One row per position, validator fund, subnet, wallet, group and the total, with method, reward treatment, as-of block, fiat currency and app version (not the fund-dividend timing).',
    suffix: 'pnl.csv',
    mime: 'text/csv',
  },
  'pnl-json': {
    label: 'PnL report (JSON)',
    short: 'PnL JSON',
    help: 'PnL figures of every position, subnet, wallet, group and the total, with locks and exit sources, unexplained α, validator funds, the total’s benchmarks, settings and app version.',
    suffix: 'pnl.json',
    mime: 'application/json',
  },
  'events-csv': {
    label: 'Ledger events (CSV)',
    short: 'Events CSV',
    help: 'Every ledger entry with its legs, and every validator-fund record (shares bought, dividends, claims, dust).',
    suffix: 'events.csv',
    mime: 'text/csv',
  },
  'koinly-csv': {
    label: 'Koinly (CSV)',
    short: 'Koinly',
    help: 'Koinly’s universal import format. α is SN<netuid>; rewards carry the label reward under either reward treatment (the tool decides their tax).',
    suffix: 'koinly.csv',
    mime: 'text/csv',
  },
  'cointracker-csv': {
    label: 'CoinTracker (CSV)',
    short: 'CoinTracker',
    help: 'CoinTracker’s transaction import format. α is SN<netuid>; rewards carry the tag staking under either reward treatment (the tool decides their tax).',
    suffix: 'cointracker.csv',
    mime: 'text/csv',
  },
} as const satisfies Record<string, Term & { short: string; suffix: string; mime: string }>;
export type ExportFormat = keyof typeof EXPORT_FORMATS;
export const exportFormats = idsOf(EXPORT_FORMATS);

// ---------------------------------------------------------------------------------------------
// Valuation

/** Where an exit value comes from (docs/chain/pricing-and-exit.md). */
export const EXIT_SOURCES = {
  chain: {
    label: 'Chain quote',
    help: "The runtime's own sim_swap_alpha_for_tao of the available α at the synced head.",
  },
  'closed-form': {
    label: 'Computed',
    help: 'Computed from the pool reserves at the last snapshot: the runtime gave no quote, a newer pool was recorded since the synced head (another wallet’s change block), or the α changed since it (then the α less the lock read there, which a stake change leaves in place). A total of validator funds only (at their claim value) shows this too.',
  },
  mixed: { label: 'Chain quote and computed', help: 'Some parts quoted by the chain, the rest computed.' },
} as const satisfies Record<string, Term>;
export type ExitSource = keyof typeof EXIT_SOURCES;
export const exitSources = idsOf(EXIT_SOURCES);

// ---------------------------------------------------------------------------------------------
// Storage

/**
 * Tables of the local database; `db:changed` pushes name them so caches can refresh. `facts`: read from
 * the chain (what a sync writes); `input`: the user's own input to every computation (what is watched,
 * how it is computed, the fiat prices imported).
 */
export const DB_TABLES = {
  wallets: { label: 'Wallets', help: 'Watched coldkeys.', facts: false, input: true },
  settings: { label: 'Settings', help: 'Endpoint and accounting choices.', facts: false, input: true },
  blocks: { label: 'Blocks', help: 'Every block read: hash, time, runtime.', facts: true, input: false },
  stake_events: { label: 'Stake events', help: 'Chain events touching a watched coldkey.', facts: true, input: false },
  position_checkpoints: {
    label: 'Position checkpoints',
    help: 'α per position at checkpoint blocks.',
    facts: true,
    input: false,
  },
  subnet_snapshots: {
    label: 'Subnet snapshots',
    help: 'Pool reserves and prices at checkpoint blocks.',
    facts: true,
    input: false,
  },
  root_claim_payouts: {
    label: 'Root-claim payouts',
    help: 'What each root claim paid out.',
    facts: true,
    input: false,
  },
  basket_positions: {
    label: 'Basket positions',
    help: 'Fund shares per validator and their TAO value at checkpoint blocks.',
    facts: true,
    input: false,
  },
  sync_state: { label: 'Sync state', help: 'Per-wallet sync cursor and phase.', facts: false, input: false },
  fiat_prices: { label: 'Fiat prices', help: 'TAO prices imported from a CSV file.', facts: false, input: true },
  validator_identities: {
    label: 'Validator names',
    help: "On-chain identities of the validators' owners, read at the head about once a day.",
    facts: false,
    input: false,
  },
} as const satisfies Record<string, Term & { facts: boolean; input: boolean }>;
export type DbTable = keyof typeof DB_TABLES;
export const dbTables = idsOf(DB_TABLES);
/** Tables holding facts read from the chain (what a sync writes). */
export const chainFactTables = dbTables.filter((t) => DB_TABLES[t].facts);
/** The user's own inputs to every computation. */
export const userInputTables = dbTables.filter((t) => DB_TABLES[t].input);
/** Everything a computation reads: a change of any of these makes a computed result stale. */
export const computationInputTables = dbTables.filter((t) => DB_TABLES[t].facts || DB_TABLES[t].input);

// ---------------------------------------------------------------------------------------------
// Errors

/** Why the chain could not be read; shown as-is by the UI and the CLI. */
export const CHAIN_ERROR_CODES = {
  unreachable: { label: 'Cannot reach endpoint', help: 'The node did not answer or dropped the connection.' },
  'wrong-chain': { label: 'Wrong chain', help: 'The node serves a chain other than finney.' },
  pruned: { label: 'History pruned', help: 'The node discarded old state: full history needs an archive node.' },
  'rpc-error': { label: 'Node error', help: 'The node refused a request.' },
  malformed: { label: 'Malformed answer', help: 'The node answered with data that cannot be decoded.' },
  closed: { label: 'Closed', help: 'The connection was closed.' },
  'invalid-endpoint': { label: 'Invalid endpoint', help: 'The endpoint is not a ws:// or wss:// URL.' },
  'unsupported-runtime': {
    label: 'Unknown runtime',
    help: 'The node runs a runtime that changed a chain event Taofolio relies on; recording stops before it.',
  },
} as const satisfies Record<string, Term>;
export type ChainErrorCode = keyof typeof CHAIN_ERROR_CODES;
export const chainErrorCodes = idsOf(CHAIN_ERROR_CODES);

/** Error codes of the API contract. */
export const API_ERROR_CODES = {
  'invalid-args': { label: 'Invalid input', help: 'The arguments did not pass validation.' },
  'unknown-channel': { label: 'Unknown request', help: 'No such API channel.' },
  'invalid-address': { label: 'Invalid address', help: 'Not a valid SS58 address.' },
  duplicate: { label: 'Duplicate', help: 'Already exists.' },
  'not-found': { label: 'Not found', help: 'No such item.' },
  'invalid-endpoint': { label: 'Invalid endpoint', help: 'The endpoint is not usable.' },
  'invalid-file': { label: 'Invalid file', help: 'The file could not be read.' },
  'chain-error': { label: 'Chain error', help: 'The chain could not be read.' },
  locked: { label: 'Locked', help: 'The database is encrypted and locked: enter its passphrase.' },
  'wrong-passphrase': { label: 'Wrong passphrase', help: 'The passphrase does not open the database.' },
  internal: { label: 'Internal error', help: 'Something failed inside Taofolio.' },
} as const satisfies Record<string, Term>;
export type ApiErrorCode = keyof typeof API_ERROR_CODES;
