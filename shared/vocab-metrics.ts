// The glossary of every figure the engine computes: one label and one sentence (with its base) per
// metric, so each number on screen can carry a tooltip and the glossary lists them all. Keyed by the
// field names the views use, so `METRICS[field]` finds a figure's entry. Re-exported by ./vocab;
// the import cycle is safe because `idsOf` there is a hoisted function declaration.
import { idsOf, type Term } from './vocab';

/** How a metric is measured: amounts in τ or α, or a ratio shown as a percentage. */
export type MetricUnit = 'tao' | 'alpha' | 'ratio' | 'price';

export const METRICS = {
  // Holdings and value
  alpha: { label: 'α held', unit: 'alpha', help: 'α staked in the position now.' },
  spotValue: {
    label: 'Value',
    unit: 'tao',
    help: 'α held × the pool’s spot price at the as-of block, in τ (no slippage). Portfolio and wallet totals add validator funds at their claim value.',
  },
  exitValue: {
    label: 'Exit value',
    unit: 'tao',
    help: 'τ that selling the α would return, after slippage and fee. Where the synced head still matches the position: its unlocked α, by the chain’s own quote (else computed from the pool); otherwise all its α, computed from the pool. A subnet, wallet or portfolio total sells all its α on each subnet in one sale through that pool, so it can be less than the sum of its positions’ exit values (one larger sale slips more than each position quoted alone); portfolio and wallet totals add validator funds at their claim value.',
  },
  lockedAlpha: {
    label: 'Locked α',
    unit: 'alpha',
    help: 'α under a conviction lock: still yours and still earning, but it cannot be unstaked until the lock decays.',
  },
  lockedValue: {
    label: 'Locked value',
    unit: 'tao',
    help: 'The locked α at the spot price, in τ: shown apart, it is not in the exit value.',
  },
  unexplainedChange: {
    label: 'Unexplained α',
    unit: 'alpha',
    help: 'α that changed between two checkpoints with no event, emission or known silent change to explain it: kept apart, never counted as income.',
  },
  costBasis: {
    label: 'Cost basis',
    unit: 'tao',
    help: 'τ cost of the α still held, by the chosen method (rewards at their value when received, or 0 under zero basis).',
  },
  avgEntryPrice: { label: 'Average entry price', unit: 'price', help: 'Cost basis ÷ α held, in τ per α.' },
  taoIn: {
    label: 'TAO in (gross)',
    unit: 'tao',
    help: 'Every τ paid into positions, fees included; α moved in from your other positions (moves, transfers between your wallets, key swaps) at its τ value; opening balances at their first recorded value. Portfolio and wallet totals add validator-fund purchases.',
  },
  taoOut: {
    label: 'TAO out',
    unit: 'tao',
    help: 'Every τ received out of positions, after fees; α moved out to your other positions at its τ value. Portfolio and wallet totals add validator-fund claims.',
  },
  netInvested: {
    label: 'Net invested',
    unit: 'tao',
    help: 'TAO in − TAO out: what the same flows would be worth had they stayed TAO; negative when more TAO came out than went in.',
  },
  peakNetInvested: {
    label: 'Peak net invested',
    unit: 'tao',
    help: 'The largest net invested at any day’s end: the most τ that was at stake at once.',
  },
  // Profit and loss
  totalReturn: {
    label: 'Total return',
    unit: 'tao',
    help: 'Value now + TAO out − TAO in, in τ. The same under every cost-basis method and reward treatment.',
  },
  realized: {
    label: 'Realized PnL',
    unit: 'tao',
    help: 'Proceeds of α sold − the cost basis removed with it, by the chosen method.',
  },
  unrealized: { label: 'Unrealized PnL', unit: 'tao', help: 'Value now − cost basis of the α still held.' },
  incomeTao: {
    label: 'Emission income',
    unit: 'tao',
    help: 'α emitted to you plus root-claim payouts, lease dividends and auto-staked miner incentive, each valued in τ at the pool price when received. Portfolio and wallet totals add validator-fund dividends.',
  },
  emissionTao: { label: 'Emissions', unit: 'tao', help: 'α emitted to your stake, valued in τ when received.' },
  rootClaimTao: { label: 'Root claims', unit: 'tao', help: 'Root dividends claimed, valued in τ when received.' },
  leaseDividendTao: {
    label: 'Lease dividends',
    unit: 'tao',
    help: 'Your share of leased subnets’ owner cut, paid as α and valued in τ at the pool price when received.',
  },
  incentiveTao: {
    label: 'Miner incentive (auto-staked)',
    unit: 'tao',
    help: 'Miner incentive staked to your auto-stake destination, valued in τ at the pool price when received.',
  },
  other: {
    label: 'Other',
    unit: 'tao',
    help: 'What the other lines leave unexplained (cost basis moved between positions at a value other than its TAO flow); 0 for a whole portfolio.',
  },
  // Friction
  friction: {
    label: 'Friction',
    unit: 'tao',
    help: 'τ lost to trading: fees + slippage + α burned, measured against the spot price before each trade (a share-pool reconcile counts its α at spot value).',
  },
  fees: {
    label: 'Fees',
    unit: 'tao',
    help: 'Fees charged by the chain on stake, unstake, move and swap (α fees valued at the trade’s spot price).',
  },
  slippage: {
    label: 'Slippage',
    unit: 'tao',
    help: 'Price impact: the gap between the spot value before each trade and what it paid or returned, fees excluded. A share-pool reconcile (runtime 464+) counts here at its α’s spot value: α removed as a cost, α added as a gain.',
  },
  burned: { label: 'Burned', unit: 'tao', help: 'Spot value of α recycled or burned.' },
  // Against the benchmarks
  benchmarkValue: {
    label: 'Benchmark value',
    unit: 'tao',
    help: 'What the same TAO flows (in and out, on the same days) would be worth now in the benchmark; negative when more TAO came out than went in (the benchmark would owe what was taken out beyond it).',
  },
  excess: { label: 'Excess', unit: 'tao', help: 'Value of the bet now − value of the benchmark now.' },
  priceEffect: {
    label: 'Price effect',
    unit: 'tao',
    help: 'Part of the excess from α prices moving against τ (on α bought and on α emitted after it arrived).',
  },
  emissionEffect: {
    label: 'Emission effect',
    unit: 'tao',
    help: 'Part of the excess from emission income (α emitted, root claims, lease dividends, auto-staked miner incentive; the portfolio total adds validator-fund dividends), at its value when received.',
  },
  frictionEffect: {
    label: 'Friction effect',
    unit: 'tao',
    help: 'Part of the excess lost to fees, slippage and burns (a share-pool reconcile counts its α at spot value).',
  },
  benchmarkGain: {
    label: 'Benchmark gain',
    unit: 'tao',
    help: 'What the benchmark earned on the same flows (benchmark value − net invested); subtracted from the bet’s gain.',
  },
  // Returns (each percentage names its base)
  returnOnNetInvested: {
    label: 'Return on net invested',
    unit: 'ratio',
    help: 'Total return ÷ net invested (TAO in − TAO out); not shown when more came out than went in.',
  },
  returnOnGrossIn: {
    label: 'Return on TAO in',
    unit: 'ratio',
    help: 'Total return ÷ gross TAO in; churn (selling and rebuying) inflates the base and shrinks it.',
  },
  returnOnPeakNetInvested: {
    label: 'Return on peak invested',
    unit: 'ratio',
    help: 'Total return ÷ peak net invested.',
  },
  moneyWeightedReturn: {
    label: 'Money-weighted return (IRR, annualised)',
    unit: 'ratio',
    help: 'The yearly rate at which the τ flows in and out and the value now discount to zero: each flow counts by its size and date. Shown once the history spans 30 days.',
  },
  moneyWeightedPeriod: {
    label: 'Money-weighted return (whole period)',
    unit: 'ratio',
    help: 'The return over the whole holding period at which the τ flows in and out and the value now discount to zero.',
  },
  timeWeightedReturn: {
    label: 'Time-weighted return',
    unit: 'ratio',
    help: 'Daily returns chained, so the size and timing of your flows do not count: comparable with the benchmarks.',
  },
  periodReturn: {
    label: 'Period return',
    unit: 'ratio',
    help: 'Time-weighted return over the period, in τ terms.',
  },
  // Risk, in τ terms, from daily returns
  volatility: {
    label: 'Volatility',
    unit: 'ratio',
    help: 'Standard deviation of daily time-weighted returns in τ, annualised (× √365).',
  },
  maxDrawdown: {
    label: 'Max drawdown',
    unit: 'ratio',
    help: 'Largest fall of the time-weighted value in τ from a previous high, within the range.',
  },
  sharpe: {
    label: 'Sharpe ratio',
    unit: 'ratio',
    help: '(Annualised mean daily return − risk-free rate) ÷ volatility, all in τ terms.',
  },
  riskFreeRate: { label: 'Risk-free rate', unit: 'ratio', help: 'The yearly rate the Sharpe ratio subtracts.' },
  // Periods and income over time
  realizedInRange: {
    label: 'Realized in range',
    unit: 'tao',
    help: 'Realized PnL of disposals dated inside the range, by the chosen method.',
  },
  incomeInRange: { label: 'Income in range', unit: 'tao', help: 'Emission income received inside the range.' },
  incomePerBucket: { label: 'Income', unit: 'tao', help: 'Emission income received in the day, week or month.' },
  allocationShare: {
    label: 'Allocation',
    unit: 'ratio',
    help: 'Subnet value ÷ portfolio value, at spot prices; a validator fund (not a subnet) has its own share, at its claim value.',
  },
  priceChange24h: {
    label: '24 h price change',
    unit: 'ratio',
    help: 'Spot price now ÷ the last recorded price at least 24 hours earlier − 1, in τ per α.',
  },
  priceChange7d: {
    label: '7 d price change',
    unit: 'ratio',
    help: 'Spot price now ÷ the last recorded price at least 7 days earlier − 1, in τ per α.',
  },
  emissionYield: {
    label: 'Emission yield (annualised)',
    unit: 'ratio',
    help: 'α emitted over the last 30 whole days (UTC) and today so far, or since the position opened, ÷ the α held on average over that time (time-weighted), scaled to a year; shown while α is held.',
  },
  // Validator funds (runtimes 441+, docs/chain/baskets.md)
  fundShares: {
    label: 'Shares',
    unit: 'tao',
    help: 'Your shares of the validator’s fund (owed and not yet claimed, plus shares bought), in units of 10⁹.',
  },
  fundValue: {
    label: 'Value (claim now)',
    unit: 'tao',
    help: 'τ a claim would pay for your shares now: the fund’s holdings at their pool prices, your slice of them.',
  },
  fundCostBasis: {
    label: 'Cost basis',
    unit: 'tao',
    help: 'τ paid for the shares still held (shares received: their value then), plus, under Income at receipt with At accrual, their dividends at their value when accrued.',
  },
  fundIncome: {
    label: 'Income',
    unit: 'tao',
    help: 'Root dividends the fund credited to you, valued in τ when accrued; counted then or at the claim, per the Validator fund dividends setting.',
  },
  fundRealized: {
    label: 'Realized',
    unit: 'tao',
    help: 'τ received from claims − the cost basis of the shares they used; forfeited claim dust is a loss.',
  },
  fundUnrealized: {
    label: 'Unrealized',
    unit: 'tao',
    help: 'Value (claim now) − cost basis of the shares still held.',
  },
  fundTotalReturn: {
    label: 'Total return',
    unit: 'tao',
    help: 'Value (claim now) + TAO out − TAO in of the fund position, in τ: realized + unrealized + income under Income at receipt; realized + unrealized under Zero basis (the income is inside them).',
  },
} as const satisfies Record<string, Term & { unit: MetricUnit }>;
export type MetricId = keyof typeof METRICS;
export const metricIds = idsOf(METRICS);

