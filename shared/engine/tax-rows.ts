/**
 * Tax-tool rows (Koinly, CoinTracker) in neutral form, from the ledger and the emission records.
 *
 * Bittensor mapping: a stake is Sent TAO / Received `SN<netuid>` alpha; an unstake the reverse; a
 * cross-subnet swap is Sent SN<a> / Received SN<b>; emissions and root claims are reward income
 * (Received only, net worth at receipt when a fiat price exists, whatever the reward treatment: the tax
 * tool's settings decide their tax); alpha-paid tx fees are a cost;
 * recycle/burn is "lost". Moves within a subnet between the user's own positions are not exported
 * (no asset changes hands). α no event explains is a plain deposit (no label), so each SN<netuid> adds
 * up to the α held: an opening balance (held before the history) at the engine's opening valuation, an
 * unexplained increase without a worth (kept at no cost, never income: docs/chain/reconciliation.md)
 * and described for review unless it is the share pool's rounding. An unexplained decrease is α lost
 * (sent, no proceeds), as the engine books it.
 */
import { chainEventId, type LedgerEntry, type LedgerLeg } from './ledger';
import type { EmissionRecord } from './emissions';
import { isShareRounding } from './reconcile';
import type { BasketRecord } from './baskets';

export function currency(netuid: number): string {
  return `SN${netuid}`;
}

/** A tax-tool row in neutral form, rendered to Koinly or CoinTracker. */
export interface TaxRow {
  timestamp: number;
  sentAmount: bigint | null;
  sentCurrency: string;
  receivedAmount: bigint | null;
  receivedCurrency: string;
  feeAmount: bigint | null;
  feeCurrency: string;
  /** TAO value (rao) at the time, converted to fiat for Koinly's net worth when a price exists. */
  worthTao: bigint | null;
  label: 'trade' | 'reward' | 'cost' | 'lost' | 'transfer';
  description: string;
  txHash: string;
}

/**
 * A row where α only moves one way: received (transfers in, rewards) or sent (transfers out, fees
 * paid in α, burns); `alpha` is the positive amount.
 */
function oneWayRow(
  base: Pick<TaxRow, 'timestamp' | 'txHash' | 'description'>,
  way: 'sent' | 'received',
  alpha: bigint,
  netuid: number,
  worthTao: bigint | null,
  label: TaxRow['label'],
): TaxRow {
  const sent = way === 'sent';
  return {
    ...base,
    sentAmount: sent ? alpha : null,
    sentCurrency: sent ? currency(netuid) : '',
    receivedAmount: sent ? null : alpha,
    receivedCurrency: sent ? '' : currency(netuid),
    feeAmount: null,
    feeCurrency: '',
    worthTao,
    label,
  };
}

function feeOf(leg: LedgerLeg): { amount: bigint; currency: string } | null {
  if (leg.fee === null || leg.fee === 0n) return null;
  return { amount: leg.fee, currency: leg.feeUnit === 'tao' ? 'TAO' : currency(leg.netuid) };
}

/**
 * The tax row of one ledger entry (null: nothing changes hands). Every ledger kind is decided here:
 * a kind added to the vocabulary without a case fails typecheck (this must return on every path).
 */