/** The base a percentage divides by; each return carries its base. */
export const RETURN_BASES = {
  netInvested: METRICS.returnOnNetInvested,
  grossIn: METRICS.returnOnGrossIn,
  peakNetInvested: METRICS.returnOnPeakNetInvested,
} as const satisfies Record<string, Term>;
export type ReturnBase = keyof typeof RETURN_BASES;
export const returnBases = idsOf(RETURN_BASES);

/** Trailing periods of the performance table, anchored at the as-of day (UTC). */
export const PERIODS = {
  today: { label: 'Today', help: 'Since the end of the previous recorded day.' },
  '7d': { label: '7 d', help: 'Since the end of the day 7 days before the as-of day.' },
  mtd: { label: 'MTD', help: 'Since the end of the previous month.' },
  qtd: { label: 'QTD', help: 'Since the end of the previous quarter.' },
  ytd: { label: 'YTD', help: 'Since the end of the previous year.' },
  all: { label: 'All', help: 'Since the first recorded flow.' },
} as const satisfies Record<string, Term>;
export type PeriodId = keyof typeof PERIODS;
export const periodIds = idsOf(PERIODS);

export const RISK_FREE = {
  rootYield: {
    label: 'Root yield',
    help: 'The yield root stake earned over the range (your own root positions), annualised: the τ a staker gets without a subnet bet.',
  },
  zero: { label: '0', help: 'No risk-free return: holding τ earns nothing in τ terms.' },
} as const satisfies Record<string, Term>;
export type RiskFreeId = keyof typeof RISK_FREE;
export const riskFreeIds = idsOf(RISK_FREE);