export function taxRowOf(e: LedgerEntry): TaxRow | null {
  // The entry's first chain event: unique per entry and stable across exports. Koinly drops a row whose
  // date, currency, amount and TxHash all match one it has: with the block hash, identical stakes in one
  // block (a batch spreading stake evenly over validators) would have been dropped as duplicates.
  const first = e.sources[0];
  const tx = first ? chainEventId(first) : '';
  const desc = `${e.kind} block ${e.blockNumber}${e.extrinsicIndex !== null ? `-${e.extrinsicIndex}` : ''}`;
  const base = { timestamp: e.timestamp, txHash: tx, description: desc };
  const legs = e.legs;
  switch (e.kind) {
    case 'buy':
    case 'transfer-in': {
      const l = legs[0] as LedgerLeg;
      const f = feeOf(l);
      // Sent excludes the TAO fee, which is listed separately (StakeAdded.tao is gross from v3).
      const feeTao = f && f.currency === 'TAO' ? f.amount : 0n;
      return e.kind === 'buy'
        ? {
            ...base,
            sentAmount: l.tao - feeTao,
            sentCurrency: 'TAO',
            receivedAmount: l.alpha,
            receivedCurrency: currency(l.netuid),
            feeAmount: f?.amount ?? null,
            feeCurrency: f?.currency ?? '',
            worthTao: l.tao,
            label: 'trade',
          }
        : oneWayRow(base, 'received', l.alpha, l.netuid, l.tao, 'transfer');
    }
    case 'sell':
    case 'transfer-out': {
      const l = legs[0] as LedgerLeg;
      const f = feeOf(l);
      const feeAlpha = f && f.currency !== 'TAO' ? f.amount : 0n;
      // Fees are listed apart: a TAO fee (before v3) came off the TAO received (net), so Received is gross.
      const feeTao = f && f.currency === 'TAO' ? f.amount : 0n;
      return e.kind === 'sell'
        ? {
            ...base,
            sentAmount: -l.alpha - feeAlpha,
            sentCurrency: currency(l.netuid),
            receivedAmount: l.tao + feeTao,
            receivedCurrency: 'TAO',
            feeAmount: f?.amount ?? null,
            feeCurrency: f?.currency ?? '',
            worthTao: l.tao,
            label: 'trade',
          }
        : oneWayRow(base, 'sent', -l.alpha, l.netuid, l.tao, 'transfer');
    }
    case 'swap': {
      const o = legs.find((l) => l.alpha < 0n);
      const d = legs.find((l) => l.alpha >= 0n);
      if (!o || !d) return null;
      // An α fee on the origin side (v3, origin pays) is listed apart; a TAO-side fee is inside the rate.
      const f = feeOf(o);
      const feeAlpha = f && f.currency !== 'TAO' ? f.amount : 0n;
      return {
        ...base,
        sentAmount: -o.alpha - feeAlpha,
        sentCurrency: currency(o.netuid),
        receivedAmount: d.alpha,
        receivedCurrency: currency(d.netuid),
        feeAmount: feeAlpha === 0n ? null : feeAlpha,
        feeCurrency: feeAlpha === 0n ? '' : currency(o.netuid),
        worthTao: o.tao,
        label: 'trade',
      };
    }
    case 'root-claim-keep':
    case 'root-claim-swap':
    case 'lease-dividend':
    case 'miner-incentive': {
      const l = legs[0] as LedgerLeg;
      // Unpriced (no pool snapshot at the block: the leg's TAO is a stand-in 0, flagged missing-price):
      // no worth, as an emission without a price, so the tax tool values it rather than taking 0.
      return oneWayRow(base, 'received', l.alpha, l.netuid, l.spotTao === null ? null : l.tao, 'reward');
    }
    case 'alpha-fee':
    case 'recycle':
    case 'burn': {
      const l = legs[0] as LedgerLeg;
      const fee = e.kind === 'alpha-fee';
      return oneWayRow(base, 'sent', -l.alpha, l.netuid, fee ? l.fee : l.spotTao, fee ? 'cost' : 'lost');
    }
    case 'dissolution': {
      // The subnet's α was paid out in TAO: a disposal at the payout.
      const l = legs[0] as LedgerLeg;
      return {
        ...base,
        sentAmount: -l.alpha,
        sentCurrency: currency(l.netuid),
        receivedAmount: l.tao,
        receivedCurrency: 'TAO',
        feeAmount: null,
        feeCurrency: '',
        worthTao: l.tao,
        label: 'trade',
      };
    }
    case 'move':
    case 'internal-transfer':
    case 'rename':
    case 'coldkey-swap':
      return null; // between own positions: nothing changes hands
    case 'share-reconcile':
      return null; // a migration's correction of the share pool: nothing changes hands
    case 'basket-claim':
      return null; // exported from the basket records (basketTaxRows): shares sent, root α received
  }
}

/** The custom asset of validator H's fund shares (1 share = 1 rao of TAO value at the fund's first mint). */
export function fundCurrency(hotkey: string): string {
  return `FUND-${hotkey.slice(0, 8)}`;
}

/**
 * The tax row of one basket record (docs/chain/baskets.md): a purchase is Sent TAO / Received fund shares;
 * recognized fund dividends are reward income in shares; a claim is Sent shares / Received root α (SN0,
 * 1:1 with TAO); claim dust and vanished shares are lost; transfers to or from untracked coldkeys are
 * transfers. Every kind is decided here (the switch has no default).
 */