export const INCOME_BUCKETS = {
  day: { label: 'Per day', help: 'UTC days.' },
  week: { label: 'Per week', help: 'Weeks starting Monday, UTC.' },
  month: { label: 'Per month', help: 'Calendar months, UTC.' },
} as const satisfies Record<string, Term>;
export type IncomeBucket = keyof typeof INCOME_BUCKETS;
export const incomeBuckets = idsOf(INCOME_BUCKETS);

/** How the total return is broken down: each breakdown says in one sentence how its lines add up. */
export const BREAKDOWNS = {
  accountingIncome: {
    label: 'By accounting (rewards as income)',
    help: 'Realized PnL + unrealized PnL + emission income = total return: rewards carry their value when received as cost, so their income is counted once, here.',
  },
  accountingZero: {
    label: 'By accounting (zero-basis rewards)',
    help: 'Realized PnL + unrealized PnL = total return: rewards carry no cost, so their value is already inside realized and unrealized; emission income is shown beside, not added.',
  },
  economic: {
    label: 'Against holding TAO',
    help: 'Price effect + emission effect − fees − slippage − burned = total return = the excess over holding TAO; the same under every method and treatment.',
  },
} as const satisfies Record<string, Term>;
export type BreakdownId = keyof typeof BREAKDOWNS;

/** Emission income shown beside realized and unrealized PnL under zero-basis rewards: inside them, not added. */
export const INCOME_INSIDE_PNL = {
  label: 'already inside unrealized and realized PnL',
  help: 'Under zero-basis rewards the α received carries no cost, so its whole value is already inside unrealized and realized PnL: emission income is shown beside them, not added to the total return.',
} as const satisfies Term;

export const DISPLAY_CURRENCIES = {
  tao: { label: 'τ', help: 'Amounts in TAO.' },
  fiat: {
    label: 'Fiat',
    help: 'Amounts in the imported fiat currency: values at the as-of day’s price, dated amounts at their own day’s price; days without a price are listed, never guessed.',
  },
} as const satisfies Record<string, Term>;
export type DisplayCurrency = keyof typeof DISPLAY_CURRENCIES;
export const displayCurrencies = idsOf(DISPLAY_CURRENCIES);