export function basketTaxRowOf(r: BasketRecord): TaxRow | null {
  const fund = fundCurrency(r.hotkey);
  const base = {
    timestamp: r.timestamp,
    txHash: '',
    description: `fund ${r.kind} ${r.hotkey} block ${r.blockNumber}`,
    feeAmount: null,
    feeCurrency: '',
  };
  const sent = (amount: bigint, currencyName: string) => ({ sentAmount: amount, sentCurrency: currencyName });
  const received = (amount: bigint, currencyName: string) => ({
    receivedAmount: amount,
    receivedCurrency: currencyName,
  });
  const none = { amount: null, currency: '' };
  switch (r.kind) {
    case 'purchase':
      return { ...base, ...sent(r.tao, 'TAO'), ...received(r.shares, fund), worthTao: r.tao, label: 'trade' };
    case 'income':
      // At claim timing the income record comes with the claim; a record with nothing recognized is no row.
      return r.income === 0n
        ? null
        : {
            ...base,
            sentAmount: none.amount,
            sentCurrency: none.currency,
            ...received(r.shares, fund),
            worthTao: r.income,
            label: 'reward',
          };
    case 'claim':
      return { ...base, ...sent(-r.shares, fund), ...received(r.tao, currency(0)), worthTao: r.tao, label: 'trade' };
    case 'dust':
    case 'unexplained':
      return r.shares === 0n
        ? null
        : {
            ...base,
            ...sent(-r.shares, fund),
            receivedAmount: none.amount,
            receivedCurrency: none.currency,
            worthTao: r.kind === 'dust' ? r.tao : null,
            label: 'lost',
          };
    case 'transfer-in':
      return {
        ...base,
        sentAmount: none.amount,
        sentCurrency: none.currency,
        ...received(r.shares, fund),
        worthTao: r.tao,
        label: 'transfer',
      };
    case 'transfer-out':
      return {
        ...base,
        ...sent(-r.shares, fund),
        receivedAmount: none.amount,
        receivedCurrency: none.currency,
        worthTao: r.tao,
        label: 'transfer',
      };
  }
}

/**
 * Neutral tax rows from the ledger, emission records, basket records and opening balances (only legs
 * of tracked wallets are in the ledger).
 */
export function taxRows(
  ledger: readonly LedgerEntry[],
  emissions: readonly EmissionRecord[],
  baskets: readonly BasketRecord[] = [],
  openings: readonly EmissionRecord[] = [],
): TaxRow[] {
  const rows: TaxRow[] = [];
  // First, so a row of the same time that sends this α sorts after its deposit.
  for (const r of openings) {
    const description = `opening balance ${r.hotkey} block ${r.toBlock}`;
    const base = { timestamp: r.timestamp, txHash: '', description };
    rows.push(oneWayRow(base, 'received', r.alpha, r.netuid, r.price ? r.tao : null, 'transfer'));
  }
  for (const r of baskets) {
    const row = basketTaxRowOf(r);
    if (row) rows.push(row);
  }
  for (const e of ledger) {
    const row = taxRowOf(e);
    if (row) rows.push(row);
  }
  for (const r of emissions) {
    if (r.alpha === 0n) continue;
    // Only emission is income. An unexplained increase is a deposit to review; an unexplained decrease
    // is α lost, as the engine books it (it leaves with its cost, no proceeds) and as a fund's
    // unexplained share decrease is exported: without its row the tax tool would hold α that is gone.
    const income = r.kind === 'emission';
    const lost = r.alpha < 0n;
    const blocks = `${r.hotkey} blocks ${r.fromBlock + 1}-${r.toBlock}`;
    // The share pool's rounding (an α-rao or two) is no finding to review.
    const description = income
      ? `emission ${blocks}`
      : isShareRounding(r)
        ? `share-pool rounding ${blocks}`
        : `unexplained ${lost ? 'decrease' : 'increase'} ${blocks} (review)`;
    const base = { timestamp: r.timestamp, txHash: '', description };
    const worth = income && r.price ? r.tao : null;
    if (lost) rows.push(oneWayRow(base, 'sent', -r.alpha, r.netuid, null, 'lost'));
    else rows.push(oneWayRow(base, 'received', r.alpha, r.netuid, worth, income ? 'reward' : 'transfer'));
  }
  rows.sort((a, b) => a.timestamp - b.timestamp);
  return rows;
}
